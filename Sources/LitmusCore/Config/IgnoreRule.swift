import LitmusModel
import LitmusWalk

/// One `[[ignore]]` entry: findings of advisory `id` (or an alias), optionally only under
/// paths matching `path`, are set aside for `reason` until `expires`.
public struct IgnoreRule: Sendable, Hashable {
    /// The advisory id or alias, as written.
    public var id: String
    /// The path glob, if any; nil ignores the advisory everywhere.
    public var path: Glob?
    /// Why the exception is acceptable (required, shown in every report).
    public var reason: String
    /// The last day (`YYYY-MM-DD`) the entry applies; nil: no end.
    public var expires: String?
    /// The line of the entry's `[[ignore]]` header.
    public var line: Int

    /// Creates a rule.
    public init(id: String, path: Glob? = nil, reason: String, expires: String? = nil, line: Int) {
        self.id = id
        self.path = path
        self.reason = reason
        self.expires = expires
        self.line = line
    }

    /// Whether the entry has lapsed on `today` (`YYYY-MM-DD`, compared as text: same width).
    public func isExpired(today: String) -> Bool {
        guard let expires else { return false }
        return today > expires
    }

    /// Whether the entry covers `finding`, whose path may be spelt any of `paths` ways
    /// (root-relative, as reached, absolute).
    public func covers(_ finding: Finding, paths: [String]) -> Bool {
        let wanted = id.uppercased()
        guard finding.advisoryID.uppercased() == wanted || finding.aliases.contains(where: { $0.uppercased() == wanted }) else {
            return false
        }
        guard let path else { return true }
        return paths.contains(where: path.matches)
    }
}
