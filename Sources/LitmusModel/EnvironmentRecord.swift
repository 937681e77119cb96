/// A Python environment or package cache the scan covered, for the summary that tells a
/// responder what was looked at, not only what was found.
public struct EnvironmentRecord: Sendable, Hashable, Comparable {
    /// The kinds litmus recognises, most specific first when several markers agree.
    public enum Kind: String, Sendable, CaseIterable, Comparable {
        case conda, pipx = "pipx", uvTool = "uv-tool", uvPython = "uv-python", poetry, pipenv, hatch
        case pyenv, venv, userSite = "user-site", system, jupyterKernel = "jupyter-kernel"
        case pipCache = "pip-cache", uvCache = "uv-cache", sitePackages = "site-packages"

        private var rank: Int { Self.allCases.firstIndex(of: self) ?? 99 }

        /// More specific kinds sort first.
        public static func < (a: Kind, b: Kind) -> Bool { a.rank < b.rank }
    }

    /// The environment's root (the prefix holding `lib/`, `conda-meta/` or `pyvenv.cfg`), or the cache folder.
    public var path: String
    /// What it is.
    public var kind: Kind
    /// `3.11.7`, `3.11`, when known from `pyvenv.cfg`, the `lib/pythonX.Y` folder or conda-meta.
    public var pythonVersion: String?
    /// Installed distributions seen in its site-packages.
    public var distributions: Int

    /// Creates a record.
    public init(path: String, kind: Kind, pythonVersion: String? = nil, distributions: Int = 0) {
        self.path = path
        self.kind = kind
        self.pythonVersion = pythonVersion
        self.distributions = distributions
    }

    /// Orders by path.
    public static func < (a: EnvironmentRecord, b: EnvironmentRecord) -> Bool { (a.path, a.kind) < (b.path, b.kind) }

    /// Merges records of the same root: the most specific kind, the most precise Python
    /// version, the larger distribution count.
    public static func merged(_ records: [EnvironmentRecord]) -> [EnvironmentRecord] {
        var byPath: [String: EnvironmentRecord] = [:]
        for r in records {
            guard var m = byPath[r.path] else { byPath[r.path] = r; continue }
            m.kind = min(m.kind, r.kind)
            if (r.pythonVersion?.count ?? 0) > (m.pythonVersion?.count ?? 0) { m.pythonVersion = r.pythonVersion }
            m.distributions = max(m.distributions, r.distributions)
            byPath[r.path] = m
        }
        return byPath.values.sorted()
    }

    /// The kind a root path suggests by the tools' well-known folder names.
    public static func kind(forRoot root: String, isVirtualEnv: Bool) -> Kind {
        let p = root + "/"
        if p.contains("/pipx/venvs/") || p.hasSuffix("/pipx/shared/") { return .pipx }
        if p.contains("/uv/tools/") { return .uvTool }
        if p.contains("/uv/python/") { return .uvPython }
        if p.contains("/pypoetry/virtualenvs/") { return .poetry }
        if p.contains("/.local/share/virtualenvs/") { return .pipenv }
        if p.contains("/hatch/env/") { return .hatch }
        if p.contains("/.pyenv/versions/") && !isVirtualEnv { return .pyenv }
        if isVirtualEnv { return .venv }
        if p.hasSuffix("/.local/") { return .userSite }
        if p.hasSuffix("/usr/") || p.hasSuffix("/usr/local/") { return .system }
        return .sitePackages
    }
}
