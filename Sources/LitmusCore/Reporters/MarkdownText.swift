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

    /// A URL inside `<...>` autolink brackets: spaces and angle brackets percent-encoded.
    static func escapeURL(_ url: String) -> String {
        var out = ""
        for c in Escape.display(url) {
            switch c {
            case " ": out += "%20"
            case "<": out += "%3C"
            case ">": out += "%3E"
            default: out.append(c)
            }
        }
        return out
    }

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
