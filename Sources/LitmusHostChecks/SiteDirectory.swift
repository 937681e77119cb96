import LitmusFormats
import LitmusModel
import LitmusSystem
import LitmusWalk

/// What CPython runs at start-up from one directory on `sys.path`, read the way `site` and the
/// import system read it.
///
/// In a site directory (`site-packages`, `dist-packages`, the user site) every `.pth` file that
/// `addsitedir` of the directory's release reads is parsed by ``PthFile``, and its executed
/// lines are hooks; its path lines that name existing directories join `sys.path`, so those
/// directories are searched too. In every directory on the path (site directories, the
/// directories `.pth` files add, the standard library and its `lib-dynload`),
/// `sitecustomize` — and `usercustomize` where the user site is enabled — is looked up in
/// every form ``StartupModule`` knows. Links are followed, as Python follows them. When the
/// release is unknown (no `python3.X` in the path) the rules of every release are applied and a
/// line any of them executes counts.
public struct SiteDirectory: Sendable {
    /// One file CPython runs at start-up.
    public struct Hook: Sendable {
        /// Path relative to the directory it was found in (`x.pth`, `sitecustomize/__init__.py`).
        public var name: String
        /// The full path.
        public var path: String
        /// The file's SHA-256 (compared with RECORD's and conda's digests).
        public var sha256: [UInt8]
        /// The file's MD5 (compared with dpkg's md5sums).
        public var md5: [UInt8]
        /// The whole content when it is at most ``shortLimit`` bytes (the virtualenv shim
        /// check), else nil: hooks keep digests, not bytes, so a directory of large hooks costs
        /// no more memory than the largest one.
        public var shortText: String?

        /// Content kept whole up to this size.
        public static let shortLimit = 256

        init(name: String, path: String, bytes: [UInt8], firstLine: String, line: Int?) {
            self.name = name
            self.path = path
            self.sha256 = SHA256.hash(bytes)
            self.md5 = MD5.hash(bytes)
            self.shortText = bytes.count <= Self.shortLimit ? String(decoding: bytes, as: UTF8.self) : nil
            self.firstLine = firstLine
            self.line = line
        }
        /// The first line CPython executes (text hooks), or what kind of binary it is.
        public var firstLine: String
        /// 1-based line of `firstLine` in a `.pth` file.
        public var line: Int?
    }

    /// A start-up file that was examined (every `.pth` read and every `sitecustomize` /
    /// `usercustomize` form found, whether or not it runs anything), with its SHA-256 for the
    /// rules to compare with every indicator hash under any name.
    public struct Examined: Sendable {
        /// The full path.
        public var path: String
        /// Its size in bytes.
        public var size: UInt64
        /// Its SHA-256.
        public var sha256: [UInt8]
        /// The first line, escaped and cut, for evidence.
        public var firstLine: String
    }

    /// What one directory gave.
    public struct Result: Sendable {
        /// Hooks, sorted by path.
        public var hooks: [Hook] = []
        /// Every start-up file examined, hashed.
        public var examined: [Examined] = []
        /// Directories `.pth` path lines add to `sys.path` (existing ones only).
        public var addedDirectories: [String] = []
        /// Regular files `.pth` path lines add to `sys.path` (`os.path.exists` holds for them):
        /// zip archives, which `zipimport` and `importlib.metadata` read (``ZipPathEntries``).
        public var addedArchives: [String] = []
        /// Files that could not be read or listed.
        public var issues: [ScanIssue] = []
        /// Files read.
        public var filesRead: [String] = []
    }

    /// The directory.
    public let path: String
    /// Its entries (links reported with their targets).
    public let items: [DirectoryItem]
    /// The releases whose rules apply (one when the path names it).
    public let releases: [CPythonRelease]

    /// Largest start-up file read whole; real ones are a few KiB. A bigger one is still hashed
    /// (streaming, up to ``ReadLimits/hashed``) for the indicator comparison, and its parse is an
    /// error in the report.
    public static let readLimit = 8 << 20

    /// The examined record of a file read whole.
    static func examined(_ path: String, _ bytes: [UInt8]) -> Examined {
        Examined(path: path, size: UInt64(bytes.count), sha256: SHA256.hash(bytes), firstLine: IndicatorFiles.firstLine(Array(bytes.prefix(512))))
    }

    /// A start-up file too large to read whole, hashed in one streaming pass; nil (with an
    /// error) when even that fails.
    static func examinedStreaming(_ path: String, files: any FileReading, issues: inout [ScanIssue]) -> Examined? {
        do {
            let d = try files.digest(path, limit: ReadLimits.hashed)
            return Examined(path: path, size: d.size, sha256: d.sha256, firstLine: IndicatorFiles.firstLine(d.head))
        } catch {
            issues.append(.error(path, stage: "site-packages", "cannot hash start-up file: \(error.message)"))
            return nil
        }
    }

    /// Creates the view of one directory.
    public init(path: String, items: [DirectoryItem], releases: [CPythonRelease]? = nil) {
        self.path = path
        self.items = items
        self.releases = releases ?? Self.releases(forPath: path)
    }

    /// The release named by the nearest `python3.X` component of `path`, else all of them.
    public static func releases(forPath path: String) -> [CPythonRelease] {
        for part in path.split(separator: "/").reversed() {
            if let release = CPythonRelease(folderName: String(part)) { return [release] }
        }
        return CPythonRelease.all
    }

    /// The `.pth` hooks of a site directory and the directories they add. `root` maps absolute
    /// path lines into an audited image.
    public func pthHooks(files: any FileReading, root: String = "/") -> Result {
        var out = Result()
        let names = items.filter { item in
            item.isFileFollowingLinks && releases.contains { PthFile.isProcessed(name: item.name, release: $0) }
        }.map(\.name).sorted()
        var added = Set<String>()
        for name in names {
            let file = Paths.join(path, name)
            let bytes: [UInt8]
            do {
                bytes = try files.read(file, limit: Self.readLimit)
            } catch {
                out.issues.append(.error(file, stage: "site-packages", "cannot read .pth file: \(error.message)"))
                if !error.isNotFound, let e = Self.examinedStreaming(file, files: files, issues: &out.issues) { out.examined.append(e) }
                continue
            }
            out.filesRead.append(file)
            out.examined.append(Self.examined(file, bytes))
            var first: PthFile.Line?
            for release in releases where PthFile.isProcessed(name: name, release: release) {
                let pth = PthFile(parsing: bytes, release: release)
                if let line = pth.executed.first, first.map({ line.number < $0.number }) ?? true { first = line }
                for dir in pth.paths { added.insert(Self.joined(dir, to: path, root: root)) }
            }
            if let first {
                out.hooks.append(Hook(name: name, path: file, bytes: bytes, firstLine: IndicatorFiles.firstLine(Array(first.text.utf8)), line: first.number))
            }
        }
        out.addedDirectories = added.filter { $0 != Paths.resolve(".", against: path) && Self.isDirectory($0, files: files, issues: &out.issues) }.sorted()
        out.addedArchives = added.filter { !out.addedDirectories.contains($0) && Self.isRegularFile($0, files: files, issues: &out.issues) }.sorted()
        return out
    }

    /// `sitecustomize` (and `usercustomize` when `userSite`) as the import system finds them here.
    public func moduleHooks(files: any FileReading, userSite: Bool) -> Result {
        var out = Result()
        let regular = Set(items.filter(\.isFileFollowingLinks).map(\.name))
        let directories = Set(items.filter(\.isDirectoryFollowingLinks).map(\.name))
        var listingIssues: [ScanIssue] = []
        defer { out.issues += listingIssues }
        for module in StartupModule.hookNames where module == "sitecustomize" || userSite {
            var found: [StartupModule] = []
            for release in releases.count == 1 ? releases.map(Optional.some) : [nil] {
                let hit = StartupModule.find(module, files: regular, directories: directories, packageFiles: { sub in
                    do throws(ReadError) {
                        return Set(try files.list(Paths.join(path, sub)).filter(\.isFileFollowingLinks).map(\.name))
                    } catch {
                        listingIssues.append(.error(Paths.join(path, sub), stage: "site-packages", "cannot list: \(error.message)"))
                        return []
                    }
                }, release: release)
                if let hit, !found.contains(hit) { found.append(hit) }
            }
            for hit in found {
                let file = Paths.join(path, hit.file)
                do {
                    let bytes = try files.read(file, limit: Self.readLimit)
                    out.filesRead.append(file)
                    out.examined.append(Self.examined(file, bytes))
                    out.hooks.append(Hook(name: hit.file, path: file, bytes: bytes, firstLine: Self.describe(hit, bytes), line: nil))
                } catch {
                    out.issues.append(.error(file, stage: "site-packages", "cannot read \(hit.name) (\(hit.form.rawValue)): \(error.message)"))
                    if !error.isNotFound, let e = Self.examinedStreaming(file, files: files, issues: &out.issues) { out.examined.append(e) }
                }
            }
        }
        return out
    }

    /// The first non-blank line of a source module; the form of a binary one.
    static func describe(_ module: StartupModule, _ bytes: [UInt8]) -> String {
        switch module.form {
        case .bytecode: return "(compiled bytecode \(module.file))"
        case .extensionModule: return "(extension module \(module.file))"
        case .source, .package:
            guard module.file.hasSuffix(".py") else { return "(\(module.file))" }
            // The first line that is not blank, found without splitting the whole file.
            var start = 0
            while start < bytes.count {
                let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
                if !bytes[start..<end].allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
                    return IndicatorFiles.firstLine(Array(bytes[start..<min(end, start + 1024)]) + [0x0A])
                }
                start = end + 1
            }
            return IndicatorFiles.firstLine([0x0A])
        }
    }

    /// `makepath(sitedir, line)`: the line joined to the site directory and folded lexically.
    static func joined(_ line: String, to directory: String, root: String) -> String {
        if line.hasPrefix("/"), root != "/", !root.isEmpty { return Paths.resolve(String(line.dropFirst()), against: root) }
        return Paths.resolve(line, against: directory)
    }

    /// `os.path.exists` for a file a `.pth` names (a zip on `sys.path`); unreadable ones are issues.
    private static func isRegularFile(_ path: String, files: any FileReading, issues: inout [ScanIssue]) -> Bool {
        do {
            _ = try files.size(path)
            return true
        } catch {
            if !error.isNotFound && !error.message.hasPrefix("not a regular file") && !error.message.contains("Not a directory") {
                issues.append(.error(path, stage: "site-packages", "cannot read a file a .pth file adds to sys.path: \(error.message)"))
            }
            return false
        }
    }

    /// `os.path.exists` for a directory a `.pth` names; unreadable ones are issues.
    private static func isDirectory(_ path: String, files: any FileReading, issues: inout [ScanIssue]) -> Bool {
        do {
            _ = try files.list(path)
            return true
        } catch {
            if !error.isNotFound && !error.message.contains("Not a directory") {
                issues.append(.error(path, stage: "site-packages", "cannot list a directory a .pth file adds to sys.path: \(error.message)"))
            }
            return false
        }
    }
}
