/// One file recorded in a zip archive's central directory. Only metadata is
/// exposed: litmus inspects names and sizes, and never needs to decompress to
/// decide whether a wheel or cache entry is suspicious.
public struct ZipEntry: Sendable, Equatable {
    /// The entry name decoded as UTF-8, with U+FFFD replacing invalid
    /// sequences. Use `rawName` when exact bytes matter (e.g. for matching).
    public let name: String
    /// The entry name exactly as stored in the central directory.
    public let rawName: [UInt8]
    /// Size of the stored (possibly compressed) data, after ZIP64 resolution.
    public let compressedSize: UInt64
    /// Size of the data once decompressed, after ZIP64 resolution.
    public let uncompressedSize: UInt64
    /// CRC-32 of the uncompressed data as recorded by the writer.
    public let crc32: UInt32
    /// Compression method (0 = stored, 8 = deflate, ...).
    public let method: UInt16
    /// Absolute offset of the entry's local file header in the file, already
    /// corrected for any bytes prepended to the archive.
    public let localHeaderOffset: UInt64

    /// Creates an entry; the name is decoded from `rawName` (lossy UTF-8).
    public init(
        rawName: [UInt8], compressedSize: UInt64, uncompressedSize: UInt64,
        crc32: UInt32, method: UInt16, localHeaderOffset: UInt64
    ) {
        self.name = String(decoding: rawName, as: UTF8.self)
        self.rawName = rawName
        self.compressedSize = compressedSize
        self.uncompressedSize = uncompressedSize
        self.crc32 = crc32
        self.method = method
        self.localHeaderOffset = localHeaderOffset
    }
}
