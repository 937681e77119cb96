/// A Python environment a scan covered (a virtualenv, a conda prefix, a system site-packages).
///
/// `litmus scan` reports none; `litmus audit` lists every environment it found so a security
/// team can see what was and was not looked at on each host.
public struct ScanEnvironment: Sendable, Hashable, Comparable {
    /// The environment's prefix as reached (escaped when printed).
    public var path: String
    /// What sort of environment it is: `venv`, `conda`, `system`, `pipx`, ...
    public var kind: String
    /// The interpreter version read from `pyvenv.cfg` or the layout, when known.
    public var pythonVersion: String?

    /// Creates an environment record.
    public init(path: String, kind: String, pythonVersion: String? = nil) {
        self.path = path
        self.kind = kind
        self.pythonVersion = pythonVersion
    }

    /// Orders by path, then kind, so reports are deterministic.
    public static func < (lhs: ScanEnvironment, rhs: ScanEnvironment) -> Bool {
        (lhs.path, lhs.kind) < (rhs.path, rhs.kind)
    }
}
