import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Every libc call litmus makes lives here: opening, reading, listing and stat-ing files.
/// Nothing here executes a program or opens a socket.
package enum Platform {
    /// The kind of a directory entry.
    package enum Kind: Sendable, Equatable {
        case file, directory, symlink, fifo, socket, characterDevice, blockDevice, unknown

        init(mode: mode_t) {
            switch mode & S_IFMT {
            case S_IFREG: self = .file
            case S_IFDIR: self = .directory
            case S_IFLNK: self = .symlink
            case S_IFIFO: self = .fifo
            case S_IFSOCK: self = .socket
            case S_IFCHR: self = .characterDevice
            case S_IFBLK: self = .blockDevice
            default: self = .unknown
            }
        }

        package init(direntType: UInt8) {
            switch Int32(direntType) {
            case Int32(DT_REG): self = .file
            case Int32(DT_DIR): self = .directory
            case Int32(DT_LNK): self = .symlink
            case Int32(DT_FIFO): self = .fifo
            case Int32(DT_SOCK): self = .socket
            case Int32(DT_CHR): self = .characterDevice
            case Int32(DT_BLK): self = .blockDevice
            default: self = .unknown
            }
        }

        /// A word for messages ("fifo", "character device").
        package var word: String {
            switch self {
            case .file: return "regular file"
            case .directory: return "directory"
            case .symlink: return "symbolic link"
            case .fifo: return "fifo"
            case .socket: return "socket"
            case .characterDevice: return "character device"
            case .blockDevice: return "block device"
            case .unknown: return "special file"
            }
        }
    }

    /// What `stat` says about a file.
    package struct Info: Sendable {
        package var kind: Kind
        package var size: UInt64
        package var device: UInt64
        package var inode: UInt64
    }

    /// The `errno` of the last failed call, as a value with a readable message.
    package struct Errno: Error, Sendable, Equatable {
        package var code: Int32
        package var message: String { String(cString: strerror(code)) }
        static var current: Errno { Errno(code: errno) }
        package var isNotFound: Bool { code == ENOENT || code == ENOTDIR }
        package var isPermission: Bool { code == EACCES || code == EPERM }
    }

    static func info(_ st: stat) -> Info {
        Info(kind: Kind(mode: st.st_mode), size: UInt64(max(0, st.st_size)), device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
    }

    /// `stat` (following links) or `lstat` of a path.
    package static func fileInfo(_ path: String, follow: Bool) -> Result<Info, Errno> {
        PathBytes.withCString(path) { cpath in
            var st = stat()
            let rc = follow ? stat(cpath, &st) : lstat(cpath, &st)
            return rc == 0 ? .success(info(st)) : .failure(.current)
        }
    }

    /// `fstatat` of `name` inside the open directory `dirFD`.
    package static func fileInfo(in dirFD: Int32, name: UnsafePointer<CChar>, follow: Bool) -> Result<Info, Errno> {
        var st = stat()
        let rc = fstatat(dirFD, name, &st, follow ? 0 : AT_SYMLINK_NOFOLLOW)
        return rc == 0 ? .success(info(st)) : .failure(.current)
    }

    /// `fstat` of an open descriptor.
    package static func fileInfo(fd: Int32) -> Result<Info, Errno> {
        var st = stat()
        return fstat(fd, &st) == 0 ? .success(info(st)) : .failure(.current)
    }

    /// The target text of the symbolic link `name` inside the open directory `dirFD`.
    package static func linkTarget(in dirFD: Int32, name: UnsafePointer<CChar>) -> Result<[UInt8], Errno> {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = buffer.withUnsafeMutableBufferPointer { b in
            b.baseAddress.map { readlinkat(dirFD, name, UnsafeMutableRawPointer($0).assumingMemoryBound(to: CChar.self), b.count) } ?? -1
        }
        guard n >= 0 else { return .failure(.current) }
        return .success(Array(buffer[0..<n]))
    }

    /// Opens a file for reading without blocking on fifos or devices, and (unless `follow`)
    /// without following a final symbolic link that may have replaced the file since listing.
    package static func openForReading(_ path: String, follow: Bool) -> Result<Int32, Errno> {
        PathBytes.withCString(path) { cpath in
            var flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY
            if !follow { flags |= O_NOFOLLOW }
            let fd = open(cpath, flags)
            return fd >= 0 ? .success(fd) : .failure(.current)
        }
    }

    /// Reads up to `count` bytes at the current offset, retrying on EINTR/EAGAIN.
    package static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Result<Int, Errno> {
        while true {
            let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if n >= 0 { return .success(n) }
            if errno == EINTR { continue }
            return .failure(.current)
        }
    }

    /// Reads `count` bytes at `offset` (for zip directories), short only at end of file.
    package static func pread(_ fd: Int32, offset: UInt64, count: Int) -> Result<[UInt8], Errno> {
        var out = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = out.withUnsafeMutableBytes { buf in
                Glibc.pread(fd, buf.baseAddress.map { $0 + done }, count - done, off_t(offset) + off_t(done))
            }
            if n < 0 { if errno == EINTR { continue }; return .failure(.current) }
            if n == 0 { break }
            done += n
        }
        if done < count { out.removeLast(count - done) }
        return .success(out)
    }

    package static func close(_ fd: Int32) { _ = Glibc.close(fd) }

    /// An open directory stream.
    package final class Directory {
        private let stream: OpaquePointer
        /// The descriptor, for `fstatat` and `fstat`.
        package let fd: Int32

        private init(_ stream: OpaquePointer) {
            self.stream = stream
            self.fd = dirfd(stream)
        }

        /// Opens `path` as a directory (never following a final symlink unless `follow`).
        package static func open(_ path: String, follow: Bool) -> Result<Directory, Errno> {
            PathBytes.withCString(path) { cpath in
                var flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NONBLOCK
                if !follow { flags |= O_NOFOLLOW }
                let fd = Glibc.open(cpath, flags)
                guard fd >= 0 else { return .failure(.current) }
                guard let stream = fdopendir(fd) else {
                    let e = Errno.current
                    Glibc.close(fd)
                    return .failure(e)
                }
                return .success(Directory(stream))
            }
        }

        /// Calls `body` with each entry's name (NUL-terminated C string) and `d_type`, skipping `.` and `..`.
        /// Returns the error that stopped the listing early, if any.
        package func forEach(_ body: (UnsafePointer<CChar>, UInt8) -> Void) -> Errno? {
            while true {
                errno = 0
                guard let entry = readdir(stream) else {
                    return errno == 0 ? nil : .current
                }
                let type = entry.pointee.d_type
                let isDot: Bool = withUnsafePointer(to: &entry.pointee.d_name) { p in
                    p.withMemoryRebound(to: CChar.self, capacity: 3) { n in
                        n[0] == 0x2e && (n[1] == 0 || (n[1] == 0x2e && n[2] == 0))
                    }
                }
                if isDot { continue }
                withUnsafePointer(to: &entry.pointee.d_name) { p in
                    p.withMemoryRebound(to: CChar.self, capacity: 256) { body($0, type) }
                }
            }
        }

        deinit { closedir(stream) }
    }

    /// Where the kernel lists this process's mounts.
    package static let mountInfoPath = "/proc/self/mountinfo"

    /// Filesystem types that hold kernel state, not files: a walk never descends into them.
    package static let pseudoFilesystemTypes: Set<String> = [
        "proc", "sysfs", "devpts", "cgroup", "cgroup2", "debugfs", "tracefs", "securityfs", "pstore",
        "bpf", "mqueue", "configfs", "fusectl", "binfmt_misc", "selinuxfs", "efivarfs", "nsfs", "autofs",
    ]

    /// glibc's `makedev`.
    package static func makeDevice(major: UInt64, minor: UInt64) -> UInt64 {
        ((major & 0xffff_f000) << 32) | ((major & 0x0fff) << 8) | ((minor & 0xffff_ff00) << 12) | (minor & 0xff)
    }

    /// A mutual-exclusion lock (a pthread mutex) with a condition variable, for the few
    /// places threads share state. `lock`/`unlock` alone make it a plain lock.
    package final class Condition: @unchecked Sendable {
        private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        private let cond = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

        package init() {
            pthread_mutex_init(mutex, nil)
            var attributes = pthread_condattr_t()
            pthread_condattr_init(&attributes)
            pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
            pthread_cond_init(cond, &attributes)
            pthread_condattr_destroy(&attributes)
        }

        deinit {
            pthread_cond_destroy(cond)
            pthread_mutex_destroy(mutex)
            cond.deallocate()
            mutex.deallocate()
        }

        package func lock() { pthread_mutex_lock(mutex) }
        package func unlock() { pthread_mutex_unlock(mutex) }

        /// Runs `body` holding the lock.
        func withLock<T>(_ body: () throws -> T) rethrows -> T {
            lock()
            defer { unlock() }
            return try body()
        }

        /// Waits for a broadcast; the lock must be held.
        package func wait() { pthread_cond_wait(cond, mutex) }

        /// Waits for a broadcast or `seconds`, whichever comes first; the lock must be held.
        package func wait(seconds: Double) {
            var now = timespec()
            clock_gettime(CLOCK_MONOTONIC, &now)
            let nanos = Int(now.tv_nsec) + Int(seconds * 1_000_000_000)
            var deadline = timespec(tv_sec: now.tv_sec + nanos / 1_000_000_000, tv_nsec: nanos % 1_000_000_000)
            pthread_cond_timedwait(cond, mutex, &deadline)
        }

        /// Wakes every waiter; the lock must be held.
        package func broadcast() { pthread_cond_broadcast(cond) }
    }

    /// Runs `body` on a new detached thread (not a Dispatch worker, so a long-waiting body
    /// never takes a worker from the walk). Returns false when no thread could be made.
    @discardableResult
    package static func startThread(_ body: @escaping @Sendable () -> Void) -> Bool {
        final class Box { let body: @Sendable () -> Void; init(_ b: @escaping @Sendable () -> Void) { body = b } }
        let context = Unmanaged.passRetained(Box(body)).toOpaque()
        var thread = pthread_t()
        let started = pthread_create(&thread, nil, { raw in
            guard let raw else { return nil }
            let box = Unmanaged<Box>.fromOpaque(raw).takeRetainedValue()
            box.body()
            return nil
        }, context)
        guard started == 0 else {
            Unmanaged<Box>.fromOpaque(context).release()
            return false
        }
        pthread_detach(thread)
        return true
    }

    /// `statfs` magic numbers of the kernel filesystems in ``pseudoFilesystemTypes``, for
    /// when `/proc/self/mountinfo` cannot be read (no /proc in a chroot or rescue shell).
    static let pseudoFilesystemMagics: Set<Int64> = [
        0x9fa0, 0x6265_6572, 0x1cd1, 0x27e0eb, 0x6367_7270, 0x6462_6720, 0x7472_6163, 0x7363_6673,
        0x6165_676C, 0xcafe_4a11, 0x1980_0202, 0x6265_6570, 0x6573_5543, 0x4249_4e4d, 0xf97c_ff8c,
        0xde5e_81e4, 0x6e73_6673, 0x0187,
    ]

    /// Whether the open directory `fd` is on a kernel filesystem, judged by `fstatfs`.
    package static func isPseudoFilesystem(fd: Int32) -> Bool {
        // struct statfs is 120 bytes on 64-bit Linux and starts with f_type (a long) on
        // x86_64 and aarch64; the buffer is larger so a different layout cannot overflow it.
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: 512, alignment: 16)
        defer { buffer.deallocate() }
        guard linuxFstatfs(fd, buffer) == 0 else { return false }
        return pseudoFilesystemMagics.contains(Int64(buffer.load(as: Int.self)))
    }
    /// Writes all of `text` to `fd` (standard output or error), retrying short writes and
    /// interruptions; stops quietly if the reader went away.
    package static func write(_ fd: Int32, _ text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else { return }
            }
        }
    }

    /// Every environment variable, from `environ` (no /proc needed); the first of duplicates wins,
    /// as `getenv` does.
    package static var environmentVariables: [String: String] {
        var out: [String: String] = [:]
        var cursor = environ
        while let entry = cursor.pointee {
            let text = String(cString: entry)
            if let eq = text.firstIndex(of: "=") {
                let key = String(text[..<eq])
                if out[key] == nil { out[key] = String(text[text.index(after: eq)...]) }
            }
            cursor += 1
        }
        return out
    }

    /// The current working directory, or "." when it cannot be named.
    package static var currentDirectory: String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        return PathBytes.string(fromCString: buffer)
    }
    /// Ends the process with `status`.
    package static func exit(_ status: Int32) -> Never { Glibc.exit(status) }

    /// The number of online processors.
    package static var processorCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// Whether `fd` is a terminal.
    package static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// The value of an environment variable.
    static func environment(_ name: String) -> String? {
        guard let v = getenv(name) else { return nil }
        return String(cString: v)
    }

    /// This machine's host name.
    package static var hostName: String {
        var buf = [CChar](repeating: 0, count: 256)
        guard gethostname(&buf, buf.count - 1) == 0 else { return "unknown" }
        return PathBytes.string(fromCString: buf)
    }
}

// <sys/statfs.h> is not part of the Glibc module; fstatfs(2) takes an int and a pointer,
// which the Swift and C calling conventions pass alike.
@_silgen_name("fstatfs")
private func linuxFstatfs(_ fd: Int32, _ buffer: UnsafeMutableRawPointer) -> Int32
