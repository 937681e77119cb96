import LitmusAdvisories
import LitmusFormats
import LitmusModel
import LitmusSystem
import LitmusWalk

/// The start-up hooks of a `site-packages` or `dist-packages` directory, of the directories its
/// `.pth` files add to `sys.path`, and of a standard library and its `lib-dynload`.
///
/// What counts as a hook is what CPython runs (``SiteDirectory``: ``PthFile`` per release,
/// ``StartupModule`` for `sitecustomize`/`usercustomize` as module, package, bytecode or
/// extension module), links followed. This check reports such a hook when no installer owns it — no `*.dist-info/RECORD`, egg-info
/// `installed-files.txt`, dpkg file list (under the audit root) or conda-meta record lists it —
/// or when its bytes differ from the digest its owner recorded (RECORD sha256, dpkg md5sums,
/// conda-meta `sha256_in_prefix`/`sha256`). A conda-owned hook whose record gives no digest
/// that applies to the installed bytes is a warning (owned, not verifiable), not a finding. Exempt: `.pth` files holding only
/// path lines and comments (they run nothing), and virtualenv's own `_virtualenv.pth` whose
/// whole content is `import _virtualenv` next to its `_virtualenv.py`.
///
/// Every start-up file examined (each `.pth` read, each `sitecustomize`/`usercustomize` form
/// found, exempt or not) is also offered to the rules with its SHA-256, which compare it with
/// every advisory indicator hash under any file name.
public struct StartupHooks: HostCheck {
    /// `site-packages`.
    public let name = "site-packages"
    private let dpkg = DpkgFileIndex()

    /// Creates the check (it needs no advisory data: any unowned hook is suspicious).
    public init(database: AdvisoryDatabase) {}

    /// Creates the check.
    public init() {}

    /// See ``HostCheck/claims(name:parentName:isDirectory:)``: site directories, and
    /// `lib/python3.X` folders (a standard library, when it holds `os.py`, is on `sys.path`).
    public func claims(name: String, parentName: String, isDirectory: Bool) -> Bool {
        guard isDirectory else { return false }
        if name == "site-packages" || name == "dist-packages" { return true }
        return (parentName == "lib" || parentName == "lib64") && CPythonRelease(folderName: name) != nil
    }

    /// See ``HostCheck/check(_:in:)``.
    public func check(_ entry: FileEntry, in host: HostContext) -> Extraction {
        let files = host.files
        var out = Extraction()
        let items: [DirectoryItem]
        do {
            items = try files.list(entry.path)
        } catch {
            out.issues.append(.error(entry.path, stage: name, "cannot list: \(error.message)"))
            return out
        }
        let site = SiteDirectory(path: entry.path, items: items)
        var found = SiteDirectory.Result()
        if entry.name == "site-packages" || entry.name == "dist-packages" {
            found = site.pthHooks(files: files, root: host.root)
            found.hooks.removeAll { Self.isVirtualenvShim($0.name, text: $0.shortText, items: items) }
            let userSite = userSiteEnabled(entry.path, files: files, issues: &out.issues)
            merge(site.moduleHooks(files: files, userSite: userSite), into: &found)
            for dir in found.addedDirectories {
                do {
                    let added = SiteDirectory(path: dir, items: try files.list(dir), releases: site.releases)
                    merge(added.moduleHooks(files: files, userSite: userSite), into: &found)
                } catch {
                    out.issues.append(.error(dir, stage: name, "cannot list a directory a .pth file adds to sys.path: \(error.message)"))
                }
            }
        } else if items.contains(where: { $0.name == "os.py" && $0.isFileFollowingLinks }) {
            // A standard library (not a venv's lib folder): it and lib-dynload are on sys.path.
            merge(site.moduleHooks(files: files, userSite: true), into: &found)
            let dynload = Paths.join(entry.path, "lib-dynload")
            if items.contains(where: { $0.name == "lib-dynload" && $0.isDirectoryFollowingLinks }) {
                do {
                    let dir = SiteDirectory(path: dynload, items: try files.list(dynload), releases: site.releases)
                    merge(dir.moduleHooks(files: files, userSite: true), into: &found)
                } catch {
                    out.issues.append(.error(dynload, stage: name, "cannot list: \(error.message)"))
                }
            }
        }
        out.issues += found.issues
        out.filesRead += found.filesRead
        // Every start-up file examined goes to the rules hashed, to be compared with every
        // indicator hash whatever its name (the payload renamed to zzz_helper.pth).
        for e in found.examined {
            out.observations.append(.file(FileObservation(location: FileLocation(path: e.path), name: Paths.baseName(e.path), size: e.size,
                                                          sha256: e.sha256, firstLine: e.firstLine, startupFile: true)))
        }
        guard !found.hooks.isEmpty else { return out }
        let owners = Ownership(sitePackages: entry.path, items: items, files: files, dpkg: dpkg, root: host.root)
        for hook in found.hooks.sorted(by: { $0.path < $1.path }) {
            let location = FileLocation(path: hook.path, line: hook.line)
            let inside = Paths.parent(of: hook.path) == entry.path || hook.path.hasPrefix(entry.path + "/")
            let owner = inside ? owners.owner(of: String(hook.path.dropFirst(entry.path.count + 1)))
                : dpkg.owner(of: hook.path, root: host.root).map {
                    Ownership.Owner(name: "dpkg:\($0)", digest: nil, md5: dpkg.md5(of: hook.path, root: host.root))
                }
            switch owner {
            case .none:
                out.observations.append(.startupHook(StartupHookObservation(location: location, reason: .unowned, firstLine: hook.firstLine)))
            case .some(let owner):
                if let expected = owner.digest, expected != hook.sha256 {
                    out.observations.append(.startupHook(StartupHookObservation(location: location, reason: .modified,
                                                                                firstLine: hook.firstLine, owner: owner.name)))
                } else if let expected = owner.md5, expected != hook.md5 {
                    out.observations.append(.startupHook(StartupHookObservation(location: location, reason: .modified,
                                                                                firstLine: hook.firstLine, owner: owner.name)))
                } else if owner.digest == nil && owner.md5 == nil, let why = owner.unverifiable {
                    // Owned, so not "unowned"; but nothing to verify the bytes against: said, not silently trusted.
                    out.issues.append(.warning(hook.path, stage: name, "start-up file owned but not verifiable: \(why)"))
                }
            }
        }
        out.issues += owners.issues
        return out
    }

    private func merge(_ other: SiteDirectory.Result, into result: inout SiteDirectory.Result) {
        result.hooks += other.hooks
        result.examined += other.examined
        result.issues += other.issues
        result.filesRead += other.filesRead
    }

    /// Whether interpreters using this site directory import `usercustomize`: not in a venv whose
    /// `pyvenv.cfg` sets `include-system-site-packages` to anything but `true` (`site.venv`
    /// then disables the user site; a missing key means `true`).
    func userSiteEnabled(_ sitePackages: String, files: any FileReading, issues: inout [ScanIssue]) -> Bool {
        let parts = sitePackages.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 4, parts[parts.count - 1] == "site-packages", CPythonRelease(folderName: String(parts[parts.count - 2])) != nil,
              ["lib", "lib64"].contains(parts[parts.count - 3]) else { return true }
        let config = Paths.join(Paths.parent(of: Paths.parent(of: Paths.parent(of: sitePackages))), "pyvenv.cfg")
        let bytes: [UInt8]
        do {
            bytes = try files.read(config, limit: 1 << 16)
        } catch {
            if !error.isNotFound { issues.append(.error(config, stage: name, "cannot read: \(error.message)")) }
            return true
        }
        for line in String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline) {
            guard let eq = line.firstIndex(of: "=") else { continue }
            let key = line[..<eq].trimmingSpaces.lowercased()
            if key == "include-system-site-packages" { return line[line.index(after: eq)...].trimmingSpaces.lowercased() == "true" }
        }
        return true
    }

    static func isVirtualenvShim(_ name: String, text: String?, items: [DirectoryItem]) -> Bool {
        name == "_virtualenv.pth"
            && text?.trimmingSpaces == "import _virtualenv"
            && items.contains { $0.name == "_virtualenv.py" && !$0.isDirectory }
    }
}
