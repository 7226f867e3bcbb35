// XXH64 as specified in https://github.com/Cyan4973/xxHash/blob/dev/doc/xxhash_spec.md
// (section "XXH64 Algorithm Description"):
//
//   len >= 32: four accumulators v1..v4 seeded with seed+P1+P2, seed+P2, seed, seed-P1
//              consume 32-byte stripes: v = rotl(v + lane * P2, 31) * P1;
//              acc = rotl(v1,1) + rotl(v2,7) + rotl(v3,12) + rotl(v4,18), then each v
//              is merged: acc = (acc ^ round(0, v)) * P1 + P4
//   len < 32:  acc = seed + P5
//   acc += len; then the tail: 8-byte lanes  acc = rotl(acc ^ round(0, lane), 27) * P1 + P4
//                              a 4-byte lane acc = rotl(acc ^ (lane * P1), 23) * P2 + P3
//                              single bytes  acc = rotl(acc ^ (byte * P5), 11) * P1
//   avalanche: acc ^= acc >> 33; acc *= P2; acc ^= acc >> 29; acc *= P3; acc ^= acc >> 32
//
// Lanes are read little-endian, which makes this the "x86-64 version" Parquet's
// BloomFilter.md asks for on every platform.

/// xxHash64, the hash of Parquet's split-block bloom filters (which use seed 0).
package enum XXHash64 {
    @usableFromInline static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    @usableFromInline static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    @usableFromInline static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
    @usableFromInline static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63
    @usableFromInline static let prime5: UInt64 = 0x27D4_EB2F_1656_67C5

    /// The hash of `bytes`.
    package static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        let length = bytes.count
        guard let base = bytes.baseAddress, length > 0 else {
            return avalanche(seed &+ prime5)
        }
        var offset = 0
        var acc: UInt64
        if length >= 32 {
            var v1 = seed &+ prime1 &+ prime2
            var v2 = seed &+ prime2
            var v3 = seed
            var v4 = seed &- prime1
            // Each stripe reads bytes offset..<offset+32, and the loop stops while
            // offset + 32 <= length, so every load is in bounds.
            while offset &+ 32 <= length {
                v1 = round(v1, load64(base, offset))
                v2 = round(v2, load64(base, offset &+ 8))
                v3 = round(v3, load64(base, offset &+ 16))
                v4 = round(v4, load64(base, offset &+ 24))
                offset &+= 32
            }
            acc = rotl(v1, 1) &+ rotl(v2, 7) &+ rotl(v3, 12) &+ rotl(v4, 18)
            acc = mergeRound(acc, v1)
            acc = mergeRound(acc, v2)
            acc = mergeRound(acc, v3)
            acc = mergeRound(acc, v4)
        } else {
            acc = seed &+ prime5
        }
        acc &+= UInt64(truncatingIfNeeded: length)
        while offset &+ 8 <= length {
            acc = rotl(acc ^ round(0, load64(base, offset)), 27) &* prime1 &+ prime4
            offset &+= 8
        }
        if offset &+ 4 <= length {
            acc = rotl(acc ^ (UInt64(load32(base, offset)) &* prime1), 23) &* prime2 &+ prime3
            offset &+= 4
        }
        while offset < length {
            acc = rotl(acc ^ (UInt64(base.load(fromByteOffset: offset, as: UInt8.self)) &* prime5), 11) &* prime1
            offset &+= 1
        }
        return avalanche(acc)
    }

    package static func hash(_ bytes: [UInt8], seed: UInt64 = 0) -> UInt64 {
        bytes.withUnsafeBytes { hash($0, seed: seed) }
    }

    /// The hash of the 4 little-endian bytes of `value`, without touching memory.
    @inlinable @inline(__always)
    package static func hash(fourBytes value: UInt32, seed: UInt64 = 0) -> UInt64 {
        let acc = seed &+ prime5 &+ 4
        return avalanche(rotl(acc ^ (UInt64(value) &* prime1), 23) &* prime2 &+ prime3)
    }

    /// The hash of the 8 little-endian bytes of `value`, without touching memory.
    @inlinable @inline(__always)
    package static func hash(eightBytes value: UInt64, seed: UInt64 = 0) -> UInt64 {
        let acc = seed &+ prime5 &+ 8
        return avalanche(rotl(acc ^ round(0, value), 27) &* prime1 &+ prime4)
    }

    @inlinable @inline(__always)
    static func round(_ acc: UInt64, _ lane: UInt64) -> UInt64 {
        rotl(acc &+ lane &* prime2, 31) &* prime1
    }

    @inlinable @inline(__always)
    static func mergeRound(_ acc: UInt64, _ value: UInt64) -> UInt64 {
        (acc ^ round(0, value)) &* prime1 &+ prime4
    }

    @inlinable @inline(__always)
    static func avalanche(_ value: UInt64) -> UInt64 {
        var h = value
        h ^= h >> 33
        h &*= prime2
        h ^= h >> 29
        h &*= prime3
        h ^= h >> 32
        return h
    }

    @inlinable @inline(__always)
    static func rotl(_ value: UInt64, _ count: UInt64) -> UInt64 { (value << count) | (value >> (64 &- count)) }

    @inline(__always)
    private static func load64(_ base: UnsafeRawPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    @inline(__always)
    private static func load32(_ base: UnsafeRawPointer, _ offset: Int) -> UInt32 {
        UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }
}
