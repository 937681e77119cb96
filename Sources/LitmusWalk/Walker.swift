import Dispatch
import FoundationEssentials
import LitmusFormats
import LitmusModel
import LitmusSystem

/// How a walk treats links, version-control folders and threads.
public struct WalkOptions: Sendable {
    /// Follow symbolic links to directories and files (loops are cut by device and inode).
    public var followSymlinks: Bool
    /// Directory names never descended into.
    public var skipDirectoryNames: Set<String>
    /// Worker threads (nil at creation: one per online processor).
    public var threads: Int
    /// The root an absolute link target is read under (`audit --root`): a mounted image's
    /// `/opt/x` is `ROOT/opt/x`. Nil: absolute targets are host paths.
    public var linkRoot: String?
    /// `--exclude` patterns, matched against each entry's path relative to its walk root: an
    /// excluded directory is never listed, and every excluded entry is counted in the summary.
    public var exclude: [ExcludePattern]

    /// The defaults: no links followed, `.git`/`.hg`/`.svn` skipped, one thread per core.
    public init(followSymlinks: Bool = false,
                skipDirectoryNames: Set<String> = [".git", ".hg", ".svn"],
                threads: Int? = nil, exclude: [ExcludePattern] = []) {
        self.followSymlinks = followSymlinks
        self.skipDirectoryNames = skipDirectoryNames
        self.threads = max(1, threads ?? Platform.processorCount)
        self.exclude = exclude
    }
}

/// What a walk covered, and what it could not enter.
public struct WalkSummary: Sendable {
    /// How many excluded paths are listed at most.
    public static let excludedListLimit = 10_000
    /// Directories listed.
    public var directories = 0
    /// Non-directory entries seen.
    public var entries = 0
    /// Mount points of kernel filesystems (proc, sysfs, ...) that were not entered.
    public var skippedMounts: [String] = []
    /// Directories that could not be listed and roots that could not be reached.
    public var issues: [ScanIssue] = []
    /// Entries `--exclude` kept out (at most ``WalkSummary/excludedListLimit`` listed).
    public var excluded: [String] = []
    /// How many entries `--exclude` kept out.
    public var excludedCount = 0
}

/// Walks directory trees in parallel with `open`/`readdir`/`fstatat`, never following links
/// unless asked, never entering kernel filesystems, and never recursing (10,000 nested
/// directories cost a stack entry each, not a stack frame).
///
/// `wants` is asked about every entry by name alone; only wanted entries are built into a
/// ``FileEntry`` and passed to `visit`. Both are called concurrently from worker threads.
public final class Walker: @unchecked Sendable {
    private struct Pending {
        var path: String
        var name: String
        var parentDevice: UInt64?
        var viaLink = false
        /// The path relative to the walk root ("" for the root itself).
        var relative = ""
    }

    private let options: WalkOptions
    private let lock = Platform.Condition()
    private var stack: [Pending] = []
    private var active = 0
    private var visited = Set<[UInt64]>()
    private var roots: [String] = []
    private var summary = WalkSummary()
    private var listed = 0
    private lazy var pseudoDevices: Set<UInt64> = {
        switch Platform.pseudoFilesystemDevices() {
        case .success(let devices): return devices
        case .failure(let error):
            summary.issues.append(.warning(Platform.mountInfoPath, stage: "walk",
                "cannot read the mount table (\(error.message)); kernel filesystems are recognised by their statfs type instead"))
            return []
        }
    }()

    /// Creates a walker.
    public init(options: WalkOptions = WalkOptions()) {
        self.options = options
    }

    /// Walks `roots`; a root that is a file is passed to `visit` as an explicit entry.
    public func walk(_ roots: [String],
                     wants: @Sendable (_ name: String, _ parentName: String, _ isDirectory: Bool) -> Bool,
                     visit: @Sendable (FileEntry) -> Void) -> WalkSummary {
        _ = pseudoDevices
        self.roots = roots
        for root in roots { start(root, visit: visit) }
        DispatchQueue.concurrentPerform(iterations: options.threads) { _ in
            var local = WalkSummary()
            while let dir = next() {
                list(dir, into: &local, wants: wants, visit: visit)
                finished()
            }
            merge(local)
        }
        summary.skippedMounts.sort()
        summary.issues.sort()
        summary.excluded.sort()
        return summary
    }

    private func start(_ root: String, visit: (FileEntry) -> Void) {
        switch Platform.fileInfo(root, follow: true) {
        case .failure(let e):
            summary.issues.append(.error(root, stage: "walk", "cannot access: \(e.message)"))
        case .success(let info):
            let name = Paths.baseName(root)
            switch info.kind {
            case .directory:
                stack.append(Pending(path: root, name: name, parentDevice: nil))
            case .file:
                visit(FileEntry(path: root, name: name, parentName: Paths.baseName(Paths.parent(of: root)),
                                kind: .file, explicit: true, size: info.size))
            default:
                visit(FileEntry(path: root, name: name, parentName: Paths.baseName(Paths.parent(of: root)),
                                kind: .special(info.kind.word), explicit: true))
            }
        }
    }

    private func next() -> Pending? {
        lock.lock()
        defer { lock.unlock() }
        while stack.isEmpty {
            if active == 0 { return nil }
            lock.wait()
        }
        active += 1
        return stack.removeLast()
    }

    /// Directories listed so far (for progress display while a walk runs).
    public var directoriesListed: Int {
        lock.lock()
        defer { lock.unlock() }
        return listed
    }

    private func finished() {
        lock.lock()
        listed += 1
        active -= 1
        if active == 0 && stack.isEmpty { lock.broadcast() }
        lock.unlock()
    }

    private func push(_ dirs: [Pending]) {
        guard !dirs.isEmpty else { return }
        lock.lock()
        stack.append(contentsOf: dirs)
        lock.broadcast()
        lock.unlock()
    }

    private func merge(_ local: WalkSummary) {
        lock.lock()
        summary.directories += local.directories
        summary.entries += local.entries
        summary.skippedMounts += local.skippedMounts
        summary.issues += local.issues
        summary.excludedCount += local.excludedCount
        summary.excluded += local.excluded.prefix(max(0, WalkSummary.excludedListLimit - summary.excluded.count))
        lock.unlock()
    }

    /// Records a directory as entered; false when it was entered before (a link loop).
    private func firstVisit(_ info: Platform.Info) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return visited.insert([info.device, info.inode]).inserted
    }

    private func list(_ dir: Pending, into local: inout WalkSummary,
                      wants: (String, String, Bool) -> Bool, visit: (FileEntry) -> Void) {
        let directory: Platform.Directory
        switch Platform.Directory.open(dir.path, follow: dir.parentDevice == nil || dir.viaLink || options.followSymlinks) {
        case .success(let d): directory = d
        case .failure(let e):
            local.issues.append(e.isNotFound
                ? .warning(dir.path, stage: "walk", "directory vanished during the scan")
                : .error(dir.path, stage: "walk", "cannot list directory: \(e.message)"))
            return
        }
        guard case .success(let me) = Platform.fileInfo(fd: directory.fd) else { return }
        if let parent = dir.parentDevice, parent != me.device,
           pseudoDevices.contains(me.device) || Platform.isPseudoFilesystem(fd: directory.fd) {
            local.skippedMounts.append(dir.path)
            return
        }
        if options.followSymlinks && !firstVisit(me) { return }
        local.directories += 1
        var children: [Pending] = []
        let failure = directory.forEach { cname, type in
            handle(cname, type: Platform.Kind(direntType: type), in: dir, directory: directory, device: me.device,
                   children: &children, local: &local, wants: wants, visit: visit)
        }
        if let failure {
            local.issues.append(.error(dir.path, stage: "walk", "listing stopped early: \(failure.message)"))
        }
        push(children)
    }

    private func handle(_ cname: UnsafePointer<CChar>, type: Platform.Kind, in dir: Pending,
                        directory: Platform.Directory, device: UInt64, children: inout [Pending],
                        local: inout WalkSummary, wants: (String, String, Bool) -> Bool, visit: (FileEntry) -> Void) {
        if !options.exclude.isEmpty {
            let name = PathBytes.string(fromCString: cname)
            let relative = dir.relative.isEmpty ? name : dir.relative + "/" + name
            var isDirectory = type == .directory
            if type == .unknown || (type == .symlink && options.followSymlinks),
               case .success(let info) = Platform.fileInfo(in: directory.fd, name: cname, follow: options.followSymlinks) {
                isDirectory = info.kind == .directory
            }
            if options.exclude.contains(where: { $0.matches(relative: relative, isDirectory: isDirectory) }) {
                local.excludedCount += 1
                if local.excluded.count < WalkSummary.excludedListLimit { local.excluded.append(Paths.join(dir.path, name)) }
                return
            }
        }
        var kind = type
        if kind == .unknown, case .success(let info) = Platform.fileInfo(in: directory.fd, name: cname, follow: false) {
            kind = info.kind
        }
        var isLink = false
        if kind == .symlink {
            if !options.followSymlinks {
                linkedEntry(cname, in: dir, directory: directory, device: device, children: &children,
                            local: &local, wants: wants, visit: visit)
                return
            }
            guard case .success(let target) = Platform.fileInfo(in: directory.fd, name: cname, follow: true) else {
                local.entries += 1
                return  // a dangling link points at nothing to read
            }
            kind = target.kind
            isLink = true
        }
        let name = PathBytes.string(fromCString: cname)
        if kind == .directory {
            if options.skipDirectoryNames.contains(name) { return }
            let path = Paths.join(dir.path, name)
            if wants(name, dir.name, true) {
                visit(FileEntry(path: path, name: name, parentName: dir.name, kind: .directory, isLink: isLink))
            }
            children.append(Pending(path: path, name: name, parentDevice: device,
                                    relative: dir.relative.isEmpty ? name : dir.relative + "/" + name))
            return
        }
        local.entries += 1
        guard wants(name, dir.name, false) else { return }
        let entryKind: FileEntry.Kind = kind == .file ? .file : .special(kind.word)
        visit(FileEntry(path: Paths.join(dir.path, name), name: name, parentName: dir.name, kind: entryKind, isLink: isLink))
    }

    /// A symbolic link met while links are not followed. A link to a file whose name an
    /// extractor claims is visited and read through (pip and uv follow it); one to nothing is an
    /// error naming it. A link to a directory an extractor claims, or to one on the way to a
    /// `site-packages` (`lib`, `lib64`, `python3.X`), is visited and descended into when its
    /// target lies outside the walk (inside, the walk reaches the target itself, as with a
    /// venv's `lib64 -> lib`); loops are cut by device and inode.
    private func linkedEntry(_ cname: UnsafePointer<CChar>, in dir: Pending, directory: Platform.Directory, device: UInt64,
                             children: inout [Pending], local: inout WalkSummary,
                             wants: (String, String, Bool) -> Bool, visit: (FileEntry) -> Void) {
        local.entries += 1
        let name = PathBytes.string(fromCString: cname)
        let wantedFile = wants(name, dir.name, false)
        let wantedDirectory = wants(name, dir.name, true)
        let onSitePath = Self.sitePathNames.contains(name) || name.hasPrefix("python3")
        guard wantedFile || wantedDirectory || onSitePath else { return }
        let path = Paths.join(dir.path, name)
        guard case .success(let target) = Platform.fileInfo(in: directory.fd, name: cname, follow: true) else {
            if wantedFile { local.issues.append(.error(path, stage: "walk", "symbolic link to nothing (dangling); not read")) }
            return
        }
        switch target.kind {
        case .directory:
            if options.skipDirectoryNames.contains(name) { return }
            guard wantedDirectory || onSitePath, !targetInsideWalk(cname, directory: directory, dirPath: dir.path) else {
                if wantedDirectory { visit(FileEntry(path: path, name: name, parentName: dir.name, kind: .directory, isLink: true)) }
                return
            }
            guard firstVisit(target) else { return }
            if wantedDirectory { visit(FileEntry(path: path, name: name, parentName: dir.name, kind: .directory, isLink: true)) }
            children.append(Pending(path: path, name: name, parentDevice: device, viaLink: true,
                                    relative: dir.relative.isEmpty ? name : dir.relative + "/" + name))
        case .file where wantedFile:
            visit(FileEntry(path: path, name: name, parentName: dir.name, kind: .file, isLink: true, size: target.size))
        default:
            if wantedFile { visit(FileEntry(path: path, name: name, parentName: dir.name, kind: .special(target.kind.word), isLink: true)) }
        }
    }

    /// Directory names between a prefix and its `site-packages`.
    static let sitePathNames: Set<String> = ["lib", "lib64", "site-packages", "dist-packages"]

    /// Whether a link's target, resolved lexically against the link's directory, is inside one
    /// of the walk's roots (so the walk reaches it without the link).
    private func targetInsideWalk(_ cname: UnsafePointer<CChar>, directory: Platform.Directory, dirPath: String) -> Bool {
        guard case .success(let bytes) = Platform.linkTarget(in: directory.fd, name: cname) else { return false }
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasPrefix("/"), let linkRoot = options.linkRoot, linkRoot != "/" { text = linkRoot + text }
        let resolved = Paths.resolve(text, against: dirPath)
        return roots.contains { root in
            let r = Paths.resolve(".", against: root)
            return r == "/" || resolved == r || resolved.hasPrefix(r.hasSuffix("/") ? r : r + "/")
        }
    }
}
