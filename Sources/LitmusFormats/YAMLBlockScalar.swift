/// Literal (`|`) and folded (`>`) block scalars: the header's indicators and the content lines.
enum YAMLBlockScalar {
    /// How trailing line breaks are kept.
    enum Chomping { case clip, strip, keep }

    /// `|` or `>` with an optional chomping indicator and indentation digit, in either order.
    struct Header {
        /// `>`: lines are folded.
        var folded: Bool
        /// `-`, `+` or neither.
        var chomping: Chomping
        /// The indentation indicator (1–9), relative to the parent's indentation.
        var indentation: Int?

        /// Parses the header at `offset`; only blanks or a comment may follow it.
        static func parse(_ line: YAMLLine, at offset: Int) throws(YAMLError) -> Header {
            let bytes = line.bytes
            var header = Header(folded: bytes[offset] == UInt8(ascii: ">"), chomping: .clip, indentation: nil)
            var index = offset + 1
            var sawChomping = false
            while index < bytes.count, !FormatASCII.isBlank(bytes[index]) {
                let byte = bytes[index]
                if (byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")) && !sawChomping {
                    header.chomping = byte == UInt8(ascii: "-") ? .strip : .keep
                    sawChomping = true
                } else if byte >= UInt8(ascii: "1") && byte <= UInt8(ascii: "9") && header.indentation == nil {
                    header.indentation = Int(byte - UInt8(ascii: "0"))
                } else {
                    throw line.error(at: index, "invalid block scalar header")
                }
                index += 1
            }
            guard YAMLLineSplitter.isBlankOrComment(bytes, from: index) else {
                throw line.error(at: index, "only a comment may follow a block scalar header")
            }
            if index < bytes.count, bytes[index] == FormatASCII.hash {
                throw line.error(at: index, "a comment after a block scalar header needs a blank before it")
            }
            return header
        }
    }

    /// The scalar's text and the number of its last line (the header's when it is empty).
    static func read(_ raw: [[UInt8]], after headerLine: Int, parentIndent: Int, header: Header) throws(YAMLError) -> (String, Int) {
        var indent = header.indentation.map { max(parentIndent, 0) + $0 }
        var content: [[UInt8]] = []      // lines with the indentation removed; [] = empty line
        var last = headerLine
        var maxLeadingBlank = 0
        var i = headerLine                // raw index of the line after the header
        // The text after the final line break is not a line when empty.
        let lineCount = raw.last?.isEmpty == true ? raw.count - 1 : raw.count
        while i < lineCount {
            let bytes = raw[i]
            var spaces = 0
            while spaces < bytes.count, bytes[spaces] == FormatASCII.space { spaces += 1 }
            let blank = spaces == bytes.count
            if !blank, bytes[spaces...].allSatisfy(FormatASCII.isBlank), indent.map({ spaces < $0 }) ?? true {
                throw YAMLError(line: i + 1, column: spaces + 1, message: "a tab cannot indent a line of a block scalar")
            }
            if indent == nil && !blank {
                guard spaces > parentIndent else { break }
                if maxLeadingBlank > spaces {
                    throw YAMLError(line: i + 1, column: spaces + 1, message: "a leading empty line of a block scalar is indented deeper than its content")
                }
                indent = spaces
            }
            if let indent {
                if blank {
                    content.append(spaces > indent ? Array(bytes[indent...]) : [])
                } else if spaces >= indent {
                    content.append(Array(bytes[indent...]))
                } else {
                    break
                }
            } else {
                maxLeadingBlank = max(maxLeadingBlank, spaces)
                content.append([])
            }
            i += 1
            last = i
        }
        var end = content.count
        while end > 0, content[end - 1].isEmpty { end -= 1 }
        let trailing = content.count - end
        let body = Array(content[..<end])
        var text = header.folded ? fold(body) : body.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")
        switch header.chomping {
        case .strip: break
        case .clip: if !body.isEmpty { text += "\n" }
        case .keep: text += String(repeating: "\n", count: (body.isEmpty ? 0 : 1) + trailing)
        }
        // Trailing empty lines belong to the scalar only when kept; the rest are not consumed
        // text but still cannot hold structure, so the last consumed line stays where it is.
        return (text, last)
    }

    /// YAML's line folding: a break between two lines of text becomes a space, a break followed
    /// by empty lines becomes those lines' breaks, and lines starting with a blank (more
    /// indented) keep their breaks.
    private static func fold(_ lines: [[UInt8]]) -> String {
        var out = ""
        var started = false
        var previousMore = false
        var empty = 0
        for line in lines {
            if line.isEmpty { empty += 1; continue }
            let more = FormatASCII.isBlank(line[0])
            if !started {
                out += String(repeating: "\n", count: empty)
            } else if previousMore || more {
                out += String(repeating: "\n", count: empty + 1)
            } else {
                out += empty == 0 ? " " : String(repeating: "\n", count: empty)
            }
            out += String(decoding: line, as: UTF8.self)
            started = true
            previousMore = more
            empty = 0
        }
        return out
    }
}
