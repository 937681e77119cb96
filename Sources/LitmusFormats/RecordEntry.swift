/// One row of a wheel's `RECORD` file (PEP 376 / PEP 427):
/// `path,algorithm=base64url-digest,size`.
public struct RecordEntry: Sendable, Equatable {
    /// The path exactly as written (relative to site-packages, but may be
    /// absolute or contain `..`; judging that is the caller's job).
    public let path: String
    /// Hash algorithm name as written (normally "sha256"), nil when the hash
    /// field is empty, as on the RECORD's own row and for `.pyc` files.
    public let hashAlgorithm: String?
    /// Decoded digest bytes, nil exactly when `hashAlgorithm` is nil.
    public let digest: [UInt8]?
    /// File size in bytes, nil when the size field is empty.
    public let size: UInt64?
    /// 1-based line on which the row starts.
    public let line: Int

    /// Creates an entry.
    public init(path: String, hashAlgorithm: String?, digest: [UInt8]?, size: UInt64?, line: Int) {
        self.path = path
        self.hashAlgorithm = hashAlgorithm
        self.digest = digest
        self.size = size
        self.line = line
    }
}
