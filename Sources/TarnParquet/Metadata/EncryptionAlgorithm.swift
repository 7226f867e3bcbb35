/// The algorithm of an encrypted file (thrift union `EncryptionAlgorithm`). Tarn does not
/// decrypt; the footer reader uses this only to reject encrypted files clearly.
/// The members' AAD fields are skipped when read.
public enum EncryptionAlgorithm: Hashable, Sendable {
    case aesGcmV1                    // 1: AesGcmV1 AES_GCM_V1
    case aesGcmCtrV1                 // 2: AesGcmCtrV1 AES_GCM_CTR_V1
    case unrecognized(fieldId: Int16)

    public var name: String {
        switch self {
        case .aesGcmV1: return "AES_GCM_V1"
        case .aesGcmCtrV1: return "AES_GCM_CTR_V1"
        case let .unrecognized(id): return "EncryptionAlgorithm(\(id))"
        }
    }
}

extension EncryptionAlgorithm: ThriftStruct {
    func encode(to writer: inout CompactWriter) {
        writer.writeStructBegin()
        switch self {
        case .aesGcmV1: writer.writeEmptyStructField(1)
        case .aesGcmCtrV1: writer.writeEmptyStructField(2)
        case let .unrecognized(id): writer.writeEmptyStructField(id)
        }
        writer.writeStructEnd()
    }

    init(from reader: inout CompactReader) throws(ParquetError) {
        let member = try reader.readUnionOfEmptyStructs(CompactField(id: 0, type: .struct), union: "EncryptionAlgorithm")
        switch member {
        case 1: self = .aesGcmV1
        case 2: self = .aesGcmCtrV1
        default: self = .unrecognized(fieldId: member)
        }
    }
}
