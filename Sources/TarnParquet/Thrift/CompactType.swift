// Thrift compact protocol type codes, as they appear in field headers and list headers.
// Spec: https://github.com/apache/thrift/blob/master/doc/specs/thrift-compact-protocol.md

/// The 4-bit type code of a compact-protocol field or list element.
///
/// In a field header a bool carries its value in the type (`booleanTrue` = 1,
/// `booleanFalse` = 2). As a list element type, either code means "bool", and each
/// element is one byte (1 = true, 2 = false; old writers used 0 for false).
enum CompactType: UInt8, Sendable {
    case booleanTrue = 1
    case booleanFalse = 2
    case i8 = 3
    case i16 = 4
    case i32 = 5
    case i64 = 6
    case double = 7
    case binary = 8
    case list = 9
    case set = 10
    case map = 11
    case `struct` = 12

    var name: String {
        switch self {
        case .booleanTrue, .booleanFalse: return "bool"
        case .i8: return "i8"
        case .i16: return "i16"
        case .i32: return "i32"
        case .i64: return "i64"
        case .double: return "double"
        case .binary: return "binary"
        case .list: return "list"
        case .set: return "set"
        case .map: return "map"
        case .struct: return "struct"
        }
    }

    var isBool: Bool { self == .booleanTrue || self == .booleanFalse }
}
