/// One node of a parsed YAML-subset document.
///
/// Every case carries the 1-based line where the node starts so findings can
/// point at the exact line of, e.g., a `litellm==1.82.7` entry.
public indirect enum YAMLNode: Sendable, Equatable {
    /// A plain, single- or double-quoted scalar, as text (escapes resolved).
    case scalar(String, line: Int)
    /// A block or flow sequence; `line` is the line of its first item (or `[`).
    case sequence([YAMLNode], line: Int)
    /// A block or flow mapping in document order; `line` is its first key's line (or `{`).
    case mapping([YAMLEntry], line: Int)
    /// An empty value, `~` or `null` (plain, unquoted).
    case null(line: Int)

    /// The line where this node starts.
    public var line: Int {
        switch self {
        case .scalar(_, let line), .sequence(_, let line), .mapping(_, let line), .null(let line):
            return line
        }
    }

    /// The text of a scalar node, `nil` for any other node.
    public var scalarValue: String? {
        if case .scalar(let text, _) = self { return text }
        return nil
    }

    /// The items of a sequence node, `nil` for any other node.
    public var sequenceItems: [YAMLNode]? {
        if case .sequence(let items, _) = self { return items }
        return nil
    }

    /// The entries of a mapping node, `nil` for any other node.
    public var mappingEntries: [YAMLEntry]? {
        if case .mapping(let entries, _) = self { return entries }
        return nil
    }

    /// Whether this is a `null` node.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The line of `key` when this is a mapping holding it.
    public func line(of key: String) -> Int? {
        mappingEntries?.first { $0.key == key }?.line
    }

    /// The value stored under `key` when this is a mapping (keys are unique).
    public subscript(key: String) -> YAMLNode? {
        mappingEntries?.first { $0.key == key }?.value
    }
}

/// One `key: value` pair of a mapping, kept as a struct so mappings stay
/// `Equatable` (tuples cannot conform).
public struct YAMLEntry: Sendable, Equatable {
    /// The key text (quoted keys are unquoted, escapes resolved).
    public let key: String
    /// The value node.
    public let value: YAMLNode
    /// 1-based line of the key.
    public let line: Int

    /// Creates an entry.
    public init(key: String, value: YAMLNode, line: Int) {
        self.key = key
        self.value = value
        self.line = line
    }
}
