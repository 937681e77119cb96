/// Indentation-driven recursive descent over the significant lines of one document.
///
/// Each container owns the lines at exactly its indentation; a deeper line that no child
/// consumed, or a line between two levels, is an error. Block scalars read the raw lines after
/// their header. Anchors are resolved as they are defined; aliases copy the anchored node.
struct YAMLBlockParser {
    private var lines: [YAMLLine]
    private let rawLines: [[UInt8]]
    private var index = 0
    private var anchors: [String: (node: YAMLNode, size: Int)] = [:]
    /// Nodes made so far, counting each alias as the size of what it copies.
    private var expanded = 0

    /// Creates a parser over one document's significant lines.
    init(lines: [YAMLLine], rawLines: [[UInt8]]) {
        self.lines = lines
        self.rawLines = rawLines
    }

    /// Parses the root node and makes sure every line was consumed.
    mutating func parseDocument() throws(YAMLError) -> YAMLNode {
        guard let first = lines.first else { return .null(line: 1) }
        let root = try parseNode(indent: first.indent, depth: 1)
        if index < lines.count {
            let line = lines[index]
            throw line.error(at: line.start, "unexpected content; indentation does not match an enclosing block")
        }
        return root
    }

    /// Parses the node whose first line is the current one, at `indent`.
    private mutating func parseNode(indent: Int, depth: Int) throws(YAMLError) -> YAMLNode {
        let line = try structural(lines[index])
        guard depth <= YAMLSubset.maxDepth else {
            throw line.error(at: line.start, "nesting deeper than \(YAMLSubset.maxDepth) levels")
        }
        if line.isSequenceItem {
            return try parseSequence(indent: indent, depth: depth)
        }
        if try YAMLInline.mappingKey(in: line) != nil {
            return try parseMapping(indent: indent, depth: depth)
        }
        return try parseValue(line, at: line.start, parentIndent: indent - 1, compactSequence: false, depth: depth)
    }

    /// A value starting at `offset` of `line` (properties, alias, block scalar, flow or plain
    /// scalar), or on the following lines when only properties are on this one.
    private mutating func parseValue(_ line: YAMLLine, at offset: Int, parentIndent: Int,
                                     compactSequence: Bool, depth: Int) throws(YAMLError) -> YAMLNode {
        let props = try YAMLProperties.read(line, at: offset)
        let before = expanded
        let node: YAMLNode
        if let alias = props.alias {
            guard let anchored = anchors[alias] else { throw line.error(at: offset, "alias '*\(alias)' names no anchor defined before it") }
            try count(anchored.size, line, offset)
            index += 1
            node = anchored.node
        } else if props.rest >= line.bytes.count || YAMLLineSplitter.isBlankOrComment(line.bytes, from: props.rest) {
            index += 1
            if props.anchor == nil && props.tag == nil {
                return .null(line: line.number)
            }
            node = try parseIndentedChild(of: parentIndent, nullLine: line.number, compactSequence: compactSequence, depth: depth)
        } else if line.bytes[props.rest] == UInt8(ascii: "|") || line.bytes[props.rest] == UInt8(ascii: ">") {
            node = try blockScalar(line, at: props.rest, parentIndent: parentIndent)
        } else {
            if props.anchor != nil || props.tag != nil, try YAMLInline.mappingKey(in: YAMLLine(number: line.number, bytes: line.bytes, start: props.rest)) != nil {
                throw line.error(at: offset, "anchors or tags on mapping keys are not supported")
            }
            let (joined, lastLine) = try YAMLContinuation.join(line, at: props.rest, parentIndent: parentIndent, rawLines: rawLines)
            let value = try YAMLInline.value(joined, at: props.rest, depth: depth)
            try count(Self.size(of: value), line, offset)
            index += 1
            while index < lines.count, lines[index].number <= lastLine { index += 1 }
            node = value
        }
        if let anchor = props.anchor { anchors[anchor] = (node, max(expanded - before, 1)) }
        return node
    }

    /// Parses `- item` lines at `indent`. Stops at the first line at that
    /// indentation that is not an item; the enclosing mapping (compact form)
    /// or the document check decides whether that line is valid.
    private mutating func parseSequence(indent: Int, depth: Int) throws(YAMLError) -> YAMLNode {
        var items: [YAMLNode] = []
        let firstLine = lines[index].number
        while index < lines.count {
            let line = try structural(lines[index])
            if line.indent < indent { break }
            if line.indent > indent { throw unexpectedIndentation(line) }
            guard line.isSequenceItem else { break }
            items.append(try parseSequenceItem(indent: indent, depth: depth))
        }
        try count(1, lines[min(index, lines.count - 1)], 0)
        return .sequence(items, line: firstLine)
    }

    /// Parses one item. Content on the dash's line is re-parsed as a line
    /// indented to its own column, so `- pip:` becomes a mapping whose
    /// further keys align with `pip`.
    private mutating func parseSequenceItem(indent: Int, depth: Int) throws(YAMLError) -> YAMLNode {
        let line = lines[index]
        var content = line.start + 1
        while content < line.bytes.count, line.bytes[content] == FormatASCII.space { content += 1 }
        if content < line.bytes.count, line.bytes[content] == FormatASCII.tab,
           !YAMLLineSplitter.isBlankOrComment(line.bytes, from: content) {
            throw line.error(at: content, "tabs cannot be used for indentation after '-'")
        }
        if YAMLLineSplitter.isBlankOrComment(line.bytes, from: content) {
            index += 1
            return try parseIndentedChild(of: indent, nullLine: line.number, compactSequence: false, depth: depth)
        }
        if YAMLProperties.startsProperty(line.bytes[content]) {
            return try parseValue(line, at: content, parentIndent: indent, compactSequence: false, depth: depth + 1)
        }
        lines[index].start = content
        return try parseNode(indent: content, depth: depth + 1)
    }

    /// Parses `key: value` lines at `indent`, rejecting duplicate keys; `<<` merge keys add the
    /// entries of the mappings they name that are not given explicitly.
    private mutating func parseMapping(indent: Int, depth: Int) throws(YAMLError) -> YAMLNode {
        var entries: [YAMLEntry] = []
        var merges: [YAMLNode] = []
        var seen = Set<String>()
        let firstLine = lines[index].number
        while index < lines.count {
            let line = try structural(lines[index])
            if line.indent < indent { break }
            if line.indent > indent { throw unexpectedIndentation(line) }
            guard let key = try YAMLInline.mappingKey(in: line) else {
                throw line.error(at: line.start, line.isSequenceItem
                    ? "a sequence item cannot appear among mapping keys"
                    : "expected 'key: value'")
            }
            let value = try parseMappingValue(key, line: line, indent: indent, depth: depth)
            if key.text == "<<" && !key.quoted {
                merges.append(value)
                continue
            }
            guard seen.insert(key.text).inserted else {
                throw line.error(at: key.offset, "duplicate key '\(key.text)'")
            }
            entries.append(YAMLEntry(key: key.text, value: value, line: line.number))
        }
        for merge in merges {
            for source in try mergeSources(merge) {
                for entry in source where seen.insert(entry.key).inserted { entries.append(entry) }
            }
        }
        return .mapping(entries, line: firstLine)
    }

    /// The mappings a `<<` value names: one mapping, or a sequence of mappings.
    private func mergeSources(_ value: YAMLNode) throws(YAMLError) -> [[YAMLEntry]] {
        if let entries = value.mappingEntries { return [entries] }
        if let items = value.sequenceItems {
            var out: [[YAMLEntry]] = []
            for item in items {
                guard let entries = item.mappingEntries else {
                    throw YAMLError(line: item.line, column: 1, message: "a merge key ('<<') takes mappings only")
                }
                out.append(entries)
            }
            return out
        }
        throw YAMLError(line: value.line, column: 1, message: "a merge key ('<<') takes a mapping or a list of mappings")
    }

    /// The value of `key`: inline on the key's line, or on following lines.
    private mutating func parseMappingValue(_ key: YAMLInline.Key, line: YAMLLine, indent: Int, depth: Int) throws(YAMLError) -> YAMLNode {
        guard let valueStart = key.valueStart else {
            index += 1
            return try parseIndentedChild(of: indent, nullLine: line.number, compactSequence: true, depth: depth)
        }
        return try parseValue(line, at: valueStart, parentIndent: indent, compactSequence: true, depth: depth + 1)
    }

    /// A value that starts on the next line: deeper lines form the child;
    /// under a mapping key, `- ` lines at the key's own indentation form a
    /// sequence (the compact style conda writes); otherwise the value is null.
    private mutating func parseIndentedChild(of indent: Int, nullLine: Int, compactSequence: Bool, depth: Int) throws(YAMLError) -> YAMLNode {
        guard index < lines.count else { return .null(line: nullLine) }
        let next = lines[index]
        if next.indent > indent {
            return try parseNode(indent: next.indent, depth: depth + 1)
        }
        if compactSequence, next.indent == indent, next.isSequenceItem {
            guard depth + 1 <= YAMLSubset.maxDepth else {
                throw next.error(at: next.start, "nesting deeper than \(YAMLSubset.maxDepth) levels")
            }
            return try parseSequence(indent: indent, depth: depth + 1)
        }
        return .null(line: nullLine)
    }

    /// A literal or folded block scalar whose header is at `offset`; its content is the raw
    /// lines after the header indented deeper than `parentIndent`.
    private mutating func blockScalar(_ line: YAMLLine, at offset: Int, parentIndent: Int) throws(YAMLError) -> YAMLNode {
        let header = try YAMLBlockScalar.Header.parse(line, at: offset)
        let (text, lastLine) = try YAMLBlockScalar.read(rawLines, after: line.number, parentIndent: parentIndent, header: header)
        while index < lines.count, lines[index].number <= lastLine { index += 1 }
        try count(1, line, offset)
        return .scalar(text, line: line.number)
    }

    /// Adds `n` nodes to the expanded count, failing past the limit.
    private mutating func count(_ n: Int, _ line: YAMLLine, _ offset: Int) throws(YAMLError) {
        expanded += n
        if expanded > YAMLSubset.maxExpandedNodes {
            throw line.error(at: offset, "aliases expand to more than \(YAMLSubset.maxExpandedNodes) nodes")
        }
    }

    /// Nodes in an alias-free value (a flow collection or scalar).
    private static func size(of node: YAMLNode) -> Int {
        switch node {
        case .scalar, .null: return 1
        case .sequence(let items, _): return items.reduce(1) { $0 + size(of: $1) }
        case .mapping(let entries, _): return entries.reduce(1) { $0 + size(of: $1.value) }
        }
    }

    /// The line, or the error for a tab that indents it.
    private func structural(_ line: YAMLLine) throws(YAMLError) -> YAMLLine {
        if let tab = line.tabAt { throw line.error(at: tab, "tabs cannot be used for indentation") }
        return line
    }

    /// Error for a line indented deeper than the block it appears in.
    private func unexpectedIndentation(_ line: YAMLLine) -> YAMLError {
        line.error(at: line.start, "unexpected indentation (inconsistent with the enclosing block)")
    }
}
