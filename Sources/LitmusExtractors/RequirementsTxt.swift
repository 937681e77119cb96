import LitmusFormats
import LitmusModel
import LitmusSystem
import LitmusWalk

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
    /// Issues listed per file before only a count is given (a flood of bad lines stays bounded).
    static let maxIssuesPerFile = 100

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
    /// Issues noted per file (see ``note(_:)``).
    var issueCounts: [String: Int] = [:]

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
        var problems: [PipLineStream.Problem] = []
        var lines = 0
        let next = chain + [path]
        do {
            try PipLineStream.read(path, files: files, problems: &problems) { line in
                lines += 1
                if let variable = RequirementsTxt.environmentVariable(in: line.text) {
                    note(ScanIssue(.warning, FileLocation(path: path, line: line.number), stage: stage,
                                   "${\(variable)} is not expanded: pip would substitute the environment variable, litmus reads no environment"))
                }
                handle(line.text, at: FileLocation(path: path, line: line.number), chain: next, constraint: constraint)
            }
            extraction.filesRead.append(path)
        } catch {
            if lines == 0, let from = includedFrom, error.isNotFound {
                extraction.issues.append(.error(from.path, line: from.line, stage: stage, "included file not found: \(path)"))
            } else {
                extraction.issues.append(.error(path, stage: stage, "cannot read: \(error.message)"))
            }
        }
        for problem in problems {
            note(ScanIssue(problem.level, FileLocation(path: path, line: problem.line), stage: stage, problem.message))
        }
    }

    /// Adds an issue; past ``RequirementsTxt/maxIssuesPerFile`` for one file, only a count.
    private mutating func note(_ issue: ScanIssue) {
        let count = issueCounts[issue.location.path, default: 0]
        issueCounts[issue.location.path] = count + 1
        if count < RequirementsTxt.maxIssuesPerFile {
            extraction.issues.append(issue)
        } else if count == RequirementsTxt.maxIssuesPerFile {
            extraction.issues.append(ScanIssue(.error, FileLocation(path: issue.location.path), stage: issue.stage,
                                               "more than \(RequirementsTxt.maxIssuesPerFile) problems in this file; the rest are not listed"))
        }
    }

    /// pip's `handle_line`: a line with a requirement part is that requirement (its `-r`, `-c`
    /// and `-e` are ignored, as pip ignores them); else the first `-e`; else the first `-r`
    /// (never a constraint, even inside a constraints file), else the first `-c`.
    private mutating func handle(_ text: String, at location: FileLocation, chain: [String], constraint: Bool) {
        let hidden = chain.count > 1 || !quotesTopFile
        let line = PipOptionLine(text)
        if let error = line.error {
            let shown = hidden ? "(\(RequirementsTxt.unquoted))" : Redact.excerpt(error)
            note(ScanIssue(.warning, location, stage: "requirements", "pip refuses this file at this line: \(shown)"))
        }
        if !line.ignored.isEmpty {
            note(ScanIssue(.warning, location, stage: "requirements",
                           "\(line.ignored.count == 1 ? "a word" : "\(line.ignored.count) words") among the options ignored, as pip ignores them"))
        }
        if !line.args.isEmpty {
            if !(line.requirements + line.constraints + line.editables).isEmpty {
                note(ScanIssue(.warning, location, stage: "requirements", "-r/-c/-e on a requirement line ignored, as pip ignores them"))
            }
            requirement(line.args, at: location, hidden: hidden, constraint: constraint)
        } else if let editable = line.editables.first {
            // pip's parse_editable: a local project or a VCS URL, named by its `#egg=` fragment.
            if case .success(let result?) = RequirementsTxt.observation(editable, at: location) {
                addEntry(Entry(observation: result.observation, bare: result.bare, isConstraint: constraint))
            } else if let result = RequirementsTxt.fileRequirement(editable, at: location) {
                addEntry(Entry(observation: result.observation, bare: result.bare, isConstraint: constraint))
            }
        } else if let value = line.requirements.first ?? line.constraints.first {
            include(value, at: location, chain: chain, constraint: line.requirements.isEmpty)
        }
    }

    private mutating func requirement(_ text: String, at location: FileLocation, hidden: Bool, constraint: Bool) {
        switch RequirementsTxt.observation(text, at: location) {
        case .success(let result?):
            addEntry(Entry(observation: result.observation, bare: result.bare, isConstraint: constraint))
        case .success(nil):
            break
        case .failure(let failure):
            note(ScanIssue(.error, location, stage: "requirements", hidden ? "not a requirement (\(RequirementsTxt.unquoted))" : failure.message))
        }
    }

    private mutating func include(_ value: String, at location: FileLocation, chain: [String], constraint: Bool) {
        guard !value.isEmpty else {
            note(ScanIssue(.error, location, stage: "requirements", "-r/-c needs a file name"))
            return
        }
        if let local = RequirementsTxt.localPath(value) {
            parse(Paths.resolve(local, against: Paths.parent(of: location.path)), chain: chain, includedFrom: location, constraint: constraint)
        } else {
            note(ScanIssue(.warning, location, stage: "requirements",
                           "remote include \(Redact.credentials(value)) not fetched (litmus never uses the network)"))
        }
    }
}

extension RequirementsTxt {
    /// Why errors in included files name the line but never quote it: `-r /etc/shadow` in a
    /// hostile requirements file must not copy another file's content into a CI log.
    static let unquoted = "text not shown: an included file can be any file on the host"

    /// A logical line: continuations joined, comments removed, with its first physical line number.
    struct LogicalLine: Equatable {
        var text: String
        var number: Int
    }

    /// Splits text into logical lines as pip's `preprocess()` does (see ``PipLineStream``).
    static func logicalLines(_ text: String) -> [LogicalLine] {
        var assembler = PipLineStream.Assembler()
        var copy = text
        copy.withUTF8 { assembler.feed($0) }
        assembler.finish()
        return assembler.ready.map { LogicalLine(text: $0.text, number: $0.number) }
    }

    /// The first `${NAME}` (pip's `ENV_VAR_RE`: `[A-Z0-9_]+`) in `text`.
    @_optimize(speed)
    static func environmentVariable(in text: String) -> String? {
        guard text.utf8.contains(UInt8(ascii: "$")) else { return nil }
        let b = Array(text.utf8)
        var i = 0
        while i + 3 < b.count {
            if b[i] == UInt8(ascii: "$") && b[i + 1] == UInt8(ascii: "{") {
                var j = i + 2
                while j < b.count, (b[j] >= 0x41 && b[j] <= 0x5A) || (b[j] >= 0x30 && b[j] <= 0x39) || b[j] == 0x5F { j += 1 }
                if j > i + 2 && j < b.count && b[j] == UInt8(ascii: "}") { return String(decoding: b[(i + 2)..<j], as: UTF8.self) }
            }
            i += 1
        }
        return nil
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

    static func fileRequirement(_ text: String, at location: FileLocation) -> ParsedRequirement? {
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
