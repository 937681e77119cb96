/// Parses what can appear within one line — mapping keys, plain and quoted scalars, flow
/// collections — or within a value ``YAMLContinuation`` joined from several lines (line feeds
/// in the bytes, folded as YAML 1.2 says; nodes take the line of the byte they start at).
///
/// Every function takes the line and a byte offset and returns the offset
/// just past what it consumed.
enum YAMLInline {
    /// A `key:` found at the start of a line's unconsumed content.
    struct Key {
        /// Key text, unquoted.
        let text: String
        /// Byte offset where the key starts, for duplicate-key errors.
        let offset: Int
        /// Offset of the inline value, nil when the value is empty or a comment.
        let valueStart: Int?
        /// Whether the key was quoted (a quoted `"<<"` is an ordinary key).
        var quoted = false
    }

    // MARK: Keys

    /// Returns the mapping key at `line.start`, or nil if the line is not a
    /// `key: value` entry.
    static func mappingKey(in line: YAMLLine) throws(YAMLError) -> Key? {
        let bytes = line.bytes
        let start = line.start
        guard start < bytes.count else { return nil }
        let first = bytes[start]
        if first == FormatASCII.singleQuote || first == FormatASCII.doubleQuote {
            // A quoted scalar that does not close on this line is no implicit key (those are
            // single-line); the value parser reads it, across lines, or refuses it.
            let text: String, end: Int
            do { (text, end) = try quoted(line, at: start) } catch { return nil }
            let colon = skipBlanks(bytes, from: end)
            guard isValueIndicator(bytes, at: colon) else { return nil }
            return Key(text: text, offset: start, valueStart: valueStart(bytes, afterColon: colon), quoted: true)
        }
        if first == FormatASCII.openBracket || first == FormatASCII.openBrace { return nil }
        guard let colon = plainKeyEnd(bytes, from: start) else { return nil }
        let text = trimmedText(bytes, start, colon)
        if text.isEmpty { throw line.error(at: start, "empty mapping key") }
        try rejectIndicator(line, at: start)
        return Key(text: text, offset: start, valueStart: valueStart(bytes, afterColon: colon))
    }

    /// Offset of the `:` that ends a plain key, stopping at a comment.
    private static func plainKeyEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index < bytes.count {
            if isCommentStart(bytes, at: index, contentStart: start) { return nil }
            if isValueIndicator(bytes, at: index) { return index }
            index += 1
        }
        return nil
    }

    /// Offset of the value after `key:`, nil if only blanks/comment follow.
    private static func valueStart(_ bytes: [UInt8], afterColon colon: Int) -> Int? {
        let index = skipBlanks(bytes, from: colon + 1)
        if index == bytes.count || bytes[index] == FormatASCII.hash { return nil }
        return index
    }

    // MARK: Block values

    /// Parses a scalar or flow collection filling the rest of the line.
    static func value(_ line: YAMLLine, at start: Int, depth: Int) throws(YAMLError) -> YAMLNode {
        let bytes = line.bytes
        let first = bytes[start]
        let node: YAMLNode
        let end: Int
        if first == FormatASCII.openBracket || first == FormatASCII.openBrace {
            (node, end) = try flowNode(line, at: start, depth: depth)
        } else if first == FormatASCII.singleQuote || first == FormatASCII.doubleQuote {
            let (text, after) = try quoted(line, at: start)
            (node, end) = (.scalar(text, line: line.lineNumber(at: start)), after)
        } else {
            (node, end) = try blockPlain(line, at: start)
        }
        try expectEndOfLine(line, from: end)
        return node
    }

    /// A plain scalar in block context: runs to the end of the line or a
    /// ` #` comment. `: ` inside it would start a nested mapping, which YAML
    /// forbids on the same line, so it is rejected.
    private static func blockPlain(_ line: YAMLLine, at start: Int) throws(YAMLError) -> (YAMLNode, Int) {
        try rejectIndicator(line, at: start)
        let bytes = line.bytes
        var index = start
        var output: [UInt8] = []
        var end = start   // after the last non-blank byte, so a following ` #` still has its blank
        while index < bytes.count, !isCommentStart(bytes, at: index, contentStart: start) {
            if bytes[index] == FormatASCII.lf {
                index = YAMLContinuation.fold(bytes, at: index, into: &output, keep: 0)
                continue
            }
            if isValueIndicator(bytes, at: index) {
                throw line.error(at: index, "a ': ' inside a value starts a mapping that is not allowed here (quote the value)")
            }
            output.append(bytes[index])
            if !FormatASCII.isBlank(bytes[index]) { end = index + 1 }
            index += 1
        }
        while let last = output.last, FormatASCII.isBlank(last) { output.removeLast() }
        return (plainNode(String(decoding: output, as: UTF8.self), line: line.number), end)
    }

    /// Requires only blanks or a comment after `offset`.
    private static func expectEndOfLine(_ line: YAMLLine, from offset: Int) throws(YAMLError) {
        let bytes = line.bytes
        let index = skipBlanks(bytes, from: offset)
        if index == bytes.count { return }
        if bytes[index] == FormatASCII.hash, index > offset { return }
        throw line.error(at: index, "unexpected characters after the value")
    }

    // MARK: Flow collections

    /// Parses `[...]`, `{...}`, a quoted scalar or a flow plain scalar.
    private static func flowNode(_ line: YAMLLine, at start: Int, depth: Int) throws(YAMLError) -> (YAMLNode, Int) {
        guard depth <= YAMLSubset.maxDepth else {
            throw line.error(at: start, "nesting deeper than \(YAMLSubset.maxDepth) levels")
        }
        let bytes = line.bytes
        guard start < bytes.count else { throw unterminatedFlow(line, at: start) }
        switch bytes[start] {
        case FormatASCII.openBracket:
            return try flowSequence(line, at: start, depth: depth)
        case FormatASCII.openBrace:
            return try flowMapping(line, at: start, depth: depth)
        case FormatASCII.singleQuote, FormatASCII.doubleQuote:
            let (text, end) = try quoted(line, at: start)
            return (.scalar(text, line: line.lineNumber(at: start)), end)
        default:
            let (text, end) = try flowPlain(line, at: start)
            return (plainNode(text, line: line.lineNumber(at: start)), end)
        }
    }

    /// `[a, "b", [c]]` on a single line; a trailing comma is allowed.
    private static func flowSequence(_ line: YAMLLine, at open: Int, depth: Int) throws(YAMLError) -> (YAMLNode, Int) {
        var items: [YAMLNode] = []
        var index = open + 1
        while true {
            index = try flowSkip(line, from: index)
            if line.bytes[index] == FormatASCII.closeBracket { break }
            let (item, end) = try flowNode(line, at: index, depth: depth + 1)
            items.append(item)
            index = try flowSkip(line, from: end)
            let byte = line.bytes[index]
            if byte == FormatASCII.closeBracket { break }
            if byte == FormatASCII.colon {
                throw line.error(at: index, "'key: value' pairs inside a flow sequence are not supported")
            }
            guard byte == FormatASCII.comma else { throw line.error(at: index, "expected ',' or ']' in a flow sequence") }
            index += 1
        }
        return (.sequence(items, line: line.lineNumber(at: open)), index + 1)
    }

    /// `{a: b, "c": [d]}` on a single line; keys must be scalars.
    private static func flowMapping(_ line: YAMLLine, at open: Int, depth: Int) throws(YAMLError) -> (YAMLNode, Int) {
        var entries: [YAMLEntry] = []
        var seen = Set<String>()  // a set keeps long hostile lines linear
        var index = open + 1
        while true {
            index = try flowSkip(line, from: index)
            if line.bytes[index] == FormatASCII.closeBrace { break }
            let keyOffset = index
            let (key, afterKey) = try flowKey(line, at: index)
            guard seen.insert(key).inserted else {
                throw line.error(at: keyOffset, "duplicate key '\(key)'")
            }
            let (value, end) = try flowValue(line, afterKey: afterKey, depth: depth)
            entries.append(YAMLEntry(key: key, value: value, line: line.lineNumber(at: keyOffset)))
            index = try flowSkip(line, from: end)
            if line.bytes[index] == FormatASCII.closeBrace { break }
            guard line.bytes[index] == FormatASCII.comma else { throw line.error(at: index, "expected ',' or '}' in a flow mapping") }
            index += 1
        }
        return (.mapping(entries, line: line.lineNumber(at: open)), index + 1)
    }

    /// A scalar key inside `{}`; collections as keys are not supported.
    private static func flowKey(_ line: YAMLLine, at index: Int) throws(YAMLError) -> (String, Int) {
        let byte = line.bytes[index]
        if byte == FormatASCII.openBracket || byte == FormatASCII.openBrace {
            throw line.error(at: index, "collections as mapping keys are not supported")
        }
        if byte == FormatASCII.singleQuote || byte == FormatASCII.doubleQuote {
            return try quoted(line, at: index)
        }
        return try flowPlain(line, at: index)
    }

    /// The `: value` after a flow mapping key; an omitted value is null.
    private static func flowValue(_ line: YAMLLine, afterKey: Int, depth: Int) throws(YAMLError) -> (YAMLNode, Int) {
        let colon = try flowSkip(line, from: afterKey)
        guard line.bytes[colon] == FormatASCII.colon else {
            throw line.error(at: colon, "expected ':' after a flow mapping key")
        }
        let index = try flowSkip(line, from: colon + 1)
        let byte = line.bytes[index]
        if byte == FormatASCII.comma || byte == FormatASCII.closeBrace {
            return (.null(line: line.lineNumber(at: colon)), index)
        }
        return try flowNode(line, at: index, depth: depth + 1)
    }

    /// A plain scalar inside a flow collection: ends at `,[]{}`, at a `:`
    /// that starts a value, or at a comment.
    private static func flowPlain(_ line: YAMLLine, at start: Int) throws(YAMLError) -> (String, Int) {
        let bytes = line.bytes
        let byte = bytes[start]
        if byte == FormatASCII.comma || byte == FormatASCII.closeBracket || byte == FormatASCII.closeBrace {
            throw line.error(at: start, "empty entry in a flow collection")
        }
        if byte == FormatASCII.dash, start + 1 == bytes.count || isBlankOrBreak(bytes[start + 1])
            || [FormatASCII.comma, FormatASCII.closeBracket, FormatASCII.closeBrace].contains(bytes[start + 1]) {
            throw line.error(at: start, "a lone '-' cannot be a plain scalar in a flow collection")
        }
        try rejectIndicator(line, at: start)
        var index = start
        var output: [UInt8] = []
        while index < bytes.count {
            if bytes[index] == FormatASCII.lf {
                // The scalar continues on the next line unless what follows ends it.
                var next = index
                while next < bytes.count, isBlankOrBreak(bytes[next]) { next += 1 }
                if next == bytes.count || endsFlowPlain(bytes, at: next, contentStart: next) { break }
                index = YAMLContinuation.fold(bytes, at: index, into: &output, keep: 0)
                continue
            }
            if endsFlowPlain(bytes, at: index, contentStart: start) { break }
            output.append(bytes[index])
            index += 1
        }
        while let last = output.last, FormatASCII.isBlank(last) { output.removeLast() }
        return (String(decoding: output, as: UTF8.self), index)
    }

    /// Whether the byte at `index` terminates a flow plain scalar.
    private static func endsFlowPlain(_ bytes: [UInt8], at index: Int, contentStart: Int) -> Bool {
        switch bytes[index] {
        case FormatASCII.comma, FormatASCII.openBracket, FormatASCII.closeBracket, FormatASCII.openBrace, FormatASCII.closeBrace:
            return true
        case FormatASCII.colon:
            guard index + 1 < bytes.count else { return true }
            let next = bytes[index + 1]
            return isBlankOrBreak(next) || next == FormatASCII.comma || next == FormatASCII.closeBracket || next == FormatASCII.closeBrace
        default:
            return isCommentStart(bytes, at: index, contentStart: contentStart)
        }
    }

    /// Skips blanks inside a flow collection; hitting the end of the line or
    /// a comment means the collection continues on another line, which the
    /// subset does not support.
    private static func flowSkip(_ line: YAMLLine, from offset: Int) throws(YAMLError) -> Int {
        let bytes = line.bytes
        var index = offset
        while index < bytes.count {
            let byte = bytes[index]
            if isBlankOrBreak(byte) {
                index += 1
            } else if byte == FormatASCII.hash, index > offset || (index > 0 && isBlankOrBreak(bytes[index - 1])) {
                while index < bytes.count, bytes[index] != FormatASCII.lf { index += 1 }
            } else {
                return index
            }
        }
        throw unterminatedFlow(line, at: index)
    }

    /// Error for a flow collection left open at the end of its line.
    private static func unterminatedFlow(_ line: YAMLLine, at offset: Int) -> YAMLError {
        line.error(at: offset, "unterminated flow collection")
    }

    // MARK: Quoted scalars

    /// Parses a single- or double-quoted scalar starting at `start`.
    static func quoted(_ line: YAMLLine, at start: Int) throws(YAMLError) -> (String, Int) {
        if line.bytes[start] == FormatASCII.singleQuote {
            return try singleQuoted(line, at: start)
        }
        return try YAMLEscapes.doubleQuoted(line, at: start)
    }

    /// `'...'` where `''` stands for one quote and nothing else is special.
    private static func singleQuoted(_ line: YAMLLine, at start: Int) throws(YAMLError) -> (String, Int) {
        let bytes = line.bytes
        var output: [UInt8] = []
        var index = start + 1
        while index < bytes.count {
            if bytes[index] == FormatASCII.lf {
                index = YAMLContinuation.fold(bytes, at: index, into: &output, keep: 0)
                continue
            }
            if bytes[index] == FormatASCII.singleQuote {
                guard index + 1 < bytes.count, bytes[index + 1] == FormatASCII.singleQuote else {
                    return (String(decoding: output, as: UTF8.self), index + 1)
                }
                index += 1
            }
            output.append(bytes[index])
            index += 1
        }
        throw line.error(at: start, "unterminated single-quoted scalar")
    }

    // MARK: Helpers

    /// Rejects node properties, block scalars and reserved indicators at the
    /// start of a plain scalar or key.
    private static func rejectIndicator(_ line: YAMLLine, at index: Int) throws(YAMLError) {
        let bytes = line.bytes
        let nextIsBlank = index + 1 == bytes.count || isBlankOrBreak(bytes[index + 1])
        let message: String?
        switch bytes[index] {
        case UInt8(ascii: "&"): message = "anchors ('&') are not supported here (on keys or inside flow collections)"
        case UInt8(ascii: "*"): message = "aliases ('*') are not supported here (as keys or inside flow collections)"
        case UInt8(ascii: "!"): message = "tags ('!') are not supported here (on keys or inside flow collections)"
        case UInt8(ascii: "|"), UInt8(ascii: ">"): message = "block scalars ('|', '>') are not supported here"
        case UInt8(ascii: "@"), UInt8(ascii: "`"): message = "reserved indicator cannot start a plain scalar"
        case FormatASCII.percent: message = "'%' cannot start a plain scalar"
        case FormatASCII.hash: message = "'#' cannot start a plain scalar"
        case FormatASCII.comma, FormatASCII.closeBracket, FormatASCII.closeBrace: message = "flow indicator cannot start a plain scalar"
        case FormatASCII.question where nextIsBlank: message = "complex mapping keys ('?') are not supported"
        case FormatASCII.dash where nextIsBlank: message = "a block sequence cannot start on this line"
        case FormatASCII.colon where nextIsBlank: message = "empty mapping key"
        default: message = nil
        }
        if let message { throw line.error(at: index, message) }
    }

    /// `:` followed by a blank or the end of the line.
    private static func isValueIndicator(_ bytes: [UInt8], at index: Int) -> Bool {
        guard index < bytes.count, bytes[index] == FormatASCII.colon else { return false }
        return index + 1 == bytes.count || isBlankOrBreak(bytes[index + 1])
    }

    /// A blank, or the line feed between two joined lines.
    private static func isBlankOrBreak(_ byte: UInt8) -> Bool {
        FormatASCII.isBlank(byte) || byte == FormatASCII.lf
    }

    /// `#` starts a comment only at the start of content or after a blank;
    /// otherwise (`a#b`) it belongs to the scalar.
    private static func isCommentStart(_ bytes: [UInt8], at index: Int, contentStart: Int) -> Bool {
        guard bytes[index] == FormatASCII.hash else { return false }
        return index == contentStart || isBlankOrBreak(bytes[index - 1])
    }

    /// First non-blank offset at or after `index`.
    static func skipBlanks(_ bytes: [UInt8], from index: Int) -> Int {
        var index = index
        while index < bytes.count, FormatASCII.isBlank(bytes[index]) { index += 1 }
        return index
    }

    /// Text of `bytes[start..<end]` with trailing blanks removed.
    private static func trimmedText(_ bytes: [UInt8], _ start: Int, _ end: Int) -> String {
        var end = end
        while end > start, FormatASCII.isBlank(bytes[end - 1]) { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// Plain `~`, `null` (any YAML spelling) or empty text is null.
    private static func plainNode(_ text: String, line: Int) -> YAMLNode {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null(line: line)
        default: return .scalar(text, line: line)
        }
    }
}
