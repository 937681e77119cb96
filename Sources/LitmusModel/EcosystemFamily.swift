/// How names and versions compare inside an OSV ecosystem: the one place that knows the
/// ecosystems, so the rules never special-case one.
///
/// - `python` (`PyPI`, `PyPI:*`, `conda`): names by PEP 503, versions by PEP 440.
/// - `go` (`Go`): module paths exactly; `v0.69.4` and `0.69.4` are the same version; semantic
///   versions are ordered for ranges.
/// - `githubActions` (`GitHub Actions`): `owner/repo` case-insensitively; refs compare as
///   written (commit SHAs case-insensitively); only un-prefixed `X.Y.Z` tags are ordered for
///   ranges, because a restored `v0.20.0` tag is a different ref from the hijacked `0.20.0`.
/// - `container` (litmus's own encoding, see the README): image names with Docker's defaults
///   (`aquasec/trivy` is `docker.io/aquasec/trivy`, `python` is `docker.io/library/python`),
///   tags and `sha256:` digests as written; nothing is ordered.
/// - `other`: names and versions as written; nothing is ordered.
public enum EcosystemFamily: String, Sendable, Hashable {
    case python, go, githubActions, container, other

    /// The ecosystem name litmus uses for container image references.
    public static let containerEcosystem = "container"

    /// The family of an OSV ecosystem name.
    public init(ecosystem: String) {
        switch ecosystem {
        case "PyPI", "conda": self = .python
        case "Go": self = .go
        case "GitHub Actions": self = .githubActions
        case Self.containerEcosystem: self = .container
        default: self = ecosystem.hasPrefix("PyPI:") ? .python : .other
        }
    }

    /// The name as the family compares it.
    public func canonicalName(_ raw: String) -> String {
        switch self {
        case .python: return PackageName(raw).normalized
        case .go, .other: return raw
        case .githubActions: return raw.lowercased()
        case .container: return ContainerReference.canonicalRepository(raw)
        }
    }

    /// A version or ref as the family compares it.
    public func canonicalVersion(_ text: String) -> String {
        switch self {
        case .go: return text.hasPrefix("v") ? String(text.dropFirst()) : text
        case .githubActions: return Self.isCommit(text) ? text.lowercased() : text
        case .container: return text.hasPrefix("sha256:") ? text.lowercased() : text
        case .python, .other: return text
        }
    }

    /// The version used to evaluate OSV ranges, nil when the text is not ordered in this family.
    public func orderedVersion(_ text: String) -> Version? {
        switch self {
        case .python: return Version.parse(text)
        case .go: return Self.isPlainRelease(canonicalVersion(text)) ? Version.parse(canonicalVersion(text)) : nil
        case .githubActions: return Self.isPlainRelease(text) ? Version.parse(text) : nil
        case .container, .other: return nil
        }
    }

    /// A 40-hex-digit git commit id.
    public static func isCommit(_ text: String) -> Bool {
        text.utf8.count == 40 && text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) || ($0 >= 65 && $0 <= 70) }
    }

    /// `X.Y.Z` (any number of components) in ASCII digits, nothing else.
    package static func isPlainRelease(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count >= 2 && parts.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }
    }
}
