/// The Hive storage classes a table's classification maps to: what Glue puts in a
/// `StorageDescriptor` and what the Hive DDL names after `ROW FORMAT` / `STORED AS`.
struct StorageFormat {
    var inputFormat: String
    var outputFormat: String
    var serializationLibrary: String
    var serdeParameters: [String: String]

    static let textInput = "org.apache.hadoop.mapred.TextInputFormat"
    static let textOutput = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat"
    static let openCSVSerde = "org.apache.hadoop.hive.serde2.OpenCSVSerde"
    static let lazySimpleSerde = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe"
    static let jsonSerde = "org.openx.data.jsonserde.JsonSerDe"
    static let parquetSerde = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"

    init(inputFormat: String, outputFormat: String, serializationLibrary: String, serdeParameters: [String: String]) {
        self.inputFormat = inputFormat
        self.outputFormat = outputFormat
        self.serializationLibrary = serializationLibrary
        self.serdeParameters = serdeParameters
    }

    init(_ table: CatalogTable) {
        let format = table.format
        switch format.classification {
        case .parquet:
            self.init(inputFormat: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
                      outputFormat: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
                      serializationLibrary: StorageFormat.parquetSerde, serdeParameters: ["serialization.format": "1"])
        case .orc:
            self.init(inputFormat: "org.apache.hadoop.hive.ql.io.orc.OrcInputFormat",
                      outputFormat: "org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat",
                      serializationLibrary: "org.apache.hadoop.hive.ql.io.orc.OrcSerde", serdeParameters: [:])
        case .avro:
            self.init(inputFormat: "org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat",
                      outputFormat: "org.apache.hadoop.hive.ql.io.avro.AvroContainerOutputFormat",
                      serializationLibrary: "org.apache.hadoop.hive.serde2.avro.AvroSerDe", serdeParameters: [:])
        case .json:
            // The openx serde maps JSON keys to columns by name; `paths` lists them as the crawlers do.
            self.init(inputFormat: StorageFormat.textInput, outputFormat: StorageFormat.textOutput,
                      serializationLibrary: StorageFormat.jsonSerde,
                      serdeParameters: ["paths": table.schema.fields.map(\.name).joined(separator: ",")])
        default:
            let dialect = format.csv ?? CSVFormat()
            if let quote = dialect.quote {
                // OpenCSVSerde reads quoted fields; a doubled quote inside one is also understood.
                self.init(inputFormat: StorageFormat.textInput, outputFormat: StorageFormat.textOutput,
                          serializationLibrary: StorageFormat.openCSVSerde,
                          serdeParameters: ["separatorChar": String(dialect.delimiter), "quoteChar": String(quote),
                                            "escapeChar": String(dialect.escape ?? "\\")])
            } else {
                // Unquoted text: plain delimited rows.
                self.init(inputFormat: StorageFormat.textInput, outputFormat: StorageFormat.textOutput,
                          serializationLibrary: StorageFormat.lazySimpleSerde,
                          serdeParameters: ["field.delim": String(dialect.delimiter), "serialization.format": String(dialect.delimiter)])
            }
        }
    }
}
