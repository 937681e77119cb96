import LitmusModel

/// Escaping for text placed in GitHub-flavoured Markdown (tables, step summaries, PR comments).
enum MarkdownText {
    /// Escapes `text` (after ``Escape/display(_:)``) so it renders literally inside a table cell:
    /// pipes cannot split cells, backticks cannot open code, `<` cannot open HTML, `@` cannot
    /// mention a user, and line breaks cannot end the row.
    static func escape(_ text: String) -> String {
        var out = ""
        for c in Escape.display(text) {
            if special.contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }

    /// A URL for an autolink (`<...>`) or a link destination (`(...)`), percent-encoded as bytes:
    /// everything but printable ASCII that cannot end the link, break the table cell or start
    /// Markdown (`<>()[]|"'` and backticks, spaces, backslashes), so control characters,
    /// bidirectional overrides and raw file-name bytes become `%XX` and nothing needs display
    /// escaping.
    static func escapeURL(_ url: String) -> String {
        ReportURL.encoded(url, alsoEncoding: urlSpecial)
    }

    private static let urlSpecial: Set<UInt8> = Set("<>()[]|\"'`\\ ".utf8)

    fileprivate static let special: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "#", "@", "!", "&"]
}

extension MarkdownText {
    /// Like ``escape(_:)`` for text read back from a litmus report, which is escaped already
    /// (see ``Escape/displayReported(_:)``).
    static func escapeReported(_ text: String) -> String {
        var out = ""
        for c in Escape.displayReported(text) {
            if c == "\\" || special.contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }
}
