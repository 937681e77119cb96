/// Little-endian integer decoding for binary formats (zip). Callers must
/// have checked that `offset + width <= bytes.count`; every use in
/// `ZipDirectory` reads from a buffer fetched at the record's fixed size.
enum LittleEndian {
    /// Reads a UInt16 at `offset`.
    static func u16(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
        UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    /// Reads a UInt32 at `offset`.
    static func u32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        UInt32(u16(bytes, offset)) | UInt32(u16(bytes, offset + 2)) << 16
    }

    /// Reads a UInt64 at `offset`.
    static func u64(_ bytes: [UInt8], _ offset: Int) -> UInt64 {
        UInt64(u32(bytes, offset)) | UInt64(u32(bytes, offset + 4)) << 32
    }
}
