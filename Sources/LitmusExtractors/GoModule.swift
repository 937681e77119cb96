import LitmusModel
import LitmusWalk

/// Go's `go.mod` (`require` lines, single and in blocks) and `go.sum` (every `MODULE VERSION`
/// line, the `/go.mod` hash lines included). Observed in the `Go` ecosystem with the version as
/// written (`v0.69.4`); `// indirect` comments are dropped; `replace` targets are observed too,
/// since they are what the build uses.
public struct GoModule: Extractor {
    /// `go-module`.
    public let name = "go-module"

    /// Creates the extractor.
    public init() {}

    /// See ``Extractor/claims(name:parentName:isDirectory:)``.
    public func claims(name: String, parentName: String, isDirectory: Bool) -> Bool {
        !isDirectory && (name == "go.mod" || name == "go.sum")
    }

    /// See ``Extractor/extract(_:files:)``.
    public func extract(_ entry: FileEntry, files: any FileReading) -> Extraction {
        var out = Extraction()
        guard let text = ManifestInput.text(entry.path, files: files, stage: name, into: &out) else { return out }
        let isSum = entry.name == "go.sum"
        var block: String?
        var number = 0
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" }) {
            number += 1
            var line = String(raw)
            if let comment = line.firstRange(of: "//") { line = String(line[..<comment.lowerBound]) }
            var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            if words.isEmpty { continue }
            if isSum {
                if words.count >= 2 { observe(words[0], words[1].replacing("/go.mod", with: ""), line: number, path: entry.path, into: &out) }
                continue
            }
            if block != nil {
                if words == [")"] { block = nil; continue }
                words.insert(block ?? "", at: 0)
            } else if words.count == 2, words[1] == "(" {
                block = words[0]
                continue
            }
            switch words[0] {
            case "require" where words.count >= 3:
                observe(words[1], words[2], line: number, path: entry.path, into: &out)
            case "replace":
                if let arrow = words.firstIndex(of: "=>"), words.count >= arrow + 3 {
                    observe(words[arrow + 1], words[arrow + 2], line: number, path: entry.path, into: &out)
                }
            default:
                break
            }
        }
        return out
    }

    private func observe(_ module: String, _ version: String, line: Int, path: String, into out: inout Extraction) {
        out.add(PackageObservation(name: PackageName(module), requirement: .arbitrary(version), requirementText: version,
                                   location: FileLocation(path: path, line: line), origin: path.hasSuffix("go.sum") ? .locked : .declared,
                                   ecosystem: "Go"))
    }
}
