/// A container image reference, `[REGISTRY/]REPOSITORY[:TAG][@DIGEST]`, as Docker reads it.
///
/// The first component is a registry when it holds a `.` or `:` or is `localhost`; otherwise
/// the registry is `docker.io`, and a one-component repository is under `library/`. Names are
/// lower-cased for comparison (registries and repositories are case-insensitive in practice;
/// Docker rejects upper case in repositories). A reference holding `$` (a build argument or
/// variable) is not resolvable.
public struct ContainerReference: Sendable, Equatable {
    /// The repository with its registry, canonical (`docker.io/aquasec/trivy`).
    public var repository: String
    /// The tag, if written.
    public var tag: String?
    /// The digest (`sha256:…`), if written.
    public var digest: String?

    /// Parses a reference; nil for an empty text or one with blanks.
    public init?(_ text: String) {
        guard !text.isEmpty, !text.contains(where: { $0 == " " || $0 == "\t" }) else { return nil }
        var rest = Substring(text)
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...]).lowercased()
            rest = rest[..<at]
        }
        if let colon = rest.lastIndex(of: ":"), !rest[colon...].contains("/") {
            tag = String(rest[rest.index(after: colon)...])
            rest = rest[..<colon]
        }
        guard !rest.isEmpty else { return nil }
        repository = Self.canonicalRepository(String(rest))
    }

    /// `docker.io/library/python` for `python`, `docker.io/aquasec/trivy` for `aquasec/trivy`.
    public static func canonicalRepository(_ raw: String) -> String {
        let lower = raw.lowercased()
        let parts = lower.split(separator: "/", maxSplits: 1)
        if parts.count == 2, parts[0].contains(".") || parts[0].contains(":") || parts[0] == "localhost" {
            let registry = parts[0] == "index.docker.io" || parts[0] == "registry-1.docker.io" ? "docker.io" : String(parts[0])
            if registry == "docker.io" && !parts[1].contains("/") { return "docker.io/library/" + parts[1] }
            return registry + "/" + parts[1]
        }
        return parts.count == 1 ? "docker.io/library/" + lower : "docker.io/" + lower
    }
}
