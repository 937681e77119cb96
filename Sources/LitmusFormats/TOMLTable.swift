/// A TOML table: keys in insertion order, each with the line where it was assigned.
///
/// Small tables (most of a lockfile) are searched linearly, which beats hashing for a handful
/// of short keys; larger tables carry a dictionary index so hostile input stays linear.
public struct TOMLTable: Sendable, Equatable {
    /// One key/value pair and the 1-based line of its assignment.
    struct Entry: Sendable {
        var key: String
        var value: TOMLValue
        var line: Int
    }

    /// Tables with more entries than this get a hash index.
    static let indexThreshold = 12

    var entries: [Entry]
    var index: [String: Int]?

    /// 1-based line of the header, inline table, or dotted key that created the table (root: 1).
    public var line: Int

    /// Creates an empty table that reports `line` as its origin.
    public init(line: Int = 1) {
        self.entries = []
        self.index = nil
        self.line = line
    }

    init(entries: [Entry], line: Int) {
        self.entries = entries
        self.line = line
        self.index = nil
        if entries.count > Self.indexThreshold { buildIndex() }
    }

    /// The keys in the order they first appeared in the document.
    public var keys: [String] { entries.map(\.key) }

    /// Number of keys.
    public var count: Int { entries.count }

    /// True when the table has no keys.
    public var isEmpty: Bool { entries.isEmpty }

    /// The value stored under `key`.
    public subscript(key: String) -> TOMLValue? {
        guard let position = position(of: key) else { return nil }
        return entries[position].value
    }

    /// 1-based line where `key` was assigned in this table (for a sub-table: where it was
    /// first created).
    public func line(of key: String) -> Int? {
        guard let position = position(of: key) else { return nil }
        return entries[position].line
    }

    /// Key/value pairs in insertion order.
    public var pairs: [(key: String, value: TOMLValue)] { entries.map { ($0.key, $0.value) } }

    /// Sets `value` for `key` (appending new keys), recording `line` as its assignment line.
    public mutating func set(_ key: String, _ value: TOMLValue, line: Int) {
        if let position = position(of: key) {
            entries[position].value = value
            entries[position].line = line
            return
        }
        entries.append(Entry(key: key, value: value, line: line))
        if index != nil {
            index?[key] = entries.count - 1
        } else if entries.count > Self.indexThreshold {
            buildIndex()
        }
    }

    func position(of key: String) -> Int? {
        if let index { return index[key] }
        for position in entries.indices where entries[position].key == key { return position }
        return nil
    }

    private mutating func buildIndex() {
        var built: [String: Int] = [:]
        built.reserveCapacity(entries.count * 2)
        for (position, entry) in entries.enumerated() { built[entry.key] = position }
        index = built
    }

    /// Tables are equal when they hold the same keys with equal values; order and line numbers
    /// are presentation, not content.
    public static func == (lhs: TOMLTable, rhs: TOMLTable) -> Bool {
        guard lhs.entries.count == rhs.entries.count else { return false }
        for entry in lhs.entries {
            guard let other = rhs[entry.key], other == entry.value else { return false }
        }
        return true
    }
}
