import LitmusModel

/// Bounds repeated findings: per file, kind, advisory, package and version, the first
/// ``maxLocations`` locations are reported and every one of them carries the count of all
/// distinct locations (``Finding/occurrences``); the rest are counted, not kept.
///
/// Findings arrive in any order from the walker's threads; what is kept is deterministic (the
/// smallest locations, ties broken by evidence) and bounded: at most ``maxLocations`` findings
/// and a set of line numbers per group, so 100,000 identical pin lines cost a few megabytes.
/// The same location reached twice (a pin read directly and through an include) counts once.
package struct FindingCollapse: Sendable {
    /// An empty one (explicit, so other modules can make one).
    package init() {}

    /// How many locations of one repeated finding are reported.
    package static let maxLocations = 20

    private struct Key: Hashable {
        var repeatKey: String
        var path: String
    }

    private struct Group {
        /// The smallest findings by (finding, evidence), one per id, ascending.
        var kept: [Finding] = []
        var lines: Set<Int> = []
        var withoutLine = false

        mutating func add(_ f: Finding) {
            if let line = f.location.line { lines.insert(line) } else { withoutLine = true }
            if let same = kept.firstIndex(where: { $0.location == f.location }) {
                if (f, f.evidence) < (kept[same], kept[same].evidence) { kept[same] = f }
                return
            }
            if kept.count == FindingCollapse.maxLocations, let last = kept.last, !((f, f.evidence) < (last, last.evidence)) { return }
            let at = kept.firstIndex { (f, f.evidence) < ($0, $0.evidence) } ?? kept.count
            kept.insert(f, at: at)
            if kept.count > FindingCollapse.maxLocations { kept.removeLast() }
        }
    }

    private var groups: [Key: Group] = [:]

    /// Adds one finding.
    package mutating func add(_ f: Finding) {
        groups[Key(repeatKey: f.repeatKey, path: f.location.path), default: Group()].add(f)
    }

    /// Adds every finding of another collapse, counts included.
    package mutating func merge(_ other: FindingCollapse) {
        for (key, theirs) in other.groups {
            guard var g = groups[key] else { groups[key] = theirs; continue }
            for f in theirs.kept { g.add(f) }
            g.lines.formUnion(theirs.lines)
            g.withoutLine = g.withoutLine || theirs.withoutLine
            groups[key] = g
        }
    }

    /// The kept findings with ``Finding/occurrences`` set, sorted.
    package var findings: [Finding] {
        groups.values.flatMap { g in
            let total = g.lines.count + (g.withoutLine ? 1 : 0)
            return g.kept.map { f in
                var f = f
                f.occurrences = max(total, 1)
                return f
            }
        }.sorted { ($0, $0.evidence) < ($1, $1.evidence) }
    }
}
