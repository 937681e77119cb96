import LitmusAdvisories
import LitmusFormats
import LitmusModel
import LitmusSystem
import LitmusWalk

/// Checks an installed distribution of a package an advisory names (any version) against its
/// `RECORD`: every listed file is hashed and compared; files under the package's own folders
/// that RECORD does not list are reported too. A file (or RECORD digest) equal to a known
/// malicious file's SHA-256 is offered to the rules, so it is named even when a regenerated
/// RECORD agrees with it.
///
/// Exempt: RECORD paths that leave the environment (absolute, or `..` past its prefix) are
/// never read (a warning names them); `__pycache__` files are not "unlisted"; a metadata-only
/// copy (no listed file present and no unlisted file under the listed folders) is one warning,
/// not thousands of "missing" findings.
///
/// One install gives at most one observation (so one `record-mismatch` finding): the counts of
/// modified, missing and unlisted files and the first 20 of them by path (``IntegrityCounts``).
public struct InstallIntegrity: HostCheck {
    /// `record`.
    public let name = "record"
    private let packages: Set<String>
    private let knownBad: Set<[UInt8]>
    /// At most this many files are hashed per distribution.
    static let maxFiles = 100_000

    /// Creates the check for the packages `database` names.
    public init(database: AdvisoryDatabase) {
        packages = Set(database.advisories.flatMap { $0.affected.map(\.name.normalized) })
        knownBad = Set(database.fileIndicators.compactMap(\.indicator.sha256))
    }

    /// See ``HostCheck/claims(name:parentName:isDirectory:)``.
    public func claims(name: String, parentName: String, isDirectory: Bool) -> Bool {
        guard isDirectory, let folder = DistributionFolder(name), folder.kind == .distInfo, folder.versionText != nil else { return false }
        return packages.contains(folder.name.normalized)
    }

    /// See ``HostCheck/check(_:in:)``.
    public func check(_ entry: FileEntry, in host: HostContext) -> Extraction {
        let files = host.files
        var out = Extraction()
        let recordPath = Paths.join(entry.path, "RECORD")
        let entries: [RecordEntry]
        var total = 0
        do {
            (entries, total) = try RecordFile.parse(try files.read(recordPath, limit: 64 << 20), maxEntries: InstallIntegrity.maxFiles)
            out.filesRead.append(recordPath)
        } catch let e as ReadError {
            out.issues.append(e.isNotFound ? .warning(recordPath, stage: name, "no RECORD; integrity not checked")
                                           : .error(recordPath, stage: name, "cannot read: \(e.message)"))
            return out
        } catch let e as RecordError {
            out.issues.append(.error(recordPath, line: e.line, stage: name, "cannot parse RECORD: \(e.message)"))
            return out
        } catch {
            out.issues.append(.error(recordPath, stage: name, "cannot read: \(error)"))
            return out
        }
        guard let folder = DistributionFolder(entry.name) else { return out }
        let distribution = folder.display
        let package = folder.name
        var check = Check(sitePackages: Paths.parent(of: entry.path), distribution: distribution, package: package, knownBad: knownBad)
        check.run(entries, total: total, recordPath: recordPath, files: files)
        out.merge(check.out)
        return out
    }
}

private struct Check {
    let sitePackages: String
    let environment: String
    /// `environment` folded once, with a trailing slash: every RECORD path is checked against it.
    let boundary: String
    let distribution: String
    let package: PackageName
    let knownBad: Set<[UInt8]>
    var out = Extraction()

    init(sitePackages: String, distribution: String, package: PackageName, knownBad: Set<[UInt8]>) {
        self.knownBad = knownBad
        self.sitePackages = sitePackages
        self.environment = SitePackagesPath(sitePackages).prefix
        self.boundary = Paths.resolve(".", against: environment) + "/"
        self.distribution = distribution
        self.package = package
    }

    mutating func run(_ entries: [RecordEntry], total: Int, recordPath: String, files: any FileReading) {
        var listed = Set<String>()
        var counts = IntegrityCounts()
        var present = 0
        if total > entries.count {
            out.issues.append(.warning(recordPath, stage: "record", "RECORD lists \(total) files; only the first \(entries.count) are checked"))
        }
        for e in entries {
            guard let path = inside(e.path) else {
                out.issues.append(.warning(recordPath, line: e.line, stage: "record", "path \"\(e.path)\" leaves the environment; not read"))
                continue
            }
            listed.insert(path)
            guard let digest = e.digest else { continue }
            do {
                let d = try files.digest(path, limit: ReadLimits.hashed)
                if isPackageFile(e.path) { present += 1 }
                if knownBad.contains(d.sha256) || knownBad.contains(digest) {
                    // The rules name the malicious file (known-bad-hash) even if RECORD was regenerated to agree.
                    out.observations.append(.file(FileObservation(location: FileLocation(path: path), name: Paths.baseName(path),
                                                                  size: d.size, sha256: knownBad.contains(d.sha256) ? d.sha256 : digest)))
                }
                if d.sha256 != digest || (e.size.map { $0 != d.size } ?? false) {
                    counts.add(.modified, path: path, detail: "RECORD sha256=\(Base64URL.encode(digest)), file sha256=\(Base64URL.encode(d.sha256))")
                }
            } catch {
                if error.isNotFound {
                    counts.add(.missing, path: path, detail: "listed in RECORD line \(e.line)")
                } else {
                    out.issues.append(.error(path, stage: "record", "cannot hash: \(error.message)"))
                    if isPackageFile(e.path) { present += 1 }
                }
            }
        }
        // A metadata-only copy has no package files at all: files RECORD does not list under
        // its folders (a RECORD naming only absent files beside a planted package) are an install.
        let listedProblems = counts.total
        unlisted(listed: listed, files: files, into: &counts)
        if present == 0 && listedProblems > 0 && counts.unlisted == 0 {
            out.issues.append(.warning(recordPath, stage: "record", "none of the \(listedProblems) files RECORD lists is present (a metadata-only copy); integrity not checked"))
            return
        }
        guard counts.total > 0 else { return }
        out.observations.append(.integrity(IntegrityObservation(location: FileLocation(path: recordPath), distribution: distribution,
                                                                package: package, counts: counts)))
    }

    /// A file of the package proper (inside a package folder, not the dist-info and not a
    /// top-level file such as a `.pth`): its presence tells an install from a metadata-only copy.
    func isPackageFile(_ recordPath: String) -> Bool {
        guard let slash = recordPath.firstIndex(of: "/") else { return false }
        let top = recordPath[..<slash]
        return DistributionFolder.kind(of: String(top)) != .distInfo && top != ".."
    }

    /// A RECORD path resolved under the site-packages, or nil when it would leave the environment.
    /// Ordinary paths go through ``RecordFile/safeRelativePath(_:)``, the one gate for RECORD
    /// paths; the only extra allowance is `..` paths (console scripts in `../../../bin/`) whose
    /// lexical result stays inside the environment prefix.
    func inside(_ recordPath: String) -> String? {
        if let safe = RecordFile.safeRelativePath(recordPath) { return Paths.join(sitePackages, safe) }
        guard !recordPath.hasPrefix("/"),
              !recordPath.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "\\") }),
              recordPath.split(separator: "/").contains("..") else { return nil }
        let resolved = Paths.resolve(recordPath, against: sitePackages)
        return resolved.hasPrefix(boundary) ? resolved : nil
    }

    /// Files under the package's own top-level folders that RECORD does not list.
    private mutating func unlisted(listed: Set<String>, files: any FileReading, into counts: inout IntegrityCounts) {
        let base = Paths.resolve(".", against: sitePackages)
        let topFolders = Set(listed.compactMap { path -> String? in
            guard let rest = Paths.relative(path, to: base), let slash = rest.firstIndex(of: "/") else { return nil }
            let top = String(rest[..<slash])
            return DistributionFolder.kind(of: top) == .distInfo ? nil : top
        })
        var stack = topFolders.sorted().map { Paths.join(base, $0) }
        var seen = 0
        while let dir = stack.popLast() {
            guard seen < InstallIntegrity.maxFiles else {
                out.issues.append(.warning(dir, stage: "record", "over \(InstallIntegrity.maxFiles) entries under the package's folders; unlisted files beyond them not checked"))
                break
            }
            let items: [DirectoryItem]
            do {
                items = try files.list(dir)
            } catch {
                if !error.isNotFound { out.issues.append(.error(dir, stage: "record", "cannot list; unlisted files not checked: \(error.message)")) }
                continue
            }
            for item in items.sorted(by: { $0.name < $1.name }) {
                seen += 1
                let path = Paths.join(dir, item.name)
                if item.isDirectory {
                    if item.name != "__pycache__" { stack.append(path) }
                } else if !listed.contains(path) {
                    counts.add(.unlisted, path: path, detail: "not in RECORD")
                }
            }
        }
    }
}
