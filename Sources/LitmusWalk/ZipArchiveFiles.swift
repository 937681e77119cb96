import LitmusFormats

/// A zip archive's members as files below the archive's own path, the way `zipfile.Path` and
/// `zipimport` present them: `/x/a.egg/EGG-INFO/PKG-INFO` is member `EGG-INFO/PKG-INFO` of
/// `/x/a.egg`. Directories are the explicit `name/` members plus every directory a member name
/// implies. Contents are decompressed on demand (stored or deflate), bounded by the caller's
/// limit and checked against the declared size and CRC-32, so the extractors and host checks
/// that read real directories read zips on `sys.path` unchanged.
///
/// Names are decoded as UTF-8 (lossy); Python decodes names without the UTF-8 flag as cp437,
/// which differs only for non-ASCII names.
public struct ZipArchiveFiles: FileReading {
    /// The archive's path (as the underlying reader knows it).
    public let archive: String
    private let underlying: any FileReading
    private let members: [String: ZipEntry]
    private let directories: [String: [DirectoryItem]]

    /// Most members accepted; a larger directory is an error rather than an allocation.
    public static let maxEntries = 200_000

    /// Reads the central directory of `archive` through `files`.
    public init(archive: String, files: any FileReading) throws(ReadError) {
        self.archive = archive
        self.underlying = files
        let size = try files.size(archive)
        let entries: [ZipEntry]
        do {
            entries = try ZipDirectory.entries(size: size, maxEntries: Self.maxEntries) { offset, count in
                try files.readRange(archive, offset: offset, count: count)
            }
        } catch {
            throw ReadError(path: archive, message: error.description)
        }
        var members: [String: ZipEntry] = [:]
        var children: [String: [String: Bool]] = ["": [:]]
        for entry in entries {
            var name = entry.name
            let isDirectory = name.hasSuffix("/")
            while name.hasSuffix("/") { name.removeLast() }
            guard !name.isEmpty else { continue }
            if !isDirectory, members[name] == nil { members[name] = entry }
            // Record every component as a child of its parent.
            let parts = name.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
            var parent = ""
            for (index, part) in parts.enumerated() {
                let last = index == parts.count - 1
                let childIsDirectory = !last || isDirectory
                if children[parent, default: [:]][part] != true { children[parent, default: [:]][part] = childIsDirectory }
                parent = parent.isEmpty ? part : parent + "/" + part
                if childIsDirectory, children[parent] == nil { children[parent] = [:] }
            }
        }
        self.members = members
        self.directories = children.mapValues { names in names.map { DirectoryItem(name: $0.key, isDirectory: $0.value) } }
    }

    /// The member name of `path`, or nil when it is not below the archive.
    private func memberName(_ path: String) -> String? {
        if path == archive { return "" }
        let prefix = archive.hasSuffix("/") ? archive : archive + "/"
        guard path.hasPrefix(prefix) else { return nil }
        var name = String(path.dropFirst(prefix.count))
        while name.hasSuffix("/") { name.removeLast() }
        return name
    }

    private func member(_ path: String) throws(ReadError) -> ZipEntry {
        guard let name = memberName(path), let entry = members[name] else {
            throw ReadError(path: path, message: "no such member in \(archive)", isNotFound: true)
        }
        return entry
    }

    /// See ``FileReading/read(_:limit:)``: the member decompressed, at most `limit` bytes.
    public func read(_ path: String, limit: Int) throws(ReadError) -> [UInt8] {
        let entry = try member(path)
        guard entry.uncompressedSize <= UInt64(max(limit, 0)) else {
            throw ReadError.tooLarge(path, size: entry.uncompressedSize, limit: UInt64(max(limit, 0)))
        }
        let files = underlying, archive = archive
        do {
            return try ZipMember.content(of: entry, limit: limit) { offset, count in
                try files.readRange(archive, offset: offset, count: count)
            }
        } catch {
            throw ReadError(path: path, message: error.description)
        }
    }

    /// See ``FileReading/digest(_:limit:)``.
    public func digest(_ path: String, limit: UInt64) throws(ReadError) -> FileDigest {
        let bytes = try read(path, limit: Int(clamping: limit))
        return FileDigest(size: UInt64(bytes.count), sha256: SHA256.hash(bytes), head: Array(bytes.prefix(Self.headLength)))
    }

    /// See ``FileReading/size(_:)``: the declared uncompressed size.
    public func size(_ path: String) throws(ReadError) -> UInt64 { try member(path).uncompressedSize }

    /// See ``FileReading/readRange(_:offset:count:)``: decompresses the member (up to 64 MiB).
    public func readRange(_ path: String, offset: UInt64, count: Int) throws(ReadError) -> [UInt8] {
        let bytes = try read(path, limit: 64 << 20)
        guard count >= 0, offset <= UInt64(bytes.count), UInt64(bytes.count) - offset >= UInt64(count) else {
            throw ReadError(path: path, message: "read of \(count) bytes at offset \(offset) is past the end")
        }
        return Array(bytes[Int(offset)..<Int(offset) + count])
    }

    /// See ``FileReading/list(_:)``.
    public func list(_ directory: String) throws(ReadError) -> [DirectoryItem] {
        guard let name = memberName(directory), let items = directories[name] else {
            if let name = memberName(directory), members[name] != nil {
                throw ReadError(path: directory, message: "Not a directory")
            }
            throw ReadError(path: directory, message: "no such directory in \(archive)", isNotFound: true)
        }
        return items
    }

    /// Whether a member file (not a directory) is stored under `name`.
    public func hasFile(_ name: String) -> Bool { members[name] != nil }
}
