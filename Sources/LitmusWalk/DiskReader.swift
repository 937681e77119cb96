import LitmusFormats
import LitmusSystem

/// Reads files from disk for extractors: opens without blocking (a fifo or device named like a
/// lockfile cannot hang the scan), refuses anything but regular files, and never follows a
/// final symbolic link unless links are followed.
public struct DiskReader: FileReading {
    /// Whether a final symbolic link may be followed.
    public var followSymlinks: Bool

    /// Creates a reader.
    public init(followSymlinks: Bool = false) { self.followSymlinks = followSymlinks }

    /// See ``FileReading/read(_:limit:)``.
    public func read(_ path: String, limit: Int) throws(ReadError) -> [UInt8] {
        let fd = try open(path)
        defer { Platform.close(fd) }
        let size = try regularSize(fd, path)
        guard size <= UInt64(limit) else { throw ReadError.tooLarge(path, size: size, limit: UInt64(limit)) }
        // Read into buffers sized from fstat (plus one byte to notice growth), never zero-filled.
        var out = [UInt8]()
        var capacity = Int(size) + 1
        while true {
            var failure: Platform.Errno?
            let chunk = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
                switch Platform.read(fd, into: UnsafeMutableRawBufferPointer(buffer)) {
                case .success(let count): initialized = count
                case .failure(let e): failure = e; initialized = 0
                }
            }
            if let failure { throw ReadError(path: path, message: "read failed: \(failure.message)") }
            if chunk.isEmpty { return out }
            // The file may grow after fstat; the limit still holds.
            guard out.count + chunk.count <= limit else {
                throw ReadError.tooLarge(path, size: UInt64(out.count + chunk.count), limit: UInt64(limit))
            }
            if out.isEmpty { out = chunk } else { out.append(contentsOf: chunk) }
            capacity = 1 << 16
        }
    }

    /// See ``FileReading/digest(_:limit:)``.
    public func digest(_ path: String, limit: UInt64) throws(ReadError) -> FileDigest {
        let fd = try open(path)
        defer { Platform.close(fd) }
        let size = try regularSize(fd, path)
        guard size <= limit else { throw ReadError.tooLarge(path, size: size, limit: limit) }
        var hasher = SHA256()
        var head: [UInt8] = []
        var total: UInt64 = 0
        // Sized from fstat and left uninitialised: zero-filling a fixed 1 MiB buffer per file
        // dominated audits that hash thousands of small files.
        let length = Int(min(UInt64(1 << 20), size + 1))
        var chunk = [UInt8](unsafeUninitializedCapacity: length) { _, initialized in initialized = length }
        while true {
            let n = chunk.withUnsafeMutableBytes { Platform.read(fd, into: $0) }
            switch n {
            case .failure(let e): throw ReadError(path: path, message: "read failed: \(e.message)")
            case .success(0):
                return FileDigest(size: total, sha256: hasher.finalize(), head: head)
            case .success(let count):
                total += UInt64(count)
                guard total <= limit else { throw ReadError.tooLarge(path, size: total, limit: limit) }
                chunk.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
                if head.count < Self.headLength {
                    head.append(contentsOf: chunk[0..<min(count, Self.headLength - head.count)])
                }
                // The buffer holds size + 1 bytes, so a file that grew since fstat reads past
                // `size`; reaching exactly `size` on a short read means the end, and the read that
                // would return 0 is one syscall per hashed file saved.
                if total == size && count < chunk.count { return FileDigest(size: total, sha256: hasher.finalize(), head: head) }
            }
        }
    }

    /// See ``FileReading/list(_:)``.
    public func list(_ directory: String) throws(ReadError) -> [DirectoryItem] {
        let dir: Platform.Directory
        switch Platform.Directory.open(directory, follow: followSymlinks) {
        case .success(let d): dir = d
        case .failure(let e):
            throw ReadError(path: directory, message: e.isPermission ? "permission denied" : e.message, isNotFound: e.isNotFound)
        }
        var items: [DirectoryItem] = []
        let failure = dir.forEach { cname, type in
            var kind = Platform.Kind(direntType: type)
            if kind == .unknown, case .success(let info) = Platform.fileInfo(in: dir.fd, name: cname, follow: false) { kind = info.kind }
            var target: DirectoryItem.LinkTarget?
            if kind == .symlink {
                switch Platform.fileInfo(in: dir.fd, name: cname, follow: true) {
                case .success(let info): target = info.kind == .directory ? .directory : info.kind == .file ? .file : .other
                case .failure: target = .other
                }
            }
            items.append(DirectoryItem(name: PathBytes.string(fromCString: cname), isDirectory: kind == .directory, linkTarget: target))
        }
        if let failure { throw ReadError(path: directory, message: "listing stopped early: \(failure.message)") }
        return items
    }

    /// See ``FileReading/size(_:)``.
    public func size(_ path: String) throws(ReadError) -> UInt64 {
        let fd = try open(path)
        defer { Platform.close(fd) }
        return try regularSize(fd, path)
    }

    /// See ``FileReading/readRange(_:offset:count:)``. Opens the file per call: zip directory
    /// reads are a handful per archive, and keeping no descriptor open keeps the reader stateless.
    public func readRange(_ path: String, offset: UInt64, count: Int) throws(ReadError) -> [UInt8] {
        guard count >= 0, offset <= UInt64(Int64.max) else { throw ReadError(path: path, message: "read range out of bounds") }
        let fd = try open(path)
        defer { Platform.close(fd) }
        _ = try regularSize(fd, path)
        switch Platform.pread(fd, offset: offset, count: count) {
        case .failure(let e): throw ReadError(path: path, message: "read failed: \(e.message)")
        case .success(let bytes):
            guard bytes.count == count else {
                throw ReadError(path: path, message: "read of \(count) bytes at offset \(offset) returned \(bytes.count)")
            }
            return bytes
        }
    }

    private func open(_ path: String) throws(ReadError) -> Int32 {
        switch Platform.openForReading(path, follow: followSymlinks) {
        case .success(let fd): return fd
        case .failure(let e):
            if e.code == 40 /* ELOOP: a link where a file was listed */ {
                throw ReadError(path: path, message: "is a symbolic link (not followed)")
            }
            throw ReadError(path: path, message: e.isPermission ? "permission denied" : e.message, isNotFound: e.isNotFound)
        }
    }

    private func regularSize(_ fd: Int32, _ path: String) throws(ReadError) -> UInt64 {
        switch Platform.fileInfo(fd: fd) {
        case .failure(let e): throw ReadError(path: path, message: "cannot stat: \(e.message)")
        case .success(let info):
            guard info.kind == .file else { throw ReadError(path: path, message: "not a regular file (\(info.kind.word))") }
            return info.size
        }
    }
}
