import LitmusFormats

/// Why a file could not be read.
public struct ReadError: Error, Sendable, CustomStringConvertible {
    /// The file.
    public var path: String
    /// What went wrong ("permission denied", "not a regular file (fifo)", ...).
    public var message: String
    /// The file does not exist (a missing include, a vanished file).
    public var isNotFound: Bool

    /// Creates a read error.
    public init(path: String, message: String, isNotFound: Bool = false) {
        self.path = path
        self.message = message
        self.isNotFound = isNotFound
    }

    /// The message.
    public var description: String { message }
}

/// A file's size, SHA-256 and first bytes, read in one streaming pass.
public struct FileDigest: Sendable {
    /// Size in bytes.
    public var size: UInt64
    /// SHA-256 of the whole content.
    public var sha256: [UInt8]
    /// The first bytes (up to ``FileReading/headLength``).
    public var head: [UInt8]

    /// Creates a digest.
    public init(size: UInt64, sha256: [UInt8], head: [UInt8]) {
        self.size = size
        self.sha256 = sha256
        self.head = head
    }
}

/// The only way extractors reach file contents: the scanner hands them a reader, tests hand
/// them ``InMemoryFiles``. Every read is bounded.
public protocol FileReading: Sendable {
    /// The whole content of a regular file, failing if it is larger than `limit` bytes.
    func read(_ path: String, limit: Int) throws(ReadError) -> [UInt8]
    /// Size, SHA-256 and head of a regular file, streamed; fails above `limit` bytes.
    func digest(_ path: String, limit: UInt64) throws(ReadError) -> FileDigest
    /// The size in bytes of a regular file (for random access such as zip directories).
    func size(_ path: String) throws(ReadError) -> UInt64
    /// Exactly `count` bytes at `offset` of a regular file; a short read (past the end) throws.
    func readRange(_ path: String, offset: UInt64, count: Int) throws(ReadError) -> [UInt8]
    /// The entries of a directory (names and whether each is a directory), unsorted; symbolic
    /// links are reported as `isDirectory == false` and never followed.
    func list(_ directory: String) throws(ReadError) -> [DirectoryItem]
}

/// One name in a directory listing.
public struct DirectoryItem: Sendable, Hashable {
    /// The base name.
    public var name: String
    /// Whether it is a directory (not a link to one).
    public var isDirectory: Bool
    /// A symbolic link, and what `stat` finds through it: nil for no link (or one to nothing).
    public var linkTarget: LinkTarget?

    /// What a symbolic link in a listing points at.
    public enum LinkTarget: Sendable, Hashable {
        /// A regular file.
        case file
        /// A directory.
        case directory
        /// Nothing (dangling or looping), or something else (fifo, device).
        case other
    }

    /// Creates an item.
    public init(name: String, isDirectory: Bool, linkTarget: LinkTarget? = nil) {
        self.name = name
        self.isDirectory = isDirectory
        self.linkTarget = linkTarget
    }

    /// A directory, or a link to one: what Python's `os.path.isdir` says.
    public var isDirectoryFollowingLinks: Bool { isDirectory || linkTarget == .directory }
    /// A regular file, or a link to one: what Python's `os.path.isfile` says.
    public var isFileFollowingLinks: Bool { linkTarget == nil ? !isDirectory : linkTarget == .file }
}

extension FileReading {
    /// How many leading bytes ``FileDigest/head`` keeps.
    public static var headLength: Int { 4096 }
}

/// Files held in memory, for tests and fuzzing: path → bytes.
public struct InMemoryFiles: FileReading {
    /// The files.
    public var files: [String: [UInt8]]

    /// Creates a file set from byte contents.
    public init(_ files: [String: [UInt8]] = [:]) { self.files = files }

    /// Creates a file set from text contents.
    public init(text: [String: String]) { self.files = text.mapValues { Array($0.utf8) } }

    /// See ``FileReading/read(_:limit:)``.
    public func read(_ path: String, limit: Int) throws(ReadError) -> [UInt8] {
        guard let bytes = files[path] else { throw ReadError(path: path, message: "no such file", isNotFound: true) }
        guard bytes.count <= limit else { throw ReadError.tooLarge(path, size: UInt64(bytes.count), limit: UInt64(limit)) }
        return bytes
    }

    /// See ``FileReading/digest(_:limit:)``.
    public func digest(_ path: String, limit: UInt64) throws(ReadError) -> FileDigest {
        let bytes = try read(path, limit: Int(clamping: limit))
        return FileDigest(size: UInt64(bytes.count), sha256: SHA256.hash(bytes), head: Array(bytes.prefix(Self.headLength)))
    }

    /// See ``FileReading/list(_:)``: the direct children implied by the stored paths.
    public func list(_ directory: String) throws(ReadError) -> [DirectoryItem] {
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        var items = Set<DirectoryItem>()
        for path in files.keys where path.hasPrefix(prefix) {
            let rest = path.dropFirst(prefix.count)
            guard let first = rest.split(separator: "/", omittingEmptySubsequences: true).first else { continue }
            items.insert(DirectoryItem(name: String(first), isDirectory: rest.count > first.count))
        }
        guard !items.isEmpty else { throw ReadError(path: directory, message: "no such directory", isNotFound: true) }
        return Array(items)
    }

    /// See ``FileReading/size(_:)``.
    public func size(_ path: String) throws(ReadError) -> UInt64 {
        guard let bytes = files[path] else { throw ReadError(path: path, message: "no such file", isNotFound: true) }
        return UInt64(bytes.count)
    }

    /// See ``FileReading/readRange(_:offset:count:)``.
    public func readRange(_ path: String, offset: UInt64, count: Int) throws(ReadError) -> [UInt8] {
        guard let bytes = files[path] else { throw ReadError(path: path, message: "no such file", isNotFound: true) }
        guard count >= 0, offset <= UInt64(bytes.count), UInt64(bytes.count) - offset >= UInt64(count) else {
            throw ReadError(path: path, message: "read of \(count) bytes at offset \(offset) is past the end")
        }
        let start = Int(offset)
        return Array(bytes[start..<start + count])
    }
}

extension ReadError {
    /// "file is 50.0 MB, over the 16.0 MB limit".
    public static func tooLarge(_ path: String, size: UInt64, limit: UInt64) -> ReadError {
        ReadError(path: path, message: "file is \(megabytes(size)), over the \(megabytes(limit)) limit for this format")
    }

    /// MiB rounded to tenths, for any size: a zip member may declare 2^64 - 1 bytes, and
    /// `n * 10` would trap (the inflate fuzz target found it).
    static func megabytes(_ n: UInt64) -> String {
        let tenths = n / 1_048_576 * 10 + (n % 1_048_576 * 10 + 524_288) / 1_048_576
        return "\(tenths / 10).\(tenths % 10) MiB"
    }
}
