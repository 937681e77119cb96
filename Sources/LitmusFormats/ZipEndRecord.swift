/// The facts `ZipDirectory` needs from the End-of-Central-Directory record,
/// with ZIP64 values already substituted.
struct ZipEndRecord: Sendable, Equatable {
    /// Absolute file position of the record the central directory must end
    /// at: the ZIP64 end record if present, otherwise the classic one.
    let position: UInt64
    /// Number of central directory entries claimed.
    let entryCount: UInt64
    /// Claimed size of the central directory in bytes.
    let directorySize: UInt64
    /// Claimed offset of the central directory, relative to the start of the
    /// archive (which may differ from the file start if data was prepended).
    let directoryOffset: UInt64
}
