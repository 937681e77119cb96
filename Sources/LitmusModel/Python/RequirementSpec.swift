import LitmusFormats

/// A PEP 508 dependency specification: `name[extras] specifier ; marker` or `name @ url ; marker`.
///
/// Markers are kept as text and never evaluated: a compromised pin behind
/// `; python_version < "3.8"` is still in the file and still reported.
public struct RequirementSpec: Sendable, Equatable {
    /// The project name as written.
    public var name: String
    /// Extras as written.
    public var extras: [String]
    /// The version specifier text (without parentheses), "" when there is none.
    public var specifier: String
    /// The URL of a direct reference (`name @ url`).
    public var url: String?
    /// The environment marker text after `;`.
    public var marker: String?

    /// Why a line is not a PEP 508 requirement.
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The reason.
        public var message: String
        /// The reason.
        public var description: String { message }
    }

    /// Parses one requirement (no pip options, no comments).
    public init(parsing text: String) throws(ParseError) {
        var s = Substring(text)
        Self.skipSpace(&s)
        let name = s.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }
        guard !name.isEmpty, PackageName.isValid(String(name)) else {
            throw ParseError(message: "expected a package name at \"\(s.prefix(40))\"")
        }
        self.name = String(name)
        s = s.dropFirst(name.count)
        Self.skipSpace(&s)
        self.extras = []
        if s.first == "[" {
            guard let close = s.firstIndex(of: "]") else { throw ParseError(message: "unclosed \"[\" in extras") }
            extras = s[s.index(after: s.startIndex)..<close].split(separator: ",").map { $0.trimmingSpaces }.filter { !$0.isEmpty }
            s = s[s.index(after: close)...]
            Self.skipSpace(&s)
        }
        self.url = nil
        self.marker = nil
        self.specifier = ""
        if s.first == "@" {
            s = s.dropFirst()
            Self.skipSpace(&s)
            let (url, rest) = Self.splitURL(s)
            guard !url.isEmpty else { throw ParseError(message: "\"@\" is not followed by a URL") }
            self.url = url
            s = rest
        } else {
            let end = s.firstIndex(of: ";") ?? s.endIndex
            var spec = s[..<end].trimmingSpaces
            if spec.hasPrefix("(") {
                guard spec.hasSuffix(")") else { throw ParseError(message: "unclosed \"(\" in version specifier") }
                spec = String(spec.dropFirst().dropLast()).trimmingSpaces
            }
            self.specifier = spec
            s = s[end...]
        }
        Self.skipSpace(&s)
        if s.first == ";" {
            let m = s.dropFirst().trimmingSpaces
            guard !m.isEmpty else { throw ParseError(message: "empty environment marker after \";\"") }
            self.marker = m
        } else if !s.isEmpty {
            throw ParseError(message: "unexpected text \"\(s.prefix(40))\"")
        }
    }

    /// PEP 508: a URL ends at whitespace; a marker must follow " ;" (space before the semicolon).
    private static func splitURL(_ s: Substring) -> (String, Substring) {
        guard let space = s.firstIndex(where: { $0 == " " || $0 == "\t" }) else { return (String(s), "") }
        return (String(s[..<space]), s[space...])
    }

    private static func skipSpace(_ s: inout Substring) {
        while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
    }
}
