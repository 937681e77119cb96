/// Byte constants shared by the YAML-subset and metadata parsers.
enum FormatASCII {
    static let tab = UInt8(ascii: "\t")
    static let lf = UInt8(ascii: "\n")
    static let cr = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let hash = UInt8(ascii: "#")
    static let colon = UInt8(ascii: ":")
    static let comma = UInt8(ascii: ",")
    static let dash = UInt8(ascii: "-")
    static let dot = UInt8(ascii: ".")
    static let percent = UInt8(ascii: "%")
    static let singleQuote = UInt8(ascii: "'")
    static let doubleQuote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let question = UInt8(ascii: "?")

    /// Space or tab: YAML's "white" characters inside a line.
    static func isBlank(_ byte: UInt8) -> Bool { byte == space || byte == tab }
}

/// One significant (non-blank, non-comment) line of a YAML document.
///
/// `start` marks where the not-yet-consumed content begins. After a `- `
/// indicator the parser advances `start` and re-parses the rest of the line
/// as if it were a line indented to that column, which is how compact forms
/// like `- pip:` are handled. Everything before `start` is ASCII (spaces and
/// `-`), so `start` doubles as the indentation column.
struct YAMLLine {
    /// 1-based line number in the file.
    let number: Int
    /// Line content without the line break.
    var bytes: [UInt8]
    /// Index of the first unconsumed content byte; equals the indentation.
    var start: Int
    /// Where a tab indents this line, if one does (an error when the line is structure).
    var tabAt: Int? = nil
    /// Offsets of the line feeds joining the following raw lines into this one, when a value
    /// (a flow collection, a quoted or plain scalar) spans several lines; empty otherwise.
    /// Byte `breaks[k]` is the line feed that ends line `number + k`.
    var breaks: [Int] = []

    /// Indentation of the unconsumed content, in columns.
    var indent: Int { start }

    /// Whether the unconsumed content begins with a block sequence indicator.
    var isSequenceItem: Bool {
        guard start < bytes.count, bytes[start] == FormatASCII.dash else { return false }
        return start + 1 == bytes.count || FormatASCII.isBlank(bytes[start + 1])
    }

    /// An error positioned at byte `offset` of this line.
    func error(at offset: Int, _ message: String) -> YAMLError {
        YAMLError(line: lineNumber(at: offset), column: column(at: offset), message: message)
    }

    /// How many joined lines end before byte `offset`.
    private func breaksBefore(_ offset: Int) -> Int {
        var low = 0, high = breaks.count
        while low < high {
            let mid = (low + high) / 2
            if breaks[mid] < offset { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The file's 1-based line number of byte `offset` (joined lines count on).
    func lineNumber(at offset: Int) -> Int {
        breaks.isEmpty ? number : number + breaksBefore(offset)
    }

    /// 1-based column of byte `offset` within its own line, counting Unicode scalars so that
    /// columns match what an editor shows for non-ASCII text.
    func column(at offset: Int) -> Int {
        let end = min(max(offset, 0), bytes.count)
        let before = breaks.isEmpty ? 0 : breaksBefore(end)
        let lineStart = before == 0 ? 0 : breaks[before - 1] + 1
        var column = 1
        for index in lineStart..<max(end, lineStart) where bytes[index] & 0xC0 != 0x80 {
            column += 1
        }
        return column
    }
}

/// The significant lines of a stream, grouped by document, plus every raw line (block scalars
/// read raw lines, since blank and `#` lines are content there).
struct YAMLStream {
    /// Each document's significant lines.
    var documents: [[YAMLLine]]
    /// Every line of the input without its line break, index = line number - 1.
    var rawLines: [[UInt8]]
}

/// Splits raw bytes into significant lines, rejecting encodings and
/// document-level constructs that the subset does not support.
enum YAMLLineSplitter {
    /// Validates the bytes and returns the lines that carry content, by document. A `---` line
    /// starts a document, `...` ends one; `%YAML`/`%TAG` directives are accepted before a `---`.
    static func split(_ input: [UInt8]) throws(YAMLError) -> YAMLStream {
        let rawLines = try rawLines(of: input)
        var documents: [[YAMLLine]] = []
        var current: [YAMLLine] = []
        var open = false          // a document has started (explicitly or by content)
        var ended = false         // `...` seen; only directives or `---` may follow
        var directives = false    // directives seen since the last document
        var sawYAML = false       // a %YAML directive for the coming document
        for (offset, bytes) in rawLines.enumerated() {
            var line = YAMLLine(number: offset + 1, bytes: bytes, start: 0)
            let indent = indentation(of: line)
            if isBlankOrComment(bytes, from: indent) { continue }
            if bytes.first == FormatASCII.percent {
                guard !open || ended else {
                    throw line.error(at: 0, "a directive ('%') must come before the document's '---'")
                }
                try directive(line, sawYAML: &sawYAML)
                directives = true
                continue
            }
            if isMarker(bytes, FormatASCII.dash) {
                if !isBlankOrComment(bytes, from: 3) {
                    throw line.error(at: 4, "content on the '---' line is not supported")
                }
                if open { documents.append(current) }
                current = []
                open = true
                ended = false
                directives = false
                sawYAML = false
                continue
            }
            if isMarker(bytes, FormatASCII.dot) {
                if directives { throw line.error(at: 0, "directives must be followed by '---'") }
                if !isBlankOrComment(bytes, from: 3) {
                    throw line.error(at: 4, "content after the document end marker '...' is not supported")
                }
                if open { documents.append(current) }
                current = []
                open = false
                ended = true
                continue
            }
            if directives {
                throw line.error(at: indent, "directives must be followed by '---'")
            }
            open = true
            ended = false
            line.start = indent
            line.tabAt = tabIndentation(bytes, indent: indent)
            current.append(line)
        }
        if directives {
            throw YAMLError(line: rawLines.count, column: 1, message: "directives must be followed by '---'")
        }
        if open { documents.append(current) }
        return YAMLStream(documents: documents, rawLines: rawLines)
    }

    /// Checks a `%YAML` (one `MAJOR.MINOR`, once per document) or `%TAG` (handle and prefix)
    /// directive; other names are reserved and ignored, as the specification says.
    private static func directive(_ line: YAMLLine, sawYAML: inout Bool) throws(YAMLError) {
        var body = line.bytes[...]
        if let hash = body.indices.first(where: { body[$0] == FormatASCII.hash && $0 > 0 && FormatASCII.isBlank(body[$0 - 1]) }) {
            body = body[..<hash]
        }
        let words = body.split(whereSeparator: { FormatASCII.isBlank($0) }).map { String(decoding: $0, as: UTF8.self) }
        switch words.first {
        case "%YAML":
            guard !sawYAML else { throw line.error(at: 0, "a second %YAML directive for one document") }
            let parts = words.count == 2 ? words[1].split(separator: ".", omittingEmptySubsequences: false) : []
            guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else {
                throw line.error(at: 0, "%YAML takes one version, MAJOR.MINOR")
            }
            sawYAML = true
        case "%TAG":
            guard words.count == 3 else { throw line.error(at: 0, "%TAG takes a handle and a prefix") }
        default:
            break
        }
    }

    /// Whether the line is `---` / `...` optionally followed by blanks.
    private static func isMarker(_ bytes: [UInt8], _ char: UInt8) -> Bool {
        guard bytes.count >= 3, bytes[0] == char, bytes[1] == char, bytes[2] == char else { return false }
        return bytes.count == 3 || FormatASCII.isBlank(bytes[3])
    }

    /// True if nothing but blanks or a comment follows `index`.
    static func isBlankOrComment(_ bytes: [UInt8], from index: Int) -> Bool {
        var index = index
        while index < bytes.count, FormatASCII.isBlank(bytes[index]) { index += 1 }
        return index == bytes.count || bytes[index] == FormatASCII.hash
    }

    /// Counts leading spaces.
    private static func indentation(of line: YAMLLine) -> Int {
        let bytes = line.bytes
        var index = 0
        while index < bytes.count, bytes[index] == FormatASCII.space { index += 1 }
        return index
    }

    /// The offset of a tab that would indent content (YAML forbids tab indentation); the parser
    /// reports it when it reads the line as structure, never inside a block scalar.
    private static func tabIndentation(_ bytes: [UInt8], indent: Int) -> Int? {
        guard indent < bytes.count, bytes[indent] == FormatASCII.tab, !isBlankOrComment(bytes, from: indent) else { return nil }
        return indent
    }

    /// Strips a BOM, validates UTF-8 and control characters, and splits on
    /// LF or CRLF. A lone CR is rejected rather than guessed at.
    static func rawLines(of input: [UInt8]) throws(YAMLError) -> [[UInt8]] {
        var index = input.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        while index < input.count {
            let byte = input[index]
            if byte == FormatASCII.lf {
                lines.append(current)
                current = []
                index += 1
                continue
            }
            if byte == FormatASCII.cr {
                guard index + 1 < input.count, input[index + 1] == FormatASCII.lf else {
                    throw positioned(lines.count, current, "a carriage return without a line feed is not supported")
                }
                index += 1
                continue
            }
            let length = try sequenceLength(input, at: index, lineNumber: lines.count, current: current)
            current.append(contentsOf: input[index..<(index + length)])
            index += length
        }
        lines.append(current)
        return lines
    }

    /// Length of the valid UTF-8 sequence at `index`, or an error for
    /// malformed UTF-8 and for control characters YAML does not allow.
    private static func sequenceLength(_ input: [UInt8], at index: Int, lineNumber: Int, current: [UInt8]) throws(YAMLError) -> Int {
        let byte = input[index]
        if byte < 0x80 {
            if (byte < 0x20 && byte != FormatASCII.tab) || byte == 0x7F {
                throw positioned(lineNumber, current, "control character 0x\(hex(byte)) is not allowed")
            }
            return 1
        }
        guard let length = UTF8Validation.sequenceLength(input, at: index) else {
            throw positioned(lineNumber, current, "invalid UTF-8 byte 0x\(hex(byte))")
        }
        return length
    }

    /// An error at the end of the partially read line `current`.
    private static func positioned(_ lineIndex: Int, _ current: [UInt8], _ message: String) -> YAMLError {
        let line = YAMLLine(number: lineIndex + 1, bytes: current, start: 0)
        return line.error(at: current.count, message)
    }

    /// Two-digit uppercase hex for error messages.
    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}

/// Strict UTF-8 validation (no overlongs, surrogates or values past U+10FFFF).
enum UTF8Validation {
    /// Length of the well-formed sequence starting at `index`, or nil.
    static func sequenceLength(_ bytes: [UInt8], at index: Int) -> Int? {
        let lead = bytes[index]
        let (length, low, high): (Int, UInt8, UInt8)
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: (length, low, high) = (2, 0x80, 0xBF)
        case 0xE0: (length, low, high) = (3, 0xA0, 0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (length, low, high) = (3, 0x80, 0xBF)
        case 0xED: (length, low, high) = (3, 0x80, 0x9F)
        case 0xF0: (length, low, high) = (4, 0x90, 0xBF)
        case 0xF1...0xF3: (length, low, high) = (4, 0x80, 0xBF)
        case 0xF4: (length, low, high) = (4, 0x80, 0x8F)
        default: return nil
        }
        guard index + length <= bytes.count else { return nil }
        // Only the second byte has a narrowed range; the rest are plain continuations.
        guard (low...high).contains(bytes[index + 1]) else { return nil }
        for offset in 2..<max(length, 2) where !(0x80...0xBF).contains(bytes[index + offset]) {
            return nil
        }
        return length
    }
}
