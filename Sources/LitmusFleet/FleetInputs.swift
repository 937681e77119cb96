import LitmusSystem
import LitmusWalk

/// The input files of a fleet merge: every `*.json` under a directory (recursively, in sorted
/// order, links not followed), each read on its own so only one report is in memory at a time.
/// Other files are counted and named in one problem, so nothing is left out silently.
package enum FleetInputs {
    /// Feeds every `*.json` under `directory` to `merge`; returns how many were found.
    package static func each(in directory: String, merge: inout FleetMerge) -> Int {
        let reader = DiskReader()
        var pending = [directory]
        var found = 0
        var others: [String] = []
        while let dir = pending.popLast() {
            let items: [DirectoryItem]
            do {
                items = try reader.list(dir).sorted { $0.name < $1.name }
            } catch {
                merge.note(FleetIssue(path: dir, stage: "walk", message: "directory not listed: \(error.message); reports in it were not read"))
                continue
            }
            // Depth-first in name order: subdirectories are pushed in reverse.
            for item in items.reversed() where item.isDirectory { pending.append(Paths.join(dir, item.name)) }
            for item in items where !item.isDirectory {
                let path = Paths.join(dir, item.name)
                if item.name.hasSuffix(".json") {
                    read(path, follow: false, into: &merge)
                    found += 1
                } else {
                    others.append(path)
                }
            }
        }
        if let first = others.min() {
            merge.note(FleetIssue(path: first, stage: "walk", message: "\(others.count) file\(others.count == 1 ? "" : "s") not ending in .json not read (this one first)"))
        }
        return found
    }

    /// Reads one report into `merge`, or records why it could not be read.
    package static func read(_ path: String, follow: Bool, into merge: inout FleetMerge) {
        do {
            merge.add(try DiskReader(followSymlinks: follow).read(path, limit: FleetMerge.reportLimit), source: path)
        } catch {
            merge.addUnreadable(source: path, message: error.message)
        }
    }
}
