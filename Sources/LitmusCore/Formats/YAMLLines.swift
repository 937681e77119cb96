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
    let bytes: [UInt8]
    /// Index of the first unconsumed content byte; equals the indentation.
    var start: Int

    /// Indentation of the unconsumed content, in columns.
    var indent: Int { start }

    /// Whether the unconsumed content begins with a block sequence indicator.
    var isSequenceItem: Bool {
        guard start < bytes.count, bytes[start] == FormatASCII.dash else { return false }
        return start + 1 == bytes.count || FormatASCII.isBlank(bytes[start + 1])
    }

    /// An error positioned at byte `offset` of this line.
    func error(at offset: Int, _ message: String) -> YAMLError {
        YAMLError(line: number, column: column(at: offset), message: message)
    }

    /// 1-based column of byte `offset`, counting Unicode scalars so that
    /// columns match what an editor shows for non-ASCII text.
    func column(at offset: Int) -> Int {
        let end = min(max(offset, 0), bytes.count)
        var column = 1
        for index in 0..<end where bytes[index] & 0xC0 != 0x80 {
            column += 1
        }
        return column
    }
}

/// Splits raw bytes into significant lines, rejecting encodings and
/// document-level constructs that the subset does not support.
enum YAMLLineSplitter {
    /// Validates the bytes and returns the lines that carry content.
    static func split(_ input: [UInt8]) throws(YAMLError) -> [YAMLLine] {
        let rawLines = try rawLines(of: input)
        var result: [YAMLLine] = []
        var sawContent = false
        var ended = false
        for (offset, bytes) in rawLines.enumerated() {
            let line = YAMLLine(number: offset + 1, bytes: bytes, start: 0)
            let indent = try indentation(of: line)
            if isBlankOrComment(bytes, from: indent) { continue }
            if ended {
                throw line.error(at: indent, "content after the document end marker '...' (multiple documents are not supported)")
            }
            if try handleMarker(line, sawContent: sawContent, ended: &ended) { continue }
            sawContent = true
            result.append(YAMLLine(number: line.number, bytes: bytes, start: indent))
        }
        return result
    }

    /// Handles `---`, `...` and `%` directives at column 0.
    /// Returns true when the line was a marker and carries no content.
    private static func handleMarker(_ line: YAMLLine, sawContent: Bool, ended: inout Bool) throws(YAMLError) -> Bool {
        let bytes = line.bytes
        if bytes.first == FormatASCII.percent {
            throw line.error(at: 0, "directives ('%') are not supported")
        }
        if isMarker(bytes, FormatASCII.dash) {
            if sawContent {
                throw line.error(at: 0, "a second document ('---') is not supported")
            }
            if !isBlankOrComment(bytes, from: 3) {
                throw line.error(at: 4, "content on the '---' line is not supported")
            }
            return true
        }
        if isMarker(bytes, FormatASCII.dot) {
            if !isBlankOrComment(bytes, from: 3) {
                throw line.error(at: 4, "content after the document end marker '...' is not supported")
            }
            ended = true
            return true
        }
        return false
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

    /// Counts leading spaces; a tab among them is only tolerated on
    /// otherwise blank lines because YAML forbids tab indentation.
    private static func indentation(of line: YAMLLine) throws(YAMLError) -> Int {
        let bytes = line.bytes
        var index = 0
        while index < bytes.count, bytes[index] == FormatASCII.space { index += 1 }
        if index < bytes.count, bytes[index] == FormatASCII.tab, !isBlankOrComment(bytes, from: index) {
            throw line.error(at: index, "tabs cannot be used for indentation")
        }
        return index
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
