/// The start-up hooks of a `site-packages` or `dist-packages` directory.
///
/// Python's `site` module executes every line starting with `import` in every `*.pth` file of
/// site-packages at each interpreter start, and imports `sitecustomize`/`usercustomize`. This
/// check reports such a hook when no installer owns it — no `*.dist-info/RECORD`, egg-info
/// `installed-files.txt`, dpkg file list (under the audit root) or conda-meta record lists it —
/// or when its bytes differ from the RECORD that lists it. Exempt: `.pth` files holding only
/// path lines and comments (they run nothing), and virtualenv's own `_virtualenv.pth` whose
/// whole content is `import _virtualenv` next to its `_virtualenv.py`.
public struct StartupHooks: HostCheck {
    /// `site-packages`.
    public let name = "site-packages"
    private let dpkg = DpkgFileIndex()

    /// Creates the check (it needs no advisory data: any unowned hook is suspicious).
    public init(database: AdvisoryDatabase) {}

    /// Creates the check.
    public init() {}

    /// See ``HostCheck/claims(name:parentName:isDirectory:)``.
    public func claims(name: String, parentName: String, isDirectory: Bool) -> Bool {
        isDirectory && (name == "site-packages" || name == "dist-packages")
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
        let owners = Ownership(sitePackages: entry.path, items: items, files: files, dpkg: dpkg, root: host.root)
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
        out.issues += owners.issues
        return out
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
