import FoundationEssentials
import LitmusFormats
import LitmusModel
import LitmusSystem
import LitmusWalk

/// Who installed which top-level file of one site-packages directory.
struct Ownership {
    struct Owner {
        var name: String
        /// The SHA-256 the owner recorded (RECORD, conda's `paths.json` copy in the record).
        var digest: [UInt8]?
        /// The MD5 the owner recorded (dpkg's md5sums).
        var md5: [UInt8]? = nil
        /// Why an owner that records digests has none for this file (a conda record without
        /// `paths_data`, or a prefix-replaced file without `sha256_in_prefix`): owned, but its
        /// bytes cannot be verified; the check says so in a warning.
        var unverifiable: String? = nil
    }

    /// What a conda-meta record says about one start-up file it lists.
    struct CondaEntry {
        /// `conda:litellm-1.82.6-pyhd8ed1ab_0` (the record's file name without `.json`).
        var owner: String
        /// The installed file's SHA-256, when the record gives one that applies to the bytes in
        /// the prefix (`sha256_in_prefix`, else `sha256` of a file conda copied unchanged).
        var sha256: [UInt8]?
        /// Why there is no digest, when there is none.
        var unverifiable: String?
    }

    private var owners: [String: Owner] = [:]
    private let sitePackages: String
    private let files: any FileReading
    private let dpkg: DpkgFileIndex
    private let root: String
    private var ownIssues: [ScanIssue] = []

    /// Every owner record that exists but could not be read or parsed (never silently "unowned").
    var issues: [ScanIssue] { ownIssues + dpkgIssues }
    private var condaFiles: [String: CondaEntry] = [:]
    private var dpkgIssues: [ScanIssue] = []

    init(sitePackages: String, items: [DirectoryItem], files: any FileReading, dpkg: DpkgFileIndex, root: String) {
        self.sitePackages = sitePackages
        self.files = files
        self.dpkg = dpkg
        self.root = root
        for item in items where item.isDirectory {
            switch DistributionFolder.kind(of: item.name) {
            case .distInfo: readRecord(item.name, files: files)
            case .eggInfo: readInstalledFiles(item.name, files: files)
            case nil: break
            }
        }
        readConda(files: files)
        dpkgIssues = dpkg.load(root: root, files: files)
    }

    /// The owner of a top-level file, if any installer lists it.
    func owner(of name: String) -> Owner? {
        if let o = owners[name] { return o }
        if let c = condaFiles[SitePackagesPath(sitePackages).relativeToPrefix(name)] {
            return Owner(name: c.owner, digest: c.sha256, unverifiable: c.unverifiable)
        }
        if let package = dpkg.owner(of: Paths.join(sitePackages, name), root: root) { return Owner(name: "dpkg:\(package)", digest: nil, md5: dpkg.md5(of: Paths.join(sitePackages, name), root: root)) }
        return nil
    }

    private mutating func readRecord(_ distInfo: String, files: any FileReading) {
        let path = Paths.join(Paths.join(sitePackages, distInfo), "RECORD")
        guard let bytes = read(path, limit: 32 << 20, what: "RECORD") else { return }
        do {
            for entry in try RecordFile.parse(Self.topLevelRows(bytes)) where !entry.path.contains("/") {
                owners[entry.path] = Owner(name: Self.ownerName(distInfo), digest: entry.hashAlgorithm == "sha256" ? entry.digest : nil)
            }
        } catch {
            ownIssues.append(.error(path, line: error.line, stage: "site-packages", "cannot parse RECORD: \(error.message)"))
        }
    }

    /// `litellm-1.82.6` for the owner's metadata folder (the folder name when it does not parse).
    static func ownerName(_ folder: String) -> String {
        DistributionFolder(folder)?.stem ?? folder
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
        guard let bytes = read(path, limit: 16 << 20, what: "installed-files.txt") else { return }
        let base = Paths.join(sitePackages, eggInfo)
        for line in String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let resolved = Paths.resolve(line.trimmingSpaces, against: base)
            if Paths.parent(of: resolved) == Paths.resolve(".", against: sitePackages) {
                owners[Paths.baseName(resolved)] = Owner(name: Self.ownerName(eggInfo), digest: nil)
            }
        }
    }

    private mutating func readConda(files: any FileReading) {
        let meta = Paths.join(SitePackagesPath(sitePackages).prefix, "conda-meta")
        let items: [DirectoryItem]
        do {
            items = try files.list(meta)
        } catch {
            if !error.isNotFound { ownIssues.append(.error(meta, stage: "site-packages", "cannot list conda records: \(error.message)")) }
            return
        }
        for item in items.sorted(by: { $0.name < $1.name }) where item.name.hasSuffix(".json") {
            let path = Paths.join(meta, item.name)
            guard let bytes = read(path, limit: 64 << 20, what: "conda record") else { continue }
            guard let json = try? JSONParser.parse(bytes) as? [String: Any] else {
                ownIssues.append(.error(path, stage: "site-packages", "conda record is not valid JSON; the files it lists count as unowned"))
                continue
            }
            let owner = "conda:" + String(item.name.dropLast(5))
            for (file, entry) in Self.condaStartupFiles(json, owner: owner) { condaFiles[file] = entry }
        }
    }

    /// Whether a prefix-relative path can be a start-up file (`.pth`, `sitecustomize`/`usercustomize` in any form).
    static func isStartupCandidate(_ path: String) -> Bool {
        path.hasSuffix(".pth") || path.contains("sitecustomize") || path.contains("usercustomize")
    }

    /// The start-up files a conda-meta record lists, with the digest to verify each against.
    ///
    /// `paths_data.paths[]` rows (`_path`, `path_type`, `sha256`, `sha256_in_prefix`,
    /// `size_in_bytes`, `prefix_placeholder`, `file_mode`) give the digest: `sha256_in_prefix`
    /// (conda ≥ 4.x writes it: the bytes as installed) when present, else `sha256` (the bytes in
    /// the package) unless the file had its prefix replaced at install, in which case the
    /// package digest does not describe the installed bytes and the file is unverifiable. A
    /// path in `files` with no `paths_data` row (records from old conda) is unverifiable too.
    static func condaStartupFiles(_ json: [String: Any], owner: String) -> [(String, CondaEntry)] {
        var out: [String: CondaEntry] = [:]
        for f in json["files"] as? [String] ?? [] where isStartupCandidate(f) {
            out[f] = CondaEntry(owner: owner, sha256: nil, unverifiable: "\(owner) lists it but records no digest for it (no paths_data entry)")
        }
        let rows = (json["paths_data"] as? [String: Any])?["paths"] as? [[String: Any]] ?? []
        for row in rows {
            guard let path = row["_path"] as? String, isStartupCandidate(path) else { continue }
            let inPrefix = (row["sha256_in_prefix"] as? String).flatMap(Hex.decode)
            let package = (row["sha256"] as? String).flatMap(Hex.decode)
            let replaced = row["prefix_placeholder"] != nil
            if let digest = inPrefix, digest.count == 32 {
                out[path] = CondaEntry(owner: owner, sha256: digest)
            } else if let digest = package, digest.count == 32, !replaced {
                out[path] = CondaEntry(owner: owner, sha256: digest)
            } else {
                let why = replaced ? "its prefix was replaced at install and the record has no sha256_in_prefix"
                    : "the record has no sha256 for it"
                out[path] = CondaEntry(owner: owner, sha256: nil, unverifiable: "\(owner) lists it, but \(why)")
            }
        }
        return out.sorted { $0.key < $1.key }
    }

    /// The bytes of an owner record; nil when it does not exist (no owner) or cannot be read
    /// (an error in the report, since an unreadable owner would make its files look unowned).
    private mutating func read(_ path: String, limit: Int, what: String) -> [UInt8]? {
        do {
            return try files.read(path, limit: limit)
        } catch {
            if !error.isNotFound { ownIssues.append(.error(path, stage: "site-packages", "cannot read \(what): \(error.message)")) }
            return nil
        }
    }
}
