/// Mutable table used while parsing. Reference semantics let headers reopen deep tables and
/// append to arrays of tables in place, without copy-on-write churn through nested enums.
final class TOMLBuilder {
    /// How a table came to exist; decides which later definitions may touch it.
    enum Kind {
        /// Created as a prefix of a header (`[a.b]` creates `a`); may be defined later once.
        case implicit
        /// Defined by a header, an array-of-tables element, the root, or an inline table.
        case explicit
        /// Created by a dotted key; only more dotted keys may add to it.
        case dotted
    }

    /// What a key holds while parsing.
    enum Node {
        /// A finished value; inline tables and static arrays are here, hence immutable.
        case value(TOMLValue)
        /// A table still open to additions (subject to `Kind`).
        case table(TOMLBuilder)
        /// An array of tables, extended by `[[key]]` headers.
        case tables(TOMLTableArray)
    }

    struct Slot {
        let key: String
        let node: Node
        let line: Int
    }

    var slots: [Slot] = []
    var index: [String: Int]?
    var kind: Kind
    var line: Int
    let depth: Int

    init(kind: Kind, line: Int, depth: Int) {
        self.kind = kind
        self.line = line
        self.depth = depth
    }

    func find(_ key: String) -> Node? {
        if let index {
            guard let position = index[key] else { return nil }
            return slots[position].node
        }
        for slot in slots where slot.key == key { return slot.node }
        return nil
    }

    func append(_ key: String, _ node: Node, line: Int) {
        slots.append(Slot(key: key, node: node, line: line))
        if index != nil {
            index?[key] = slots.count - 1
        } else if slots.count > TOMLTable.indexThreshold {
            var built: [String: Int] = [:]
            built.reserveCapacity(slots.count * 2)
            for (position, slot) in slots.enumerated() { built[slot.key] = position }
            index = built
        }
    }

    /// Freezes the builder tree into values. Recursion depth is bounded by `TOML.maxDepth`.
    func build() -> TOMLTable {
        var entries: [TOMLTable.Entry] = []
        entries.reserveCapacity(slots.count)
        for slot in slots {
            let value: TOMLValue
            switch slot.node {
            case .value(let finished):
                value = finished
            case .table(let child):
                value = .table(child.build())
            case .tables(let list):
                value = .array(list.items.map { .table($0.build()) })
            }
            entries.append(TOMLTable.Entry(key: slot.key, value: value, line: slot.line))
        }
        return TOMLTable(entries: entries, line: line)
    }
}
