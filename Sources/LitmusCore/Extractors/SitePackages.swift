import FoundationEssentials

/// A `site-packages` or `dist-packages` directory as a whole: records the environment for the
/// coverage summary and inspects its startup hooks.
///
/// Python's `site` module executes every line starting with `import` in every `*.pth` file of
/// site-packages at each interpreter start, and imports `sitecustomize`/`usercustomize`. This
/// extractor reports such a hook when no installer owns it — no `*.dist-info/RECORD`, egg-info
/// `installed-files.txt`, dpkg file list (under the audit root) or conda-meta record lists it —
/// or when its bytes differ from the RECORD that lists it. Exempt: `.pth` files holding only
/// path lines and comments (they run nothing), and virtualenv's own `_virtualenv.pth` whose
/// whole content is `import _virtualenv` next to its `_virtualenv.py`.
public struct SitePackages: Extractor {
    /// `site-packages`.
    public let name = "site-packages"
    /// The filesystem root the environment lives under (`/`, or a mounted image), for dpkg lists.
    public let root: String
    private let dpkg: DpkgFileIndex

    /// Creates the extractor for environments under `root`.
    public init(root: String = "/") {
        self.root = root
        self.dpkg = DpkgFileIndex(root: root)
    }

    /// See ``Extractor/claims(name:parentName:isDirectory:)``.
    public func claims(name: String, parentName: String, isDirectory: Bool) -> Bool {
        isDirectory && (name == "site-packages" || name == "dist-packages")
    }

    /// See ``Extractor/extract(_:files:)``.
    public func extract(_ entry: FileEntry, files: any FileReading) -> Extraction {
        var out = Extraction()
        let items: [DirectoryItem]
        do {
            items = try files.list(entry.path)
        } catch {
            out.issues.append(.error(entry.path, stage: name, "cannot list: \(error.message)"))
            return out
        }
        out.environments.append(environment(entry, items: items, files: files))
        let hooks = items.filter { !$0.isDirectory && Self.isHookName($0.name) }.map(\.name).sorted()
        var candidates: [(name: String, bytes: [UInt8], firstLine: String)] = []
        for hook in hooks {
            let path = Paths.join(entry.path, hook)
            do {
                let bytes = try files.read(path, limit: 8 << 20)
                out.filesRead.append(path)
                guard let line = Self.executableLine(name: hook, bytes: bytes) else { continue }
                if Self.isVirtualenvShim(hook, bytes: bytes, items: items) { continue }
                candidates.append((hook, bytes, line))
            } catch {
                out.issues.append(.error(path, stage: name, "cannot read startup hook: \(error.message)"))
            }
        }
        guard !candidates.isEmpty else { return out }
        let owners = Ownership(sitePackages: entry.path, items: items, files: files, dpkg: dpkg, root: root)
        out.issues += owners.issues
        for c in candidates {
            let location = FileLocation(path: Paths.join(entry.path, c.name))
            switch owners.owner(of: c.name) {
            case .none:
                out.observations.append(.startupHook(StartupHookObservation(location: location, reason: .unowned, firstLine: c.firstLine)))
            case .some(let owner):
                if let expected = owner.digest, expected != SHA256.hash(c.bytes) {
                    out.observations.append(.startupHook(StartupHookObservation(location: location, reason: .modified,
                                                                                firstLine: c.firstLine, owner: owner.name)))
                }
            }
        }
        return out
    }

    private func environment(_ entry: FileEntry, items: [DirectoryItem], files: any FileReading) -> EnvironmentRecord {
        let parts = entry.path.split(separator: "/", omittingEmptySubsequences: false)
        var rootPath = entry.path
        var version: String?
        if parts.count >= 3, parts[parts.count - 2].hasPrefix("python"), ["lib", "lib64"].contains(parts[parts.count - 3]) {
            rootPath = Paths.parent(of: Paths.parent(of: Paths.parent(of: entry.path)))
            version = String(parts[parts.count - 2].dropFirst(6)).nilIfEmpty
        }
        let config = try? files.read(Paths.join(rootPath, "pyvenv.cfg"), limit: 1 << 16)
        if let config, let v = Self.pyvenvVersion(config) { version = v }
        if config == nil, let v = Self.versionInFolderName(rootPath) { version = v }
        let count = items.filter { $0.name.hasSuffix(".dist-info") || $0.name.hasSuffix(".egg-info") }.count
        return EnvironmentRecord(path: rootPath, kind: EnvironmentRecord.kind(forRoot: rootPath, isVirtualEnv: config != nil),
                                 pythonVersion: version, distributions: count)
    }

    /// `version_info = 3.11.7` or `version = 3.11.7` from a `pyvenv.cfg`.
    static func pyvenvVersion(_ bytes: [UInt8]) -> String? {
        for line in String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let kv = line.split(separator: "=", maxSplits: 1).map { $0.trimmingSpaces }
            guard kv.count == 2, ["version_info", "version"].contains(kv[0].lowercased()) else { continue }
            let v = kv[1].split(separator: ".").prefix(3).joined(separator: ".")
            if !v.isEmpty, v.allSatisfy({ $0.isNumber || $0 == "." }) { return v }
        }
        return nil
    }

    /// `3.11.7` from pyenv's `versions/3.11.7` or uv's `cpython-3.11.7-linux-x86_64-gnu`.
    static func versionInFolderName(_ root: String) -> String? {
        let base = Paths.baseName(root)
        let candidate = base.hasPrefix("cpython-") ? String(base.dropFirst(8).prefix { $0 != "-" }) : base
        let parts = candidate.split(separator: ".")
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else { return nil }
        return candidate
    }

    static func isHookName(_ name: String) -> Bool {
        name.hasSuffix(".pth") || name == "sitecustomize.py" || name == "usercustomize.py"
    }

    /// The first line Python would execute, escaped; nil for a `.pth` of paths and comments.
    static func executableLine(name: String, bytes: [UInt8]) -> String? {
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: true)
        if !name.hasSuffix(".pth") {
            let first = lines.first { !$0.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D } } ?? []
            return IndicatorFiles.firstLine(Array(first) + [0x0A])
        }
        for line in lines where line.starts(with: Array("import ".utf8)) || line.starts(with: Array("import\t".utf8)) {
            return IndicatorFiles.firstLine(Array(line))
        }
        return nil
    }

    static func isVirtualenvShim(_ name: String, bytes: [UInt8], items: [DirectoryItem]) -> Bool {
        name == "_virtualenv.pth"
            && String(decoding: bytes, as: UTF8.self).trimmingSpaces == "import _virtualenv"
            && items.contains { $0.name == "_virtualenv.py" && !$0.isDirectory }
    }
}

/// Who installed which top-level file of one site-packages directory.
struct Ownership {
    struct Owner {
        var name: String
        var digest: [UInt8]?
    }

    private var owners: [String: Owner] = [:]
    private let sitePackages: String
    private let files: any FileReading
    private let dpkg: DpkgFileIndex
    private let root: String
    private(set) var issues: [ScanIssue] = []
    private var condaFiles: Set<String> = []

    init(sitePackages: String, items: [DirectoryItem], files: any FileReading, dpkg: DpkgFileIndex, root: String) {
        self.sitePackages = sitePackages
        self.files = files
        self.dpkg = dpkg
        self.root = root
        for item in items where item.isDirectory {
            if item.name.hasSuffix(".dist-info") { readRecord(item.name, files: files) }
            if item.name.hasSuffix(".egg-info") { readInstalledFiles(item.name, files: files) }
        }
        readConda(files: files)
    }

    /// The owner of a top-level file, if any installer lists it.
    func owner(of name: String) -> Owner? {
        if let o = owners[name] { return o }
        let prefix = Paths.parent(of: Paths.parent(of: Paths.parent(of: sitePackages)))
        let relativeToPrefix = String(Paths.join(sitePackages, name).dropFirst(prefix.count)).drop { $0 == "/" }
        if condaFiles.contains(String(relativeToPrefix)) { return Owner(name: "conda", digest: nil) }
        if let package = dpkg.owner(of: Paths.join(sitePackages, name), files: files) { return Owner(name: "dpkg:\(package)", digest: nil) }
        return nil
    }

    private mutating func readRecord(_ distInfo: String, files: any FileReading) {
        let path = Paths.join(Paths.join(sitePackages, distInfo), "RECORD")
        guard let bytes = try? files.read(path, limit: 32 << 20) else { return }
        do {
            for entry in try RecordFile.parse(Self.topLevelRows(bytes)) where !entry.path.contains("/") {
                owners[entry.path] = Owner(name: String(distInfo.dropLast(10)), digest: entry.hashAlgorithm == "sha256" ? entry.digest : nil)
            }
        } catch {
            issues.append(.error(path, line: error.line, stage: "site-packages", "cannot parse RECORD: \(error.message)"))
        }
    }

    /// The rows of a RECORD whose path has no `/` (the only ones that can own a top-level hook),
    /// found without parsing every row; quoted rows are kept whole for the real CSV parser.
    static func topLevelRows(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { buf in
            var out: [UInt8] = []
            var inQuotes = false
            var lineStart = 0
            var pathHasSlash = false
            var inPath = true
            for i in 0..<buf.count {
                let c = buf[i]
                if c == UInt8(ascii: "\"") { inQuotes.toggle(); continue }
                if inPath && c == UInt8(ascii: ",") { inPath = false }
                if inPath && c == UInt8(ascii: "/") { pathHasSlash = true }
                guard c == 0x0A && !inQuotes else { continue }
                if buf[lineStart] == UInt8(ascii: "\"") || !pathHasSlash { out += buf[lineStart...i] }
                lineStart = i + 1
                pathHasSlash = false
                inPath = true
            }
            if lineStart < buf.count { out += buf[lineStart...] }
            return out
        }
    }

    private mutating func readInstalledFiles(_ eggInfo: String, files: any FileReading) {
        let path = Paths.join(Paths.join(sitePackages, eggInfo), "installed-files.txt")
        guard let bytes = try? files.read(path, limit: 16 << 20) else { return }
        let base = Paths.join(sitePackages, eggInfo)
        for line in String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let resolved = Paths.resolve(line.trimmingSpaces, against: base)
            if Paths.parent(of: resolved) == Paths.resolve(".", against: sitePackages) {
                owners[Paths.baseName(resolved)] = Owner(name: String(eggInfo.dropLast(9)), digest: nil)
            }
        }
    }

    private mutating func readConda(files: any FileReading) {
        let meta = Paths.join(Paths.parent(of: Paths.parent(of: Paths.parent(of: sitePackages))), "conda-meta")
        guard let items = try? files.list(meta) else { return }
        for item in items where item.name.hasSuffix(".json") {
            guard let bytes = try? files.read(Paths.join(meta, item.name), limit: 64 << 20),
                  let json = try? JSONParser.parse(bytes) as? [String: Any],
                  let list = json["files"] as? [String] else { continue }
            for f in list where f.hasSuffix(".pth") || f.hasSuffix("customize.py") { condaFiles.insert(f) }
        }
    }
}

/// Which Debian package installed a path, from `ROOT/var/lib/dpkg/info/*.list`; loaded once,
/// on first use, and only when a startup hook needs an owner.
final class DpkgFileIndex: @unchecked Sendable {
    private let root: String
    private let lock = Platform.Condition()
    private var index: [String: String]?

    init(root: String) { self.root = root }

    /// The package listing `path` (a path under the audit root), or nil.
    func owner(of path: String, files: any FileReading) -> String? {
        let absolute = Self.relativeToRoot(path, root: root)
        lock.lock()
        defer { lock.unlock() }
        if index == nil { index = load(files) }
        return index?[absolute]
    }

    static func relativeToRoot(_ path: String, root: String) -> String {
        let r = root.hasSuffix("/") ? String(root.dropLast()) : root
        if !r.isEmpty, path.hasPrefix(r + "/") { return String(path.dropFirst(r.count)) }
        return path
    }

    private func load(_ reader: any FileReading) -> [String: String] {
        let dir = Paths.join(root, "var/lib/dpkg/info")
        guard let items = try? reader.list(dir) else { return [:] }
        var out: [String: String] = [:]
        for item in items where item.name.hasSuffix(".list") {
            guard let bytes = try? reader.read(Paths.join(dir, item.name), limit: 32 << 20) else { continue }
            let package = String(item.name.dropLast(5))
            for line in bytes.split(separator: 0x0A) where line.last == UInt8(ascii: "h") || line.last == UInt8(ascii: "y") {
                out[String(decoding: line, as: UTF8.self)] = package  // only .pth and .py lines matter
            }
        }
        return out
    }
}
