/// Values that continue past the line they start on (YAML 1.2 §6.5 line folding, §7.3 quoted and
/// §7.3.3 plain multi-line scalars, §7.4 flow collections): finds the raw lines a value spans
/// and joins them into one ``YAMLLine`` whose ``YAMLLine/breaks`` keep every byte's own line
/// number, so the inline parser reads the value as one run and nodes still carry their lines.
enum YAMLContinuation {
    /// The line holding the value that starts at `offset`, extended by the raw lines the value
    /// continues onto (unchanged when it ends on its own line), and the file line it ends on.
    ///
    /// A flow collection or quoted scalar runs to its closing bracket or quote (one never closed
    /// is left to the inline parser to refuse); a plain scalar continues onto following lines
    /// indented deeper than `parentIndent`, across empty lines, up to a comment. Continuation
    /// lines of a flow collection or quoted scalar must be indented deeper than `parentIndent`
    /// too (see ``check(_:number:parentIndent:flow:)``); a document marker ends every value.
    static func join(_ line: YAMLLine, at offset: Int, parentIndent: Int, rawLines: [[UInt8]]) throws(YAMLError) -> (YAMLLine, Int) {
        let first = line.bytes[offset]
        let startIndex = line.number - 1
        let last: Int
        let isPlain: Bool
        let isFlow = first == FormatASCII.openBracket || first == FormatASCII.openBrace
        switch first {
        case FormatASCII.openBracket, FormatASCII.openBrace, FormatASCII.singleQuote, FormatASCII.doubleQuote:
            guard let end = closingLine(line.bytes, offset: offset, rawLines: rawLines, lineIndex: startIndex) else {
                return (line, line.number)
            }
            last = end
            isPlain = false
        default:
            if hasComment(line.bytes, from: offset) { return (line, line.number) }
            last = plainEnd(rawLines, after: startIndex, parentIndent: parentIndent)
            isPlain = true
        }
        if last == startIndex { return (line, line.number) }
        var joined = line
        for index in (startIndex + 1)...last {
            let raw = rawLines[index]
            if !isPlain { try check(raw, number: index + 1, parentIndent: parentIndent, flow: isFlow) }
            joined.breaks.append(joined.bytes.count)
            joined.bytes.append(FormatASCII.lf)
            joined.bytes.append(contentsOf: raw)
        }
        return (joined, last + 1)
    }

    /// A continuation line of a flow collection or quoted scalar is blank or indented deeper
    /// than the enclosing block (YAML 1.2 §7.3, §7.4), with one tolerance: a line that starts
    /// with the closing `]` or `}` may sit at the block's own indentation or less, as PyYAML and
    /// ruamel.yaml (the loaders of pre-commit and conda) accept and as files often close
    /// `additional_dependencies: [` under its key. (Those loaders accept any indentation; litmus
    /// refuses other such lines with this error rather than guess.)
    private static func check(_ raw: [UInt8], number: Int, parentIndent: Int, flow: Bool) throws(YAMLError) {
        let indent = spaces(raw)
        var content = indent
        while content < raw.count, FormatASCII.isBlank(raw[content]) { content += 1 }
        if content == raw.count || indent > parentIndent { return }
        if flow, raw[content] == FormatASCII.closeBracket || raw[content] == FormatASCII.closeBrace, raw[..<content].allSatisfy({ $0 == FormatASCII.space }) { return }
        throw YAMLLine(number: number, bytes: raw, start: 0).error(at: content,
            "a continued flow collection or quoted scalar must be indented deeper than its block")
    }

    /// The 0-based raw line on which the flow collection or quoted scalar starting at `offset`
    /// of line `lineIndex` closes, or nil when it never does.
    private static func closingLine(_ firstBytes: [UInt8], offset: Int, rawLines: [[UInt8]], lineIndex: Int) -> Int? {
        var depth = 0
        var quote: UInt8? = nil
        var lineIndex = lineIndex
        var bytes = firstBytes
        var index = offset
        while true {
            scan: while index < bytes.count {
                let byte = bytes[index]
                if let open = quote {
                    if open == FormatASCII.singleQuote, byte == FormatASCII.singleQuote {
                        if index + 1 < bytes.count, bytes[index + 1] == FormatASCII.singleQuote { index += 2; continue }
                        quote = nil
                        if depth == 0 { return lineIndex }
                    } else if open == FormatASCII.doubleQuote {
                        if byte == FormatASCII.backslash { index += 2; continue }
                        if byte == FormatASCII.doubleQuote {
                            quote = nil
                            if depth == 0 { return lineIndex }
                        }
                    }
                    index += 1
                    continue
                }
                let boundary = index == offset || index == 0 || isBoundary(bytes[index - 1])
                switch byte {
                case FormatASCII.hash where index == 0 || FormatASCII.isBlank(bytes[index - 1]):
                    break scan
                case FormatASCII.singleQuote, FormatASCII.doubleQuote:
                    if boundary { quote = byte }
                case FormatASCII.openBracket, FormatASCII.openBrace:
                    depth += 1
                case FormatASCII.closeBracket, FormatASCII.closeBrace:
                    depth -= 1
                    if depth <= 0 { return lineIndex }
                default:
                    break
                }
                index += 1
            }
            lineIndex += 1
            guard lineIndex < rawLines.count, !isMarker(rawLines[lineIndex]) else { return nil }
            bytes = rawLines[lineIndex]
            index = 0
        }
    }

    /// The last 0-based raw line a plain scalar starting on line `start` continues onto.
    private static func plainEnd(_ rawLines: [[UInt8]], after start: Int, parentIndent: Int) -> Int {
        var last = start
        var index = start + 1
        while index < rawLines.count {
            let raw = rawLines[index]
            if isBlank(raw) { index += 1; continue }
            if isMarker(raw) { break }
            let indent = spaces(raw)
            var content = indent
            while content < raw.count, FormatASCII.isBlank(raw[content]) { content += 1 }
            if raw[content] == FormatASCII.hash || indent <= parentIndent { break }
            last = index
            if hasComment(raw, from: content) { break }
            index += 1
        }
        return last
    }

    /// Whether a ` #` comment follows `offset` (plain scalars hold no quotes to hide one).
    private static func hasComment(_ bytes: [UInt8], from offset: Int) -> Bool {
        var index = offset
        while index < bytes.count {
            if bytes[index] == FormatASCII.hash, index == offset || FormatASCII.isBlank(bytes[index - 1]) { return true }
            index += 1
        }
        return false
    }

    /// A byte after which a quote opens a quoted scalar inside a flow collection.
    private static func isBoundary(_ byte: UInt8) -> Bool {
        FormatASCII.isBlank(byte) || byte == FormatASCII.openBracket || byte == FormatASCII.openBrace
            || byte == FormatASCII.comma || byte == FormatASCII.colon
    }

    private static func spaces(_ raw: [UInt8]) -> Int {
        var index = 0
        while index < raw.count, raw[index] == FormatASCII.space { index += 1 }
        return index
    }

    private static func isBlank(_ raw: [UInt8]) -> Bool { raw.allSatisfy(FormatASCII.isBlank) }

    /// `---` or `...` at the start of a line, alone or before a blank.
    private static func isMarker(_ raw: [UInt8]) -> Bool {
        guard raw.count >= 3, raw[0] == raw[1], raw[1] == raw[2], raw[0] == FormatASCII.dash || raw[0] == FormatASCII.dot else { return false }
        return raw.count == 3 || FormatASCII.isBlank(raw[3])
    }

    /// At the line feed `index` of a joined line: drops the blanks that end the line (back to
    /// `keep`, which protects escaped content) unless the break is escaped, skips empty lines and
    /// the next line's leading blanks, and appends the folded break — one space, or one line
    /// feed per empty line (an escaped break adds only the empty lines' feeds). Returns the
    /// offset of the next line's content.
    static func fold(_ bytes: [UInt8], at index: Int, into output: inout [UInt8], keep: Int, escaped: Bool = false) -> Int {
        if !escaped {
            while output.count > keep, let last = output.last, FormatASCII.isBlank(last) { output.removeLast() }
        }
        var next = index + 1
        var empty = 0
        while true {
            while next < bytes.count, FormatASCII.isBlank(bytes[next]) { next += 1 }
            if next < bytes.count, bytes[next] == FormatASCII.lf { empty += 1; next += 1; continue }
            break
        }
        if empty == 0 {
            if !escaped { output.append(FormatASCII.space) }
        } else {
            output.append(contentsOf: repeatElement(FormatASCII.lf, count: empty))
        }
        return next
    }
}
