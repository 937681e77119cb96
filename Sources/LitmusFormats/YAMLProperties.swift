/// Node properties before a value: an anchor (`&name`), a tag (`!tag`, `!!str`, `!<uri>`), in
/// either order, or an alias (`*name`) standing for the whole value.
struct YAMLProperties {
    /// The anchor name, if any.
    var anchor: String?
    /// The tag as written, if any (dropped by the parser).
    var tag: String?
    /// The alias name when the value is an alias.
    var alias: String?
    /// Offset of what follows the properties.
    var rest: Int

    /// Whether `byte` can start properties, an alias or a block scalar header.
    static func startsProperty(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "!")
            || byte == UInt8(ascii: "|") || byte == UInt8(ascii: ">")
    }

    /// Reads the properties at `offset`; an alias must be the whole value.
    static func read(_ line: YAMLLine, at offset: Int) throws(YAMLError) -> YAMLProperties {
        let bytes = line.bytes
        var props = YAMLProperties(rest: offset)
        var index = offset
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "&") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "*") else { break }
            let nameStart = index + 1
            var end = nameStart
            if byte == UInt8(ascii: "!"), end < bytes.count, bytes[end] == UInt8(ascii: "<") {
                // A verbatim tag `!<tag:yaml.org,2002:str>` may hold any URI character.
                while end < bytes.count, bytes[end] != UInt8(ascii: ">") { end += 1 }
                guard end < bytes.count else { throw line.error(at: index, "unterminated verbatim tag") }
                end += 1
            }
            while end < bytes.count, !FormatASCII.isBlank(bytes[end]), !isFlowIndicator(bytes[end]) { end += 1 }
            let name = String(decoding: bytes[nameStart..<end], as: UTF8.self)
            switch byte {
            case UInt8(ascii: "&"):
                guard props.anchor == nil, !name.isEmpty else { throw line.error(at: index, props.anchor == nil ? "empty anchor name" : "a node has at most one anchor") }
                props.anchor = name
            case UInt8(ascii: "!"):
                guard props.tag == nil else { throw line.error(at: index, "a node has at most one tag") }
                props.tag = "!" + name
            default:
                guard props.anchor == nil, props.tag == nil, !name.isEmpty else {
                    throw line.error(at: index, name.isEmpty ? "empty alias name" : "an alias cannot have an anchor or a tag")
                }
                guard YAMLLineSplitter.isBlankOrComment(bytes, from: end) else {
                    throw line.error(at: end, "an alias must be the whole value (aliases as keys or inside a line are not supported)")
                }
                props.alias = name
                props.rest = bytes.count
                return props
            }
            index = YAMLInline.skipBlanks(bytes, from: end)
            if index == end && index < bytes.count {
                throw line.error(at: index, "expected a blank after the node property")
            }
        }
        props.rest = index
        return props
    }

    private static func isFlowIndicator(_ byte: UInt8) -> Bool {
        byte == FormatASCII.comma || byte == FormatASCII.openBracket || byte == FormatASCII.closeBracket
            || byte == FormatASCII.openBrace || byte == FormatASCII.closeBrace
    }
}
