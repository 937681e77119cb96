/// The lines of a source file, for finding the line of a value the parser does not place
/// (a string inside a multi-line TOML array has no line of its own).
///
/// Lines are split lazily on first use, so extractors that never ask pay nothing.
struct SourceLines {
    private let bytes: [UInt8]

    /// Wraps a document's bytes.
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Wraps a document's text.
    init(text: String) { self.bytes = Array(text.utf8) }

    /// The text of line `number` (1-based, without its newline), nil past the end.
    func text(ofLine number: Int) -> String? {
        guard number >= 1 else { return nil }
        var line = 1
        var lineStart = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == 0x0A {
            if line == number { return String(decoding: bytes[lineStart..<index], as: UTF8.self) }
            line += 1
            lineStart = index + 1
        }
        return nil
    }

    /// The first line at or after `start` (1-based) holding `value` as a quoted string
    /// (`"value"` or `'value'`), looking at most `window` lines ahead; nil when not found.
    func line(ofQuoted value: String, from start: Int, window: Int = 10_000) -> Int? {
        let double = Array(("\"" + value + "\"").utf8)
        let single = Array(("'" + value + "'").utf8)
        var line = 1
        var lineStart = 0
        var index = 0
        while index <= bytes.count {
            if index == bytes.count || bytes[index] == 0x0A {
                if line >= start {
                    let slice = bytes[lineStart..<index]
                    if Self.contains(slice, double) || Self.contains(slice, single) { return line }
                    if line - start >= window { return nil }
                }
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        return nil
    }

    private static func contains(_ haystack: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return false }
        var i = haystack.startIndex
        let last = haystack.endIndex - needle.count
        while i <= last {
            if haystack[i] == first && haystack[i..<i + needle.count].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }
}
