/// The reader a scan hands extractors: symbolic links are read through, as Python, pip and uv
/// follow them (a `uv.lock` that is a link, METADATA and `.pth` files that `uv
/// --link-mode=symlink` links into its cache). One exception keeps a race out: an entry the
/// walker listed as a regular file is opened without following a final link, so a file swapped
/// for a link after listing is an error, not a read of wherever the link points.
public struct LinkReader: FileReading {
    private let following = DiskReader(followSymlinks: true)
    private let strict = DiskReader(followSymlinks: false)
    private let strictPath: String?

    /// Creates a reader; `followAll` (the walk follows links) drops the exception.
    public init(followAll: Bool) { strictPath = followAll ? nil : "" }

    private init(strictPath: String?) { self.strictPath = strictPath }

    /// The reader for one walked entry: strict for the entry itself unless it was a link.
    public func forEntry(_ entry: FileEntry) -> LinkReader {
        guard strictPath != nil, !entry.isLink, entry.kind != .directory else { return LinkReader(strictPath: nil) }
        return LinkReader(strictPath: entry.path)
    }

    private func reader(_ path: String) -> DiskReader { path == strictPath ? strict : following }

    /// See ``FileReading/read(_:limit:)``.
    public func read(_ path: String, limit: Int) throws(ReadError) -> [UInt8] { try reader(path).read(path, limit: limit) }
    /// See ``FileReading/digest(_:limit:)``.
    public func digest(_ path: String, limit: UInt64) throws(ReadError) -> FileDigest { try reader(path).digest(path, limit: limit) }
    /// See ``FileReading/size(_:)``.
    public func size(_ path: String) throws(ReadError) -> UInt64 { try reader(path).size(path) }
    /// See ``FileReading/readRange(_:offset:count:)``.
    public func readRange(_ path: String, offset: UInt64, count: Int) throws(ReadError) -> [UInt8] {
        try reader(path).readRange(path, offset: offset, count: count)
    }
    /// See ``FileReading/list(_:)``.
    public func list(_ directory: String) throws(ReadError) -> [DirectoryItem] { try following.list(directory) }
}
