import Testing
import TarnCore
@testable import TarnParquet

private typealias Support = ShreddingTestSupport

/// Hand-computed levels. Notation in comments: `value (r, d)`.
@Suite struct ShredderTests {
    // MARK: Flat columns

    @Test(arguments: [0, 1, 63, 64, 65, 200])
    func requiredFlatColumnHasNoLevels(count: Int) throws {
        let values = (0..<count).map { Int64($0 * 7) }
        let field = Field("a", .int64, nullable: false)
        let leaves = Shredder.shred(Column(values.map { Optional($0) }), as: field)
        try #require(leaves.count == 1)
        let leaf = leaves[0]
        #expect(leaf.maxDefinitionLevel == 0 && leaf.maxRepetitionLevel == 0)
        #expect(leaf.definitionLevels.isEmpty && leaf.repetitionLevels.isEmpty)
        #expect(leaf.allPresent)
        #expect(leaf.levelCount == count && leaf.valueCount == count)
        #expect(Support.int64s(leaf.values) == values)
    }

    @Test(arguments: [0, 1, 63, 64, 65, 200])
    func optionalFlatColumnWithoutNullsIsAllPresent(count: Int) throws {
        let values = (0..<count).map { Int32($0) }
        let field = Field("a", .int32)
        for column in [Column(values.map { Optional($0) }),
                       Column(values: .int32(values), validity: Bitmap(repeating: true, count: count))] {
            let leaf = try #require(Shredder.shred(column, as: field).first)
            #expect(leaf.maxDefinitionLevel == 1 && leaf.maxRepetitionLevel == 0)
            #expect(leaf.allPresent && leaf.definitionLevels.isEmpty && leaf.repetitionLevels.isEmpty)
            #expect(leaf.materializedDefinitionLevels == Array(repeating: 1, count: count))
            #expect(leaf.levelCount == count && leaf.valueCount == count)
            #expect(Support.int64s(leaf.values) == values.map(Int64.init))
        }
    }

    @Test(arguments: [0, 1, 63, 64, 65, 200, 255, 256, 257, 1000])
    func optionalFlatColumnWithNulls(count: Int) throws {
        // Every third row is null, plus a run of nulls over rows 64..<70 when present.
        func isNull(_ i: Int) -> Bool { i % 3 == 0 || (64..<70).contains(i) }
        let rows: [Int64?] = (0..<count).map { isNull($0) ? nil : Int64($0) }
        let leaf = try #require(Shredder.shred(Column(rows), as: Field("a", .int64)).first)
        #expect(leaf.maxDefinitionLevel == 1)
        #expect(!leaf.allPresent || count == 0)
        #expect(Support.definitions(leaf) == rows.map { $0 == nil ? 0 : 1 })
        #expect(leaf.repetitionLevels.isEmpty)
        #expect(leaf.levelCount == count)
        #expect(Support.int64s(leaf.values) == rows.compactMap { $0 })
        #expect(leaf.valueCount == rows.compactMap { $0 }.count)
        #expect(leaf.nullCount == count - leaf.valueCount)
    }

    @Test func flatNullsInEveryStorageKind() throws {
        let present: [Bool] = (0..<130).map { $0 % 5 != 1 && !(60..<68).contains($0) }
        let validity = Bitmap(present)
        let expectedDefinitions = present.map { UInt16($0 ? 1 : 0) }
        func check(_ values: ColumnValues, _ type: DataType, dense: (ColumnValues) -> Void) throws {
            let leaf = try #require(Shredder.shred(Column(values: values, validity: validity, count: 130), as: Field("a", type)).first)
            #expect(leaf.definitionLevels == expectedDefinitions)
            #expect(leaf.valueCount == present.filter { $0 }.count)
            dense(leaf.values)
        }
        let indices = (0..<130).filter { present[$0] }

        try check(.boolean(Bitmap((0..<130).map { $0 % 3 == 0 })), .boolean) { values in
            guard case .boolean(let bits) = values else { Issue.record("storage"); return }
            #expect(bits == Bitmap(indices.map { $0 % 3 == 0 }))
        }
        try check(.int128((0..<130).map { Int128($0) << 70 }), .decimal(precision: 30, scale: 0)) { values in
            guard case .int128(let v) = values else { Issue.record("storage"); return }
            #expect(v == indices.map { Int128($0) << 70 })
        }
        try check(.float32((0..<130).map { Float($0) / 2 }), .float32) { values in
            guard case .float32(let v) = values else { Issue.record("storage"); return }
            #expect(v == indices.map { Float($0) / 2 })
        }
        try check(.float64((0..<130).map { Double($0) * 1.5 }), .float64) { values in
            guard case .float64(let v) = values else { Issue.record("storage"); return }
            #expect(v == indices.map { Double($0) * 1.5 })
        }
        // Null slots hold bytes here too (Arrow allows it); they must not leak into the output.
        let strings = (0..<130).map { String(repeating: "x", count: $0 % 4) + "\($0)" }
        let stringColumn = Column(strings: strings)
        try check(stringColumn.values, .string) { values in
            #expect(Support.strings(values) == indices.map { strings[$0] })
        }
        let fixed = (0..<130).flatMap { i in (0..<16).map { UInt8(truncatingIfNeeded: i * 16 + $0) } }
        try check(.fixedBytes(width: 16, data: fixed), .uuid) { values in
            guard case .fixedBytes(16, let data) = values else { Issue.record("storage"); return }
            #expect(data == indices.flatMap { i in (0..<16).map { UInt8(truncatingIfNeeded: i * 16 + $0) } })
        }
    }

    @Test func unchangedValuesAreTheColumnsOwnArray() throws {
        let column = Column([Int64(1), 2, 3])
        let leaf = try #require(Shredder.shred(column, as: Field("a", .int64)).first)
        guard case .int64(let original) = column.values, case .int64(let dense) = leaf.values else {
            Issue.record("storage"); return
        }
        original.withUnsafeBufferPointer { a in
            dense.withUnsafeBufferPointer { b in #expect(a.baseAddress == b.baseAddress) }
        }
    }

    // MARK: Dremel paper, Figure 2/3

    /// The paper's Document schema with bare repeated fields written as Tarn lists with
    /// required list nodes and required elements, which gives the same levels.
    @Test func dremelPaperDocuments() throws {
        let string = DataType.string
        func requiredList(_ element: DataType) -> DataType { .list(Field("element", element, nullable: false)) }
        let language = DataType.structure([Field("Code", string, nullable: false), Field("Country", string)])
        let name = DataType.structure([Field("Language", requiredList(language), nullable: false), Field("Url", string)])
        let schema = Schema([
            Field("DocId", .int64, nullable: false),
            Field("Links", .structure([Field("Backward", requiredList(.int64), nullable: false),
                                       Field("Forward", requiredList(.int64), nullable: false)])),
            Field("Name", requiredList(name), nullable: false),
        ])
        let languages = Column(structPresence: nil, children: [
            Column(strings: ["en-us", "en", "en-gb"]),
            Column(strings: ["us", nil, "gb"]),
        ])
        let names = Column(structPresence: nil, children: [
            Column(listLengths: [2, 0, 1, 0], element: languages),
            Column(strings: ["http://A", "http://B", nil, "http://C"]),
        ])
        let batch = try ColumnBatch(schema: schema, columns: [
            Column([Int64(10), 20]),
            Column(structPresence: nil, children: [
                Column(listLengths: [0, 2], element: Column([Int64(10), 30])),
                Column(listLengths: [3, 1], element: Column([Int64(20), 40, 60, 80])),
            ]),
            Column(listLengths: [3, 1], element: names),
        ])

        let paths = LeafPath.leaves(of: schema)
        #expect(paths.map(\.path) == [
            ["DocId"], ["Links", "Backward", "list", "element"], ["Links", "Forward", "list", "element"],
            ["Name", "list", "element", "Language", "list", "element", "Code"],
            ["Name", "list", "element", "Language", "list", "element", "Country"],
            ["Name", "list", "element", "Url"],
        ])
        #expect(paths.map(\.maxDefinitionLevel) == [0, 2, 2, 2, 3, 2])
        #expect(paths.map(\.maxRepetitionLevel) == [0, 1, 1, 2, 2, 1])

        let leaves = Shredder.shred(batch)
        try #require(leaves.count == 6)
        // DocId: 10 (0,0), 20 (0,0)
        #expect(Support.int64s(leaves[0].values) == [10, 20])
        #expect(leaves[0].definitionLevels.isEmpty && leaves[0].repetitionLevels.isEmpty && leaves[0].levelCount == 2)
        // Links.Backward: NULL (0,1), 10 (0,2), 30 (1,2)
        #expect(Support.int64s(leaves[1].values) == [10, 30])
        #expect(leaves[1].repetitionLevels == [0, 0, 1])
        #expect(leaves[1].definitionLevels == [1, 2, 2])
        // Links.Forward: 20 (0,2), 40 (1,2), 60 (1,2), 80 (0,2)
        #expect(Support.int64s(leaves[2].values) == [20, 40, 60, 80])
        #expect(leaves[2].repetitionLevels == [0, 1, 1, 0])
        #expect(Support.definitions(leaves[2]) == [2, 2, 2, 2])
        #expect(leaves[2].allPresent)
        // Name.Language.Code: en-us (0,2), en (2,2), NULL (1,1), en-gb (1,2), NULL (0,1)
        #expect(Support.strings(leaves[3].values) == ["en-us", "en", "en-gb"])
        #expect(leaves[3].repetitionLevels == [0, 2, 1, 1, 0])
        #expect(leaves[3].definitionLevels == [2, 2, 1, 2, 1])
        // Name.Language.Country: us (0,3), NULL (2,2), NULL (1,1), gb (1,3), NULL (0,1)
        #expect(Support.strings(leaves[4].values) == ["us", "gb"])
        #expect(leaves[4].repetitionLevels == [0, 2, 1, 1, 0])
        #expect(leaves[4].definitionLevels == [3, 2, 1, 3, 1])
        // Name.Url: http://A (0,2), http://B (1,2), NULL (1,1), http://C (0,2)
        #expect(Support.strings(leaves[5].values) == ["http://A", "http://B", "http://C"])
        #expect(leaves[5].repetitionLevels == [0, 1, 1, 0])
        #expect(leaves[5].definitionLevels == [2, 2, 1, 2])
    }

    // MARK: Lists

    @Test func listDistinguishesNullEmptyAndNullElement() throws {
        // [[1, 2], null, [], [null], [3]]
        let column = Column(listLengths: [2, nil, 0, 1, 1], element: Column([Int64(1), 2, nil, 3]))
        let field = Field("l", .list(Field("element", .int64)))
        let leaf = try #require(Shredder.shred(column, as: field).first)
        #expect(leaf.maxDefinitionLevel == 3 && leaf.maxRepetitionLevel == 1)
        // 1 (0,3), 2 (1,3), null list (0,0), empty (0,1), null element (0,2), 3 (0,3)
        #expect(leaf.definitionLevels == [3, 3, 0, 1, 2, 3])
        #expect(leaf.repetitionLevels == [0, 1, 0, 0, 0, 0])
        #expect(leaf.levelCount == 6)
        #expect(Support.int64s(leaf.values) == [1, 2, 3])
        #expect(leaf.valueCount == 3)
    }

    @Test func listOfLists() throws {
        // [[1, 2], [3]], [[], null, [4]], null, [[null]]
        let inner = Column(listLengths: [2, 1, 0, nil, 1, 1], element: Column([Int32(1), 2, 3, 4, nil]))
        let column = Column(listLengths: [2, 3, nil, 1], element: inner)
        let field = Field("ll", .list(Field("element", .list(Field("element", .int32)))))
        let leaf = try #require(Shredder.shred(column, as: field).first)
        #expect(leaf.maxDefinitionLevel == 5 && leaf.maxRepetitionLevel == 2)
        // 1 (0,5), 2 (2,5), 3 (1,5) | [] (0,3), null (1,2), 4 (1,5) | null (0,0) | [[null]] (0,4)
        #expect(leaf.definitionLevels == [5, 5, 5, 3, 2, 5, 0, 4])
        #expect(leaf.repetitionLevels == [0, 2, 1, 0, 1, 1, 0, 0])
        #expect(Support.int64s(leaf.values) == [1, 2, 3, 4])
        #expect(LeafPath.leaves(of: field).map(\.path) == [["ll", "list", "element", "list", "element"]])
    }

    @Test func listOfStructsWithListMember() throws {
        // r0 [{a: 1, b: ["x", "y"]}, {a: null, b: null}]
        // r1 [null, {a: 2, b: []}]   -- the null struct's slot holds a = 99 and b = ["zzz"]: skipped
        // r2 null
        // r3 [{a: 3, b: [null]}]
        // r4 []
        let a = Column([Int32(1), nil, 99, 2, 3])
        let b = Column(listLengths: [2, nil, 1, 0, 1], element: Column(strings: ["x", "y", "zzz", nil]))
        let structs = Column(structPresence: [true, true, false, true, true], children: [a, b])
        let column = Column(listLengths: [2, 2, nil, 1, 0], element: structs)
        let element = Field("element", .structure([Field("a", .int32), Field("b", .list(Field("element", .string)))]))
        let field = Field("s", .list(element))
        _ = try ColumnBatch(schema: Schema([field]), columns: [column])

        let paths = LeafPath.leaves(of: field)
        #expect(paths.map(\.path) == [["s", "list", "element", "a"], ["s", "list", "element", "b", "list", "element"]])
        #expect(paths.map(\.maxDefinitionLevel) == [4, 6])
        #expect(paths.map(\.maxRepetitionLevel) == [1, 2])

        let leaves = Shredder.shred(column, as: field)
        try #require(leaves.count == 2)
        // a: 1 (0,4), null (1,3) | null struct (0,2), 2 (1,4) | null (0,0) | 3 (0,4) | [] (0,1)
        #expect(leaves[0].definitionLevels == [4, 3, 2, 4, 0, 4, 1])
        #expect(leaves[0].repetitionLevels == [0, 1, 0, 1, 0, 0, 0])
        #expect(Support.int64s(leaves[0].values) == [1, 2, 3])
        // b: x (0,6), y (2,6), null b (1,3) | null struct (0,2), [] (1,4) | null (0,0) | [null] (0,5) | [] (0,1)
        #expect(leaves[1].definitionLevels == [6, 6, 3, 2, 4, 0, 5, 1])
        #expect(leaves[1].repetitionLevels == [0, 2, 1, 0, 1, 0, 0, 0])
        #expect(Support.strings(leaves[1].values) == ["x", "y"])
    }

    @Test func requiredListOfRequiredElements() throws {
        let field = Field("l", .list(Field("element", .int64, nullable: false)), nullable: false)
        // [[1, 2, 3], [], [4]]: 1 (0,1), 2 (1,1), 3 (1,1), [] (0,0), 4 (0,1)
        let withEmpty = try #require(Shredder.shred(Column(listLengths: [3, 0, 1], element: Column([Int64(1), 2, 3, 4])), as: field).first)
        #expect(withEmpty.maxDefinitionLevel == 1 && withEmpty.maxRepetitionLevel == 1)
        #expect(withEmpty.definitionLevels == [1, 1, 1, 0, 1])
        #expect(withEmpty.repetitionLevels == [0, 1, 1, 0, 0])
        #expect(Support.int64s(withEmpty.values) == [1, 2, 3, 4])
        // [[1], [2, 3]]: nothing is missing, so no definition levels are materialised.
        let full = try #require(Shredder.shred(Column(listLengths: [1, 2], element: Column([Int64(1), 2, 3])), as: field).first)
        #expect(full.allPresent && full.definitionLevels.isEmpty)
        #expect(full.repetitionLevels == [0, 0, 1])
        #expect(full.levelCount == 3 && full.valueCount == 3)
    }

    @Test func nullListWithNonEmptyRangeSkipsItsChildren() throws {
        // Row 1 is null but its offsets cover elements 2..<5.
        let column = Column(values: .list(offsets: [0, 2, 5, 6], element: Column([Int64(1), 2, 3, 4, 5, 6])),
                            validity: Bitmap([true, false, true]), count: 3)
        let field = Field("l", .list(Field("element", .int64)))
        _ = try ColumnBatch(schema: Schema([field]), columns: [column])
        let leaf = try #require(Shredder.shred(column, as: field).first)
        // 1 (0,3), 2 (1,3), null (0,0), 6 (0,3)
        #expect(leaf.definitionLevels == [3, 3, 0, 3])
        #expect(leaf.repetitionLevels == [0, 1, 0, 0])
        #expect(Support.int64s(leaf.values) == [1, 2, 6])
        #expect(leaf.valueCount == 3 && leaf.levelCount == 4)
    }

    @Test func tenLevelsOfLists() throws {
        // r0: nine singleton lists around [1, 2]
        // r1: null
        // r2: four singleton lists around an empty fifth list
        // r3: level 1 has two elements, each nine singletons around [3] and [4]
        // r4: nine singleton lists around [null]
        let lengths: [[Int?]] = [
            [1, nil, 1, 2, 1],                       // level 1: 5 rows
            [1, 1, 1, 1, 1], [1, 1, 1, 1, 1], [1, 1, 1, 1, 1],
            [1, 0, 1, 1, 1],                         // level 5
            [1, 1, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1],
            [2, 1, 1, 1],                            // level 10
        ]
        var column = Column([Int64(1), 2, 3, 4, nil])
        var type = DataType.int64
        for level in lengths.reversed() {
            column = Column(listLengths: level, element: column)
            type = .list(Field("element", type))
        }
        let field = Field("deep", type)
        _ = try ColumnBatch(schema: Schema([field]), columns: [column])

        let path = try #require(LeafPath.leaves(of: field).first)
        #expect(path.path == ["deep"] + Array(repeating: ["list", "element"], count: 10).flatMap { $0 })
        #expect(path.maxDefinitionLevel == 21 && path.maxRepetitionLevel == 10)

        let leaf = try #require(Shredder.shred(column, as: field).first)
        #expect(leaf.maxDefinitionLevel == 21 && leaf.maxRepetitionLevel == 10)
        // 1 (0,21), 2 (10,21) | null (0,0) | empty fifth list (0,9) | 3 (0,21), 4 (1,21) | null (0,20)
        #expect(leaf.definitionLevels == [21, 21, 0, 9, 21, 21, 20])
        #expect(leaf.repetitionLevels == [0, 10, 0, 0, 0, 1, 0])
        #expect(Support.int64s(leaf.values) == [1, 2, 3, 4])
    }

    // MARK: Structs and maps

    @Test func nullOuterStructDiffersFromNullInner() throws {
        // {t: {x: 1}}, null (inner slot holds x = 77), {t: null}, {t: {x: null}}, {t: {x: 5}}
        let x = Column([Int64(1), 77, 0, nil, 5])
        let inner = Column(structPresence: [true, true, false, true, true], children: [x])
        let outer = Column(structPresence: [true, false, true, true, true], children: [inner])
        let field = Field("s", .structure([Field("t", .structure([Field("x", .int64)]))]))
        _ = try ColumnBatch(schema: Schema([field]), columns: [outer])
        let leaf = try #require(Shredder.shred(outer, as: field).first)
        #expect(leaf.maxDefinitionLevel == 3 && leaf.maxRepetitionLevel == 0)
        #expect(leaf.definitionLevels == [3, 0, 1, 2, 3])
        #expect(leaf.repetitionLevels.isEmpty)
        #expect(Support.int64s(leaf.values) == [1, 5])
        #expect(LeafPath.leaves(of: field).map(\.path) == [["s", "t", "x"]])
    }

    @Test(arguments: [5, 255, 256, 263, 1000])
    func nestedStructNullsAtEveryLevel(count: Int) throws {
        // Nulls at three optional nodes give three nested masks; levels must sum them.
        let outerPresent = (0..<count).map { $0 % 7 != 3 }
        let innerPresent = (0..<count).map { $0 % 5 != 1 }
        let xs: [Int64?] = (0..<count).map { $0 % 3 == 2 ? nil : Int64($0) }
        let outer = Column(structPresence: outerPresent, children: [
            Column(structPresence: innerPresent, children: [Column(xs)]),
        ])
        let field = Field("s", .structure([Field("t", .structure([Field("x", .int64)]))]))
        let leaf = try #require(Shredder.shred(outer, as: field).first)
        let expected: [UInt16] = (0..<count).map { i in
            !outerPresent[i] ? 0 : !innerPresent[i] ? 1 : xs[i] == nil ? 2 : 3
        }
        #expect(leaf.definitionLevels == expected)
        #expect(Support.int64s(leaf.values) == (0..<count).filter { expected[$0] == 3 }.map { xs[$0]! })
    }

    @Test func requiredMembersUnderOptionalStruct() throws {
        // struct<required a: int32, optional b: string>, rows: {1, "p"}, null, {3, null}
        let field = Field("s", .structure([Field("a", .int32, nullable: false), Field("b", .string)]))
        let column = Column(structPresence: [true, false, true],
                            children: [Column([Int32(1), 2, 3]), Column(strings: ["p", "q", nil])])
        let leaves = Shredder.shred(column, as: field)
        try #require(leaves.count == 2)
        #expect(leaves[0].maxDefinitionLevel == 1 && leaves[0].definitionLevels == [1, 0, 1])
        #expect(Support.int64s(leaves[0].values) == [1, 3])
        #expect(leaves[1].maxDefinitionLevel == 2 && leaves[1].definitionLevels == [2, 0, 1])
        #expect(Support.strings(leaves[1].values) == ["p"])
    }

    @Test func mapWithNullMapEmptyMapAndNullValue() throws {
        // {"a": 1, "b": null}, null, {}, {"c": 3}
        let column = Column(mapLengths: [2, nil, 0, 1],
                            keys: Column(strings: ["a", "b", "c"]),
                            values: Column([Int32(1), nil, 3]))
        let field = Field("m", .map(key: Field("key", .string, nullable: false), value: Field("value", .int32)))
        _ = try ColumnBatch(schema: Schema([field]), columns: [column])

        let paths = LeafPath.leaves(of: field)
        #expect(paths.map(\.path) == [["m", "key_value", "key"], ["m", "key_value", "value"]])
        #expect(paths.map(\.maxDefinitionLevel) == [2, 3])
        #expect(paths.map(\.maxRepetitionLevel) == [1, 1])
        #expect(paths[0].field == Field("key", .string, nullable: false))

        let leaves = Shredder.shred(column, as: field)
        try #require(leaves.count == 2)
        // key: a (0,2), b (1,2), null map (0,0), empty (0,1), c (0,2)
        #expect(leaves[0].definitionLevels == [2, 2, 0, 1, 2])
        #expect(leaves[0].repetitionLevels == [0, 1, 0, 0, 0])
        #expect(Support.strings(leaves[0].values) == ["a", "b", "c"])
        // value: 1 (0,3), null (1,2), null map (0,0), empty (0,1), 3 (0,3)
        #expect(leaves[1].definitionLevels == [3, 2, 0, 1, 3])
        #expect(leaves[1].repetitionLevels == [0, 1, 0, 0, 0])
        #expect(Support.int64s(leaves[1].values) == [1, 3])
    }

    @Test func mapKeyIsRequiredEvenIfDeclaredNullable() throws {
        let field = Field("m", .map(key: Field("k", .int32), value: Field("v", .int32, nullable: false)), nullable: false)
        let paths = LeafPath.leaves(of: field)
        #expect(paths.map(\.maxDefinitionLevel) == [1, 1])
        #expect(paths[0].field.nullable == false && paths[0].field.name == "key")
        let column = Column(mapLengths: [1, 0], keys: Column([Int32(7)]), values: Column([Int32(8)]))
        let leaves = Shredder.shred(column, as: field)
        #expect(leaves.map(\.maxDefinitionLevel) == [1, 1])
        #expect(leaves[0].definitionLevels == [1, 0] && leaves[1].definitionLevels == [1, 0])
    }

    // MARK: Dense gather

    @Test func gatherRunsAcrossWordBoundaries() {
        // Runs that start, end and continue across words, a full word, and a lone bit.
        let present: [Bool] = (0..<300).map { i in (10..<150).contains(i) || i == 200 || (256..<300).contains(i) }
        let values = (0..<300).map { Int64($0) }
        let dense = DenseGather.gather(ColumnValues.int64(values), present: Bitmap(present))
        guard case .int64(let gathered) = dense else { Issue.record("storage"); return }
        #expect(gathered == values.indices.filter { present[$0] }.map { values[$0] })

        var runs: [Range<Int>] = []
        Bitmap(present).words.withUnsafeBufferPointer { words in
            DenseGather.forEachRun(in: words) { start, count in runs.append(start..<start + count) }
        }
        #expect(runs == [10..<150, 200..<201, 256..<300])
    }
}
