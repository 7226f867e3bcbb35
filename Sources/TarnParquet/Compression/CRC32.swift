// CRC-32 with the polynomial of zlib, gzip and PNG (reflected 0xEDB88320, initial and
// final XOR 0xFFFFFFFF); parquet.thrift's PageHeader.crc uses this one.
// zlib's implementation is table-driven with braided loops, faster than a Swift loop.
import CZlib

/// A running CRC-32, as Parquet page checksums use.
package struct CRC32: Sendable {
    package private(set) var value: UInt32 = 0

    package init() {}

    package mutating func update(_ bytes: UnsafeRawBufferPointer) {
        value = UInt32(crc32_z(uLong(value), bytes.nonNullBase.assumingMemoryBound(to: Bytef.self), bytes.count))
    }

    package mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    package static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var crc = CRC32()
        crc.update(bytes)
        return crc.value
    }

    package static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0) }
    }
}
