/// An INI file as Python's `configparser` reads it (the dialect of `tox.ini` and `setup.cfg`).
///
/// `[section]` headers; `key = value` or `key: value` (the first `=` or `:` separates);
/// indented lines continue the previous value; full-line `#`/`;` comments and blank lines are
/// skipped (inside a value too, as tox does). Keys are lower-cased; a repeated key replaces the
/// earlier value, as `configparser(strict=False)` does. Each value line keeps its line number.
/// A non-indented line that is neither a header nor a key is reported in ``problems``.
public struct INIFile: Sendable {
    /// One value line: its text (trimmed) and 1-based line number.
    public struct ValueLine: Sendable, Equatable {
        /// The text, blanks trimmed.
        public var text: String
        /// The 1-based line.
        public var line: Int
        /// Memberwise (explicit, so other modules can make one).
        package init(text: String, line: Int) {
            self.text = text
            self.line = line
        }
    }

    /// One `key = value` with its value lines (the first may be empty).
    public struct Entry: Sendable {
        /// The lower-cased key.
        public var key: String
        /// The line of the key.
        public var line: Int
        /// The value lines.
        public var values: [ValueLine]
    }

    /// One `[section]`.
    public struct Section: Sendable {
        /// The name between the brackets, trimmed.
        public var name: String
        /// The line of the header.
        public var line: Int
        /// The entries in file order.
        public var entries: [Entry]

        /// The entry for `key` (lower-case), the last one when repeated.
        public subscript(key: String) -> Entry? { entries.last { $0.key == key } }
    }

    /// The sections in file order.
    public var sections: [Section] = []
    /// Lines that are neither headers, keys nor continuations: (line, message).
    public var problems: [(line: Int, message: String)] = []

    /// Parses `text`.
    public init(_ text: String) {
        var number = 0
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            number += 1
            let line = String(raw)
            let trimmed = line.trimmingSpaces
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
            if line.first == " " || line.first == "\t" {
                if !sections.isEmpty, !sections[sections.count - 1].entries.isEmpty {
                    let last = sections[sections.count - 1].entries.count - 1
                    sections[sections.count - 1].entries[last].values.append(ValueLine(text: trimmed, line: number))
                } else {
                    problems.append((number, "indented line outside any key"))
                }
                continue
            }
            if trimmed.hasPrefix("["), let close = trimmed.firstIndex(of: "]") {
                let name = String(trimmed[trimmed.index(after: trimmed.startIndex)..<close]).trimmingSpaces
                sections.append(Section(name: name, line: number, entries: []))
                continue
            }
            guard let separator = line.firstIndex(where: { $0 == "=" || $0 == ":" }), !sections.isEmpty else {
                problems.append((number, sections.isEmpty ? "content before the first [section]" : "expected 'key = value'"))
                continue
            }
            let key = line[..<separator].trimmingSpaces.lowercased()
            let value = String(line[line.index(after: separator)...]).trimmingSpaces
            let entry = Entry(key: key, line: number, values: value.isEmpty ? [] : [ValueLine(text: value, line: number)])
            sections[sections.count - 1].entries.append(entry)
        }
    }

    /// The section named `name`, the first when repeated.
    public func section(_ name: String) -> Section? { sections.first { $0.name == name } }
}
