import LitmusAdvisories
import LitmusExtractors
import LitmusModel
import LitmusSystem
import LitmusWalk

/// Zip archives on `sys.path`, read as CPython reads them: the standard-library zip
/// (`PREFIX/lib/python3XY.zip`, on the default `sys.path` of every interpreter whose prefix it
/// is in) and every regular file a `.pth` path line adds (a zipped `.egg` listed in
/// `easy-install.pth`, any zip).
///
/// - Start-up hooks: `site` imports `sitecustomize` (and `usercustomize` where the user site is
///   enabled) and `zipimport` finds it in an archive by trying, in order, `NAME/__init__.pyc`,
///   `NAME/__init__.py`, `NAME.pyc`, `NAME.py` (no extension modules). Every one of those present
///   is reported as an unowned start-up hook: a `.pyc` CPython rejects (wrong magic) makes it
///   fall through to the next, so a decoy cannot hide the one that runs.
/// - Installed distributions: `importlib.metadata` lists the archive's top-level names and takes
///   `*.dist-info` / `*.egg-info` (any case) and, when the archive's name ends in `.egg`,
///   `EGG-INFO`; their METADATA / PKG-INFO are read by ``DistInfo`` through ``ZipArchiveFiles``.
///
/// Members are decompressed in-house (stored and deflate, ``Inflate``), capped at
/// ``SiteDirectory/readLimit`` for hooks and ``ReadLimits/metadata`` for metadata, and checked
/// against the declared size and CRC-32. An archive that cannot be read as a zip is a warning
/// (CPython skips what its `zipimport` cannot open, but litmus cannot be sure it agrees).
public struct ZipPathEntries: HostCheck {
    /// `zip-path-entry`.
    public let name = "zip-path-entry"

    /// Creates the check (it needs no advisory data; the rules judge its observations).
    public init(database: AdvisoryDatabase) {}

    /// Creates the check.
    public init() {}

    /// See ``HostCheck/claims(name:parentName:isDirectory:)``: site directories (for their
    /// `.pth` files) and `lib/python3XY.zip`.
    public func claims(name: String, parentName: String, isDirectory: Bool) -> Bool {
        if isDirectory { return name == "site-packages" || name == "dist-packages" }
        return (parentName == "lib" || parentName == "lib64") && Self.standardLibraryZipRelease(name) != nil
    }

    /// `python311.zip` → 3.11.
    static func standardLibraryZipRelease(_ name: String) -> CPythonRelease? {
        guard name.hasPrefix("python3"), name.hasSuffix(".zip") else { return nil }
        let digits = name.dropFirst(7).dropLast(4)
        guard !digits.isEmpty, digits.count <= 3, digits.allSatisfy(\.isASCII), let minor = Int(digits), !digits.hasPrefix("0") else { return nil }
        return CPythonRelease(minor: minor)
    }

    /// See ``HostCheck/check(_:in:)``.
    public func check(_ entry: FileEntry, in host: HostContext) -> Extraction {
        var out = Extraction()
        let files = host.files
        if entry.kind == .file {
            // A venv's own lib/ is not on its sys.path (the base prefix's is).
            let prefix = Paths.parent(of: Paths.parent(of: entry.path))
            let config = Paths.join(prefix, "pyvenv.cfg")
            do {
                _ = try files.size(config)
                return out
            } catch {
                if !error.isNotFound { out.issues.append(.error(config, stage: name, "cannot read: \(error.message)")) }
            }
            examine(entry.path, userSite: true, files: files, into: &out)
            return out
        }
        let items: [DirectoryItem]
        do {
            items = try files.list(entry.path)
        } catch {
            return out  // StartupHooks reports the unlistable directory
        }
        let site = SiteDirectory(path: entry.path, items: items)
        let found = site.pthHooks(files: files, root: host.root)
        guard !found.addedArchives.isEmpty else { return out }
        var ignored: [ScanIssue] = []
        let userSite = StartupHooks().userSiteEnabled(entry.path, files: files, issues: &ignored)
        for archive in found.addedArchives { examine(archive, userSite: userSite, files: files, into: &out) }
        return out
    }

    /// The hooks and distributions of one archive on `sys.path`.
    func examine(_ archive: String, userSite: Bool, files: any FileReading, into out: inout Extraction) {
        let zip: ZipArchiveFiles
        do {
            zip = try ZipArchiveFiles(archive: archive, files: files)
        } catch {
            out.issues.append(.warning(archive, stage: name, "on sys.path but not readable as a zip archive: \(error.message)"))
            return
        }
        out.filesRead.append(archive)
        for module in StartupModule.hookNames where module == "sitecustomize" || userSite {
            for candidate in Self.zipimportOrder(module) where zip.hasFile(candidate) {
                let path = Paths.join(archive, candidate)
                do {
                    let bytes = try zip.read(path, limit: SiteDirectory.readLimit)
                    let form: StartupModule.Form = candidate.contains("/") ? .package : candidate.hasSuffix(".pyc") ? .bytecode : .source
                    let hit = StartupModule(name: module, file: candidate, form: form)
                    out.observations.append(.startupHook(StartupHookObservation(
                        location: FileLocation(path: path), reason: .unowned, firstLine: SiteDirectory.describe(hit, bytes))))
                } catch {
                    out.issues.append(.error(path, stage: name, "cannot read \(module) from a zip on sys.path: \(error.message)"))
                }
            }
        }
        let top: [DirectoryItem]
        do {
            top = try zip.list(archive)
        } catch {
            out.issues.append(.error(archive, stage: name, "cannot list: \(error.message)"))
            return
        }
        let distInfo = DistInfo()
        let base = Paths.baseName(archive)
        let isEgg = base.lowercased().hasSuffix(".egg")
        for item in top.sorted(by: { $0.name < $1.name }) {
            let lower = item.name.lowercased()
            let wanted = lower.hasSuffix(".dist-info") || lower.hasSuffix(".egg-info") || (isEgg && lower == "egg-info" && item.isDirectory)
            guard wanted else { continue }
            let parentName = isEgg && lower == "egg-info" && !base.hasSuffix(".egg") ? String(base.dropLast(4)) + ".egg" : base
            guard distInfo.claims(name: item.name, parentName: parentName, isDirectory: item.isDirectory) else { continue }
            let entry = FileEntry(path: Paths.join(archive, item.name), name: item.name, parentName: parentName,
                                  kind: item.isDirectory ? .directory : .file)
            out.merge(distInfo.extract(entry, files: zip))
        }
    }

    /// `zipimport`'s `_zip_searchorder` for a top-level module.
    static func zipimportOrder(_ module: String) -> [String] {
        [module + "/__init__.pyc", module + "/__init__.py", module + ".pyc", module + ".py"]
    }
}
