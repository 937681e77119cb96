/// pip requirements and constraints files.
///
/// Claims `requirements*.txt`/`.in`, `*-requirements.txt`, `*_requirements.txt`,
/// `constraints*.txt`, any `*.txt` inside a `requirements/` directory, `requirements*.lock` (rye's
/// `requirements.lock`/`requirements-dev.lock`, and what `uv export` users name their output), and (via the scanner) any
/// file named on the command line. Reads the full pip syntax: comments, `\` continuations,
/// `-r`/`-c` includes relative to the including file (recursive, cycles and missing files are
/// errors), `-e`, global options, per-requirement `--hash`, extras, markers (kept, not
/// evaluated), `name @ URL`, bare wheel/sdist paths and URLs (version from the file name) and
/// `===`. A bare name that a constraints file pins is judged by that constraint.
/// Exempt: remote includes (`-r https://…`) are never fetched; they become warnings.
public struct RequirementsTxt: Extractor {
    /// `requirements`.
    public let name = "requirements"

    /// Includes deeper than this are an error (a guard against generated include chains).
    static let maxIncludeDepth = 32

    /// Creates the extractor.
    public init() {}

    /// See ``Extractor/claims(name:parentName:isDirectory:)``.
    public func claims(name: String, parentName: String, isDirectory: Bool) -> Bool {
        // Called for every file of a walk: reject by the last byte before lowercasing anything.
        guard !isDirectory, let last = name.utf8.last, last == UInt8(ascii: "t") || last == UInt8(ascii: "T")
                || last == UInt8(ascii: "n") || last == UInt8(ascii: "N")
                || last == UInt8(ascii: "k") || last == UInt8(ascii: "K") else { return false }
        let lower = name.lowercased()
        if lower.hasSuffix(".lock") { return lower.hasPrefix("requirements") }
        if parentName.lowercased() == "requirements" && lower.hasSuffix(".txt") { return true }
        guard lower.hasSuffix(".txt") || lower.hasSuffix(".in") else { return false }
        let stem = lower.hasSuffix(".txt") ? lower.dropLast(4) : lower.dropLast(3)
        return stem.hasPrefix("requirements") || stem.hasPrefix("constraints")
            || stem.hasSuffix("-requirements") || stem.hasSuffix("_requirements")
    }

    /// See ``Extractor/extract(_:files:)``.
    public func extract(_ entry: FileEntry, files: any FileReading) -> Extraction {
        var state = ParseState(files: files)
        state.quotesTopFile = !entry.isLink
        state.parse(entry.path, chain: [], includedFrom: nil)
        state.attachRepeats()
        var out = state.extraction
        for entry in state.entries { out.add(entry.observation) }
        out.observations += state.constrainedBareNames()
        return out
    }
}

/// One parsed requirement with where it came from.
private struct Entry {
    var observation: PackageObservation
    var bare: Bool
    var isConstraint: Bool
}

private struct ParseState {
    let files: any FileReading
    var extraction = Extraction()
    var entries: [Entry] = []
    /// The shallowest include depth each file (per constraint mode) was parsed at. Re-parsing a
    /// file already seen at the same or a shallower depth adds nothing (its entries are kept
    /// already, and duplicates are merged later), and would make diamond-shaped includes
    /// exponential: 32 levels of "-r next.txt" twice per file is 2^32 parses.
    var parsedDepth: [String: Int] = [:]

    /// False when the top file was reached through a symbolic link, which can point anywhere.
    var quotesTopFile = true

    init(files: any FileReading) { self.files = files }

    var requirements: [PackageObservation] { entries.map(\.observation) }

    /// Entries by everything but their line: a line that repeats an earlier one exactly is
    /// recorded as a further line of that entry (``PackageObservation/alsoAt``), so 100,000
    /// identical pins cost one observation and 100,000 integers, not 100,000 observations.
    private var entryIndex: [String: Int] = [:]
    private var repeatLines: [Int: [Int]] = [:]

    mutating func addEntry(_ entry: Entry) {
        let o = entry.observation
        guard let line = o.location.line else { entries.append(entry); return }
        let key = [entry.bare ? "b" : "-", entry.isConstraint ? "c" : "-", o.location.path, o.name.raw, o.requirementText,
                   o.note ?? "", o.ecosystem, "\(o.origin)"].joined(separator: "\u{1F}")
        if let at = entryIndex[key] {
            if entries[at].observation.location.line != line { repeatLines[at, default: []].append(line) }
            return
        }
        entryIndex[key] = entries.count
        entries.append(entry)
    }

    /// Writes the repeated lines into their entries' observations (once, at the end).
    mutating func attachRepeats() {
        for (at, lines) in repeatLines { entries[at].observation.alsoAt = lines }
        repeatLines = [:]
        entryIndex = [:]
    }

    /// Bare names in requirement files judged by the constraints that pin them.
    func constrainedBareNames() -> [Observation] {
        var out: [Observation] = []
        let constraints = entries.filter { $0.isConstraint && !$0.bare }
        for entry in entries where entry.bare && !entry.isConstraint {
            for c in constraints where c.observation.name == entry.observation.name {
                var o = entry.observation
                o.requirement = c.observation.requirement
                o.requirementText = c.observation.requirementText
                o.note = "bare name constrained by \(c.observation.location.display)"
                out.append(.package(o))
            }
        }
        return out
    }

    mutating func parse(_ path: String, chain: [String], includedFrom: FileLocation?, constraint: Bool = false) {
        let stage = "requirements"
        if chain.contains(path) {
            let cycle = (chain + [path]).joined(separator: " -> ")
            extraction.issues.append(.error(includedFrom?.path ?? path, line: includedFrom?.line, stage: stage, "include cycle: \(cycle)"))
            return
        }
        if chain.count > RequirementsTxt.maxIncludeDepth {
            extraction.issues.append(.error(includedFrom?.path ?? path, line: includedFrom?.line, stage: stage,
                                            "includes nested deeper than \(RequirementsTxt.maxIncludeDepth) levels"))
            return
        }
        let key = (constraint ? "c:" : "r:") + path
        if let depth = parsedDepth[key], depth <= chain.count { return }
        parsedDepth[key] = chain.count
        let bytes: [UInt8]
        do {
            bytes = try files.read(path, limit: ReadLimits.manifest)
        } catch {
            if let from = includedFrom, error.isNotFound {
                extraction.issues.append(.error(from.path, line: from.line, stage: stage, "included file not found: \(path)"))
            } else {
                extraction.issues.append(.error(path, stage: stage, "cannot read: \(error.message)"))
            }
            return
        }
        extraction.filesRead.append(path)
        guard let (text, warnings) = TextDecoding.decode(bytes, path: path, stage: stage) else {
            extraction.issues.append(TextDecoding.binary(path, stage: stage))
            return
        }
        extraction.issues += warnings
        for line in RequirementsTxt.logicalLines(text) {
            handle(line.text, at: FileLocation(path: path, line: line.number), chain: chain + [path], constraint: constraint)
        }
    }

    private mutating func handle(_ text: String, at location: FileLocation, chain: [String], constraint: Bool) {
        if text.hasPrefix("-") {
            option(text, at: location, chain: chain, constraint: constraint)
            return
        }
        let (requirement, _) = RequirementsTxt.splitOptions(text)
        switch RequirementsTxt.observation(requirement, at: location) {
        case .success(let result?):
            addEntry(Entry(observation: result.observation, bare: result.bare, isConstraint: constraint))
        case .success(nil):
            break
        case .failure(let failure):
            let message = (chain.count > 1 || !quotesTopFile) ? "not a requirement (\(RequirementsTxt.unquoted))" : failure.message
            extraction.issues.append(ScanIssue(.error, location, stage: "requirements", message))
        }
    }

    private mutating func option(_ text: String, at location: FileLocation, chain: [String], constraint: Bool) {
        let (name, value) = RequirementsTxt.splitOption(text)
        let base = Paths.parent(of: location.path)
        switch name {
        case "-r", "--requirement", "-c", "--constraint":
            guard let value, !value.isEmpty else {
                extraction.issues.append(ScanIssue(.error, location, stage: "requirements", "\(name) needs a file name"))
                return
            }
            let isConstraint = constraint || name == "-c" || name == "--constraint"
            if let local = RequirementsTxt.localPath(value) {
                parse(Paths.resolve(local, against: base), chain: chain, includedFrom: location, constraint: isConstraint)
            } else {
                extraction.issues.append(ScanIssue(.warning, location, stage: "requirements",
                                                   "remote include \(Redact.credentials(value)) not fetched (litmus never uses the network)"))
            }
        case "-e", "--editable":
            guard let value else { return }
            let (requirement, _) = RequirementsTxt.splitOptions(value)
            if case .success(let result?) = RequirementsTxt.observation(requirement, at: location) {
                addEntry(Entry(observation: result.observation, bare: result.bare, isConstraint: constraint))
            }
        default:
            if !RequirementsTxt.knownOptions.contains(name) {
                let shown = (chain.count > 1 || !quotesTopFile) ? "(\(RequirementsTxt.unquoted))" : Redact.credentials(name)
                extraction.issues.append(ScanIssue(.warning, location, stage: "requirements", "unknown option \(shown) ignored"))
            }
        }
    }
}

extension RequirementsTxt {
    /// Why errors in included files name the line but never quote it: `-r /etc/shadow` in a
    /// hostile requirements file must not copy another file's content into a CI log.
    static let unquoted = "text not shown: an included file can be any file on the host"

    /// Options pip accepts in requirements files that carry no package information.
    static let knownOptions: Set<String> = [
        "-i", "--index-url", "--extra-index-url", "--no-index", "-f", "--find-links", "--pre",
        "--trusted-host", "--prefer-binary", "--require-hashes", "--only-binary", "--no-binary",
        "--use-feature", "-Z", "--always-unzip", "--config-settings", "--global-option", "--hash",
        "--install-option", "--no-deps", "--process-dependency-links", "--no-build-isolation",
    ]

    /// A logical line: continuations joined, comments removed, with its first physical line number.
    struct LogicalLine: Equatable {
        var text: String
        var number: Int
    }

    /// Splits text into logical lines as pip does: a line ending in `\` continues on the next;
    /// `#` at the start or after whitespace starts a comment. Works on UTF-8 bytes (every
    /// character that matters is ASCII): Character iteration made hashed pip-compile output
    /// parse at about 1 MB/s.
    static func logicalLines(_ text: String) -> [LogicalLine] {
        var copy = text
        return copy.withUTF8 { buf in
            var out: [LogicalLine] = []
            var pending: [UInt8] = []
            var start = 0
            var number = 0
            func finish(_ bytes: [UInt8]) {
                let kept = trimmed(stripComment(bytes))
                if !kept.isEmpty { out.append(LogicalLine(text: String(decoding: kept, as: UTF8.self), number: start)) }
            }
            var i = 0
            while true {
                var j = i
                while j < buf.count && buf[j] != 0x0A && buf[j] != 0x0D { j += 1 }
                number += 1
                if pending.isEmpty { start = number }
                let line = UnsafeBufferPointer(rebasing: buf[i..<j])
                if line.last == UInt8(ascii: "\\") && !isCommentLine(line) {
                    pending += line.dropLast()
                } else {
                    finish(pending + line)
                    pending = []
                }
                if j >= buf.count { break }
                i = buf[j] == 0x0D && j + 1 < buf.count && buf[j + 1] == 0x0A ? j + 2 : j + 1
            }
            if !pending.isEmpty { finish(pending) }
            return out
        }
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }

    private static func isCommentLine(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        line.first { !isSpace($0) } == UInt8(ascii: "#")
    }

    private static func stripComment(_ line: [UInt8]) -> ArraySlice<UInt8> {
        var previousIsSpace = true
        for (index, c) in line.enumerated() {
            if c == UInt8(ascii: "#") && previousIsSpace { return line[..<index] }
            previousIsSpace = c == 0x20 || c == 0x09
        }
        return line[...]
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else { return [] }
        return bytes[first...last]
    }

    /// pip's split: the requirement is the tokens before the first one starting with `-`.
    static func splitOptions(_ text: String) -> (String, String) {
        let tokens = text.split(separator: " ", omittingEmptySubsequences: true)
        guard let first = tokens.firstIndex(where: { $0.hasPrefix("-") }) else { return (text, "") }
        return (tokens[..<first].joined(separator: " "), tokens[first...].joined(separator: " "))
    }

    /// `-r file`, `-rfile`, `--requirement=file`, `--requirement file` → (name, value).
    static func splitOption(_ text: String) -> (String, String?) {
        if text.hasPrefix("--") {
            if let eq = text.firstIndex(of: "="), !text[..<eq].contains(" ") {
                return (String(text[..<eq]), String(text[text.index(after: eq)...]).trimmingSpaces)
            }
            let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
            return (parts[0], parts.count > 1 ? parts[1].trimmingSpaces : nil)
        }
        let flag = String(text.prefix(2))
        let rest = text.dropFirst(2).trimmingSpaces
        let value = rest.hasPrefix("=") ? String(rest.dropFirst()).trimmingSpaces : rest
        return (flag, value.isEmpty ? nil : value)
    }

    /// A local path for an include value (`file://` URLs included); nil for remote URLs.
    static func localPath(_ value: String) -> String? {
        if value.hasPrefix("file://") { return String(value.dropFirst(7)) }
        if value.contains("://") { return nil }
        return value
    }

    /// The observation for one requirement; nil for requirements without a package identity
    /// (a local directory), an error message when the line is not a requirement.
    static func observation(_ text: String, at location: FileLocation) -> Result<ParsedRequirement?, ParseMessage> {
        let beforeMarker = text.split(separator: ";", maxSplits: 1).first.map { String($0).trimmingSpaces } ?? text
        if looksLikePathOrURL(beforeMarker) {
            return .success(fileRequirement(beforeMarker, at: location))
        }
        let spec: RequirementSpec
        do { spec = try RequirementSpec(parsing: text) } catch { return .failure(ParseMessage("not a requirement: \(error.message)")) }
        let bare = spec.specifier.isEmpty && spec.url == nil
        return Requirements.observation(for: spec, at: location, origin: .declared).map { $0.map { ParsedRequirement(observation: $0, bare: bare) } }
    }

    private static func looksLikePathOrURL(_ text: String) -> Bool {
        if text.contains("://") && !text.contains("@") { return true }
        if text.hasPrefix(".") || text.hasPrefix("/") || text.hasPrefix("~") { return true }
        let lower = text.lowercased()
        return !text.contains(" ") && (lower.hasSuffix(".whl") || DistributionFilename.sdistSuffixes.contains { lower.hasSuffix($0) })
    }

    private static func fileRequirement(_ text: String, at location: FileLocation) -> ParsedRequirement? {
        if let file = DistributionFilename(text) {
            return ParsedRequirement(observation: PackageObservation(
                name: file.name, requirement: .version(file.version), requirementText: file.versionText,
                location: location, origin: .declared, note: "direct reference \(Redact.excerpt(text))"), bare: false)
        }
        if let egg = text.split(separator: "#").last?.split(separator: "&").first(where: { $0.hasPrefix("egg=") }) {
            let name = String(egg.dropFirst(4))
            guard PackageName.isValid(name) else { return nil }
            return ParsedRequirement(observation: PackageObservation(
                name: PackageName(name), requirement: .unconstrained, requirementText: "",
                location: location, origin: .declared), bare: true)
        }
        return nil
    }
}

/// A requirement line's observation, and whether it named the package bare (no version).
struct ParsedRequirement {
    var observation: PackageObservation
    var bare: Bool
}

/// A parse failure message (a `Result` needs an `Error`).
struct ParseMessage: Error, Sendable {
    var message: String
    init(_ message: String) { self.message = message }
}
