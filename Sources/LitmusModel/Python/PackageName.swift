/// A Python project name with its PEP 503 normalised form; compare names only through this type.
///
/// Normalisation is `packaging.utils.canonicalize_name`: lowercase, and every run of `-`, `_`
/// and `.` becomes one `-`. It does not trim or validate; use `isValid` to check the PEP 508
/// name rule first. Equality, hashing and ordering use `normalized` only.
public struct PackageName: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The name as written.
    public let raw: String
    /// The PEP 503 normalised name (`Litellm_Proxy.Extras` → `litellm-proxy-extras`).
    public let normalized: String

    /// Wraps `raw` and computes its normalised form.
    public init(_ raw: String) {
        self.raw = raw
        normalized = Self.normalize(raw)
    }

    /// Whether `raw` satisfies the PEP 508 name rule
    /// `^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$`, case-insensitively, ASCII only.
    public static func isValid(_ raw: String) -> Bool {
        let bytes = Array(raw.utf8)
        guard let first = bytes.first, let last = bytes.last,
            PythonText.isAlphanumeric(first), PythonText.isAlphanumeric(last)
        else { return false }
        return bytes.allSatisfy { PythonText.isAlphanumeric($0) || PythonText.isSeparator($0) }
    }

    /// Whether `raw` is a conda package name: ASCII letters, digits, `_`, `-` and `.`, with at
    /// least one letter or digit. Unlike PEP 508, conda names may start or end with `_`: a real
    /// `conda env export` begins with `_libgcc_mutex` and `_openmp_mutex`.
    public static func isValidConda(_ raw: String) -> Bool {
        let bytes = Array(raw.utf8)
        guard bytes.contains(where: PythonText.isAlphanumeric) else { return false }
        return bytes.allSatisfy { PythonText.isAlphanumeric($0) || PythonText.isSeparator($0) }
    }

    /// The normalised name.
    public var description: String { normalized }

    /// Orders by normalised name, byte by byte.
    public static func < (lhs: PackageName, rhs: PackageName) -> Bool {
        lhs.normalized.utf8.lexicographicallyPrecedes(rhs.normalized.utf8)
    }

    /// Names are equal when their normalised forms are.
    public static func == (lhs: PackageName, rhs: PackageName) -> Bool {
        lhs.normalized == rhs.normalized
    }

    /// Hashes the normalised form only, consistent with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(normalized)
    }

    /// Works on Unicode scalars, as Python does on code points, so a separator followed by a
    /// combining mark is still a separator.
    private static func normalize(_ raw: String) -> String {
        var result = String.UnicodeScalarView()
        var inSeparatorRun = false
        for scalar in raw.lowercased().unicodeScalars {
            let isSeparator = scalar == "-" || scalar == "_" || scalar == "."
            if !isSeparator {
                result.append(scalar)
            } else if !inSeparatorRun {
                result.append("-")
            }
            inSeparatorRun = isSeparator
        }
        return String(result)
    }
}
