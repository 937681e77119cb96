import LitmusFormats
import LitmusSystem

/// Where a `site-packages`/`dist-packages` directory sits in its environment: the one place
/// that knows the layouts.
///
/// `PREFIX/lib/pythonX.Y/site-packages` (venvs, pyenv, conda, uv, `/usr/local`),
/// `PREFIX/lib64/pythonX.Y/site-packages` and Debian's `PREFIX/lib/python3/dist-packages` give
/// `PREFIX`; any other site-packages (`pip --target`, a bare copy) is its own prefix.
public struct SitePackagesPath: Sendable, Equatable {
    /// The site-packages directory.
    public let path: String
    /// The environment prefix (where `pyvenv.cfg`, `bin/` and `conda-meta/` live).
    public let prefix: String
    /// `3.11` from `lib/python3.11`, nil when the layout names no version.
    public let pythonVersion: String?
    /// Whether the layout is a recognised `lib/pythonX.Y` one (otherwise `prefix == path`).
    public let isStandardLayout: Bool

    /// Locates `path`.
    public init(_ path: String) {
        self.path = path
        let python = Paths.baseName(Paths.parent(of: path))
        let lib = Paths.baseName(Paths.parent(of: Paths.parent(of: path)))
        if python.hasPrefix("python"), lib == "lib" || lib == "lib64" {
            prefix = Paths.parent(of: Paths.parent(of: Paths.parent(of: path)))
            pythonVersion = String(python.dropFirst(6)).nilIfEmpty
            isStandardLayout = true
        } else {
            prefix = path
            pythonVersion = nil
            isStandardLayout = false
        }
    }

    /// A file of the site-packages relative to the prefix (`lib/python3.11/site-packages/x.pth`),
    /// as conda records list it.
    public func relativeToPrefix(_ name: String) -> String {
        Paths.relative(Paths.join(path, name), to: prefix) ?? name
    }
}
