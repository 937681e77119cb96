import LitmusFormats
import LitmusModel
import LitmusSystem
import LitmusWalk

/// `Dockerfile` / `Containerfile` (also `*.Dockerfile`, `*.dockerfile`, and `Dockerfile.WORD`
/// such as `Dockerfile.dev`, but not `Dockerfile.swift` or `Dockerfile.md`).
///
/// Instructions are joined across `\` continuations (or the `# escape=` character). `FROM IMAGE`
/// (after `--platform=…`) and `COPY --from=IMAGE` are container images unless they name an
/// earlier build stage or `scratch`; `RUN` commands (shell form, exec form, and heredoc bodies)
/// go through ``ShellInstalls``. A `-r FILE` is read from the build context (the Dockerfile's
/// directory) when the file is there; otherwise a warning says it cannot be resolved.
public struct Dockerfile: Extractor {
    /// `dockerfile`.
    public let name = "dockerfile"

    /// Creates the extractor.
    public init() {}

    /// See ``Extractor/claims(name:parentName:isDirectory:)``.
    public func claims(name: String, parentName: String, isDirectory: Bool) -> Bool {
        guard !isDirectory else { return false }
        if name == "Dockerfile" || name == "Containerfile" { return true }
        if name.hasSuffix(".Dockerfile") || name.hasSuffix(".dockerfile") { return true }
        for prefix in ["Dockerfile.", "Containerfile."] where name.hasPrefix(prefix) {
            // `Dockerfile.dev`, `Dockerfile.prod`: one word after the dot, and not a source file's extension.
            let suffix = name.dropFirst(prefix.count)
            return !suffix.isEmpty && suffix.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
                && !Self.notDockerfiles.contains(String(suffix.lowercased().prefix { $0 != "-" && $0 != "_" }))
        }
        return false
    }

    private static let notDockerfiles: Set<String> = ["swift", "swiftdeps", "dia", "o", "md", "txt", "json", "yml", "yaml", "sh",
                                                      "py", "go", "rs", "bak", "orig", "lock", "toml", "j2", "tpl", "template"]

    /// See ``Extractor/extract(_:files:)``.
    public func extract(_ entry: FileEntry, files: any FileReading) -> Extraction {
        var out = Extraction()
        guard let text = ManifestInput.text(entry.path, files: files, stage: name, into: &out) else { return out }
        let context = Paths.parent(of: entry.path)
        var stages = Set<String>()
        for instruction in Self.instructions(text) {
            let words = instruction.text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let keyword = words.first?.uppercased() else { continue }
            let args = Array(words.dropFirst())
            switch keyword {
            case "FROM":
                let operands = args.filter { !$0.hasPrefix("--") }
                guard let image = operands.first else { continue }
                if image.lowercased() != "scratch" && !stages.contains(image.lowercased()) {
                    PipelineSteps.container(image, line: instruction.line, path: entry.path, note: "FROM", into: &out)
                }
                if operands.count >= 3, operands[1].uppercased() == "AS" { stages.insert(operands[2].lowercased()) }
            case "COPY", "ADD":
                for arg in args where arg.hasPrefix("--from=") {
                    let source = String(arg.dropFirst(7))
                    if !stages.contains(source.lowercased()) && Int(source) == nil {
                        PipelineSteps.container(source, line: instruction.line, path: entry.path, note: "COPY --from", into: &out)
                    }
                }
            case "RUN":
                var body = instruction.text.drop { $0 != " " && $0 != "\t" }.trimmingSpaces
                while body.hasPrefix("--") { body = body.drop { $0 != " " }.trimmingSpaces }
                if body.hasPrefix("["), let script = Self.execForm(body) {
                    body = script
                } else if !escapeIsBackslash(instruction) {
                    // keep the joined text
                } else {
                    var first = instruction.raw.first.map { Substring($0) } ?? ""
                    first = first.drop { $0 != " " && $0 != "\t" }.drop { $0 == " " || $0 == "\t" }
                    while first.hasPrefix("--") { first = first.drop { $0 != " " }.drop { $0 == " " } }
                    body = ([String(first)] + instruction.raw.dropFirst()).joined(separator: "\n")
                }
                let script = body + (instruction.heredoc.map { "\n" + $0 } ?? "")
                PipelineSteps.script(script, firstLine: instruction.line, path: entry.path, base: context, files: files,
                                     note: "RUN in the image build", into: &out)
            default:
                break
            }
        }
        return out
    }

    /// One instruction: its joined text, first line, and a heredoc body if it has one.
    struct Instruction { var text: String; var line: Int; var heredoc: String?; var raw: [String] = [] }

    /// Joins continuation lines, drops comments, collects `<<EOF` heredoc bodies.
    static func instructions(_ text: String) -> [Instruction] {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" }).map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        var escape: Character = "\\"
        if let first = lines.first?.lowercased(), first.hasPrefix("# escape="), let c = first.dropFirst(9).first { escape = c }
        var out: [Instruction] = []
        var i = 0
        while i < lines.count {
            let line = lines[i]
            let trimmed = line.trimmingSpaces
            if trimmed.isEmpty || trimmed.hasPrefix("#") { i += 1; continue }
            var instruction = Instruction(text: "", line: i + 1, heredoc: nil)
            var current = trimmed
            instruction.raw = [trimmed]
            while current.last == escape {
                instruction.text += String(current.dropLast()) + " "
                i += 1
                while i < lines.count, lines[i].trimmingSpaces.hasPrefix("#") || lines[i].trimmingSpaces.isEmpty {
                    instruction.raw.append("\\")   // Docker drops the line; the shell still counts it
                    i += 1
                }
                current = i < lines.count ? lines[i].trimmingSpaces : ""
                instruction.raw.append(current)
            }
            instruction.text += current
            if let marker = instruction.text.firstRange(of: "<<") {
                var word = instruction.text[marker.upperBound...].prefix { $0 != " " && $0 != "\t" }
                if word.hasPrefix("-") { word = word.dropFirst() }
                let delimiter = String(word).filter { $0 != "\"" && $0 != "'" }
                if !delimiter.isEmpty, delimiter.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
                    var body: [String] = []
                    i += 1
                    while i < lines.count, lines[i].trimmingSpaces != delimiter { body.append(lines[i]); i += 1 }
                    instruction.heredoc = body.joined(separator: "\n")
                }
            }
            out.append(instruction)
            i += 1
        }
        return out
    }

    private func escapeIsBackslash(_ instruction: Instruction) -> Bool {
        instruction.raw.dropLast().allSatisfy { $0.hasSuffix("\\") }
    }

    /// `["sh", "-c", "pip install x"]` → `pip install x`; `["pip", "install", "x"]` → the words joined.
    private static func execForm(_ text: String) -> String? {
        var words: [String] = []
        var rest = Substring(text.dropFirst())
        while let open = rest.firstIndex(of: "\"") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "\"") else { return nil }
            words.append(String(after[..<close]))
            rest = after[after.index(after: close)...]
        }
        if words.count >= 3, ["sh", "/bin/sh", "bash", "/bin/bash"].contains(words[0]), words[1] == "-c" { return words[2] }
        return words.joined(separator: " ")
    }
}
