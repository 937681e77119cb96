/// A path glob from an `[[ignore]]` entry: `*` (any run of characters within one path
/// segment), `**` (any run, `/` included; `**/` also matches no directory at all), `?` (one
/// character other than `/`), `[abc]`, `[a-z]`, `[!abc]` / `[^abc]` (one character of, or not
/// of, a set). Everything else matches itself; `\` escapes the next character.
///
/// Matching is backtracking with a memo of visited (pattern, text) positions, so hostile
/// patterns such as `*a*a*a*a*b` stay O(pattern × text).
public struct Glob: Sendable, Hashable {
    /// One element of a compiled pattern.
    enum Token: Sendable, Hashable {
        case literal(Character)
        case one
        case segment
        case anything
        case directories
        case set(CharacterSet, negated: Bool)
    }

    /// A character class: single characters and inclusive ranges.
    struct CharacterSet: Sendable, Hashable {
        var singles: [Character] = []
        var ranges: [ClosedRange<Character>] = []

        func contains(_ c: Character) -> Bool {
            singles.contains(c) || ranges.contains { $0.contains(c) }
        }
    }

    /// The pattern as written.
    public let pattern: String
    let tokens: [Token]

    /// Compiles `pattern`; an unclosed `[`, an empty class or a trailing `\` is an error.
    public init(_ pattern: String) throws(GlobError) {
        self.pattern = pattern
        self.tokens = try Self.compile(Array(pattern))
    }

    /// Whether the whole of `path` matches.
    public func matches(_ path: String) -> Bool {
        var matcher = GlobMatcher(tokens: tokens, text: Array(path))
        return matcher.match(0, 0)
    }

    private static func compile(_ p: [Character]) throws(GlobError) -> [Token] {
        var out: [Token] = []
        var i = 0
        while i < p.count {
            switch p[i] {
            case "*":
                if i + 1 < p.count, p[i + 1] == "*" {
                    let slash = i + 2 < p.count && p[i + 2] == "/"
                    out.append(slash ? .directories : .anything)
                    i += slash ? 3 : 2
                } else {
                    out.append(.segment)
                    i += 1
                }
            case "?":
                out.append(.one)
                i += 1
            case "[":
                let (token, next) = try compileSet(p, from: i)
                out.append(token)
                i = next
            case "\\":
                guard i + 1 < p.count else { throw GlobError(message: "pattern ends with a lone '\\'") }
                out.append(.literal(p[i + 1]))
                i += 2
            default:
                out.append(.literal(p[i]))
                i += 1
            }
        }
        return out
    }

    /// Parses `[...]` starting at `start`; a `]` right after `[` or `[!` is a member.
    private static func compileSet(_ p: [Character], from start: Int) throws(GlobError) -> (Token, Int) {
        var i = start + 1
        let negated = i < p.count && (p[i] == "!" || p[i] == "^")
        if negated { i += 1 }
        var set = CharacterSet()
        var first = true
        while i < p.count {
            let c = p[i]
            if c == "]" && !first {
                guard !set.singles.isEmpty || !set.ranges.isEmpty else { break }
                return (.set(set, negated: negated), i + 1)
            }
            first = false
            if i + 2 < p.count, p[i + 1] == "-", p[i + 2] != "]" {
                guard c <= p[i + 2] else {
                    throw GlobError(message: "range '\(c)-\(p[i + 2])' in '[' is reversed")
                }
                set.ranges.append(c...p[i + 2])
                i += 3
            } else {
                set.singles.append(c)
                i += 1
            }
        }
        throw GlobError(message: "'[' at character \(start + 1) is never closed")
    }
}
