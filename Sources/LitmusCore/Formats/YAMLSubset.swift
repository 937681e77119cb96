/// A strict parser for the YAML subset found in conda `environment.yml`
/// files.
///
/// Supported: block mappings and sequences (including the compact `- item`
/// under a key at the key's own indentation), single-line flow sequences and
/// mappings, plain / single-quoted / double-quoted scalars, comments, blank
/// lines, a leading `---`, a trailing `...`, CRLF line breaks and a BOM.
/// Everything else (anchors, aliases, tags, block scalars, multi-line
/// scalars or flow collections, multiple documents, directives, tab
/// indentation, duplicate keys, inconsistent indentation, invalid UTF-8,
/// nesting deeper than ``maxDepth``) throws a ``YAMLError`` with its line and
/// column, so nothing is ever silently skipped.
public enum YAMLSubset {
    /// Deepest nesting of collections accepted; bounds recursion so hostile
    /// input cannot exhaust the stack.
    public static let maxDepth = 128

    /// Parses a whole document. An empty document (or one holding only
    /// comments) is `.null(line: 1)`.
    public static func parse(_ bytes: [UInt8]) throws(YAMLError) -> YAMLNode {
        var parser = YAMLBlockParser(lines: try YAMLLineSplitter.split(bytes))
        return try parser.parseDocument()
    }

    /// Parses every document of a stream.
    public static func parseDocuments(_ bytes: [UInt8]) throws(YAMLError) -> [YAMLNode] {
        [try parse(bytes)]
    }
}

/// Indentation-driven recursive descent over significant lines.
///
/// Each container owns the lines at exactly its indentation; a deeper line
/// that no child consumed, or a line between two levels, is an error.
struct YAMLBlockParser {
    private var lines: [YAMLLine]
    private var index = 0

    /// Creates a parser over pre-split lines.
    init(lines: [YAMLLine]) {
        self.lines = lines
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
        let line = lines[index]
        guard depth <= YAMLSubset.maxDepth else {
            throw line.error(at: line.start, "nesting deeper than \(YAMLSubset.maxDepth) levels")
        }
        if line.isSequenceItem {
            return try parseSequence(indent: indent, depth: depth)
        }
        if try YAMLInline.mappingKey(in: line) != nil {
            return try parseMapping(indent: indent, depth: depth)
        }
        let node = try YAMLInline.value(line, at: line.start, depth: depth)
        index += 1
        return node
    }

    /// Parses `- item` lines at `indent`. Stops at the first line at that
    /// indentation that is not an item; the enclosing mapping (compact form)
    /// or the document check decides whether that line is valid.
    private mutating func parseSequence(indent: Int, depth: Int) throws(YAMLError) -> YAMLNode {
        var items: [YAMLNode] = []
        let firstLine = lines[index].number
        while index < lines.count {
            let line = lines[index]
            if line.indent < indent { break }
            if line.indent > indent { throw unexpectedIndentation(line) }
            guard line.isSequenceItem else { break }
            items.append(try parseSequenceItem(indent: indent, depth: depth))
        }
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
        lines[index].start = content
        return try parseNode(indent: content, depth: depth + 1)
    }

    /// Parses `key: value` lines at `indent`, rejecting duplicate keys.
    private mutating func parseMapping(indent: Int, depth: Int) throws(YAMLError) -> YAMLNode {
        var entries: [YAMLEntry] = []
        var seen = Set<String>()
        let firstLine = lines[index].number
        while index < lines.count {
            let line = lines[index]
            if line.indent < indent { break }
            if line.indent > indent { throw unexpectedIndentation(line) }
            guard let key = try YAMLInline.mappingKey(in: line) else {
                throw line.error(at: line.start, line.isSequenceItem
                    ? "a sequence item cannot appear among mapping keys"
                    : "expected 'key: value'")
            }
            guard seen.insert(key.text).inserted else {
                throw line.error(at: key.offset, "duplicate key '\(key.text)'")
            }
            let value = try parseMappingValue(key, line: line, indent: indent, depth: depth)
            entries.append(YAMLEntry(key: key.text, value: value, line: line.number))
        }
        return .mapping(entries, line: firstLine)
    }

    /// The value of `key`: inline on the key's line, or on following lines.
    private mutating func parseMappingValue(_ key: YAMLInline.Key, line: YAMLLine, indent: Int, depth: Int) throws(YAMLError) -> YAMLNode {
        index += 1
        guard let valueStart = key.valueStart else {
            return try parseIndentedChild(of: indent, nullLine: line.number, compactSequence: true, depth: depth)
        }
        return try YAMLInline.value(line, at: valueStart, depth: depth + 1)
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

    /// Error for a line indented deeper than the block it appears in.
    private func unexpectedIndentation(_ line: YAMLLine) -> YAMLError {
        line.error(at: line.start, "unexpected indentation (inconsistent with the enclosing block)")
    }
}
