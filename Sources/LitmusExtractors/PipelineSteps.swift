import LitmusFormats
import LitmusModel
import LitmusSystem
import LitmusWalk

/// Observations shared by the CI and container extractors: action refs, container images and
/// the installs in shell steps, each at its line and with a note of what the job could reach.
enum PipelineSteps {
    /// `owner/repo[/path]@ref` of a `uses:`; local (`./x`) and `docker://` refs are not actions.
    static func action(_ uses: String, line: Int, path: String, note: String?, into out: inout Extraction) {
        let text = uses.trimmingSpaces
        if text.hasPrefix("docker://") {
            container(String(text.dropFirst(9)), line: line, path: path, note: note, into: &out)
            return
        }
        guard !text.hasPrefix("./"), let at = text.lastIndex(of: "@") else { return }
        let target = text[..<at]
        let ref = String(text[text.index(after: at)...])
        let parts = target.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 2, !parts[0].isEmpty, !parts[1].isEmpty, !ref.isEmpty else {
            out.issues.append(.error(path, line: line, stage: "pipeline", "\"uses: \(Redact.credentials(text))\" is not owner/repo@ref"))
            return
        }
        let name = "\(parts[0])/\(parts[1])"
        if ref.contains("${{") {
            out.issues.append(.warning(path, line: line, stage: "pipeline", "ref of \(name) is an expression; not evaluated"))
            return
        }
        out.add(PackageObservation(name: PackageName(name), requirement: .arbitrary(ref), requirementText: ref,
                                   location: FileLocation(path: path, line: line), origin: .declared,
                                   ecosystem: "GitHub Actions", note: note))
    }

    /// A container image reference; one observation for its tag and one for its digest.
    static func container(_ text: String, line: Int, path: String, note: String?, into out: inout Extraction) {
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty else { return }
        if trimmed.contains("$") {
            out.issues.append(.warning(path, line: line, stage: "pipeline", "image \(Redact.credentials(trimmed)) holds a variable; not evaluated"))
            return
        }
        // An image reference has no URL scheme (`https://user:token@host/img` is not one, and its
        // parts would carry the token into the inventory).
        guard !trimmed.contains("://"), let reference = ContainerReference(trimmed) else {
            out.issues.append(.error(path, line: line, stage: "pipeline", "not an image reference: \(Redact.credentials(trimmed))"))
            return
        }
        for ref in [reference.tag ?? (reference.digest == nil ? "latest" : nil), reference.digest].compactMap({ $0 }) {
            out.add(PackageObservation(name: PackageName(reference.repository), requirement: .arbitrary(ref), requirementText: ref,
                                       location: FileLocation(path: path, line: line), origin: .declared,
                                       ecosystem: EcosystemFamily.containerEcosystem, note: note))
        }
    }

    /// The installs of a shell script whose first line is `firstLine`; `-r` files are read
    /// relative to `base` when they exist there, else named in a warning.
    static func script(_ script: String, firstLine: Int, path: String, base: String, files: any FileReading,
                       note: String?, into out: inout Extraction) {
        for item in ShellInstalls.scan(script) {
            let line = firstLine + item.line
            let location = FileLocation(path: path, line: line)
            switch item.kind {
            case .python(let text):
                let itemNote = ["installed by \(item.tool)", note].compactMap { $0 }.joined(separator: "; ")
                switch RequirementsTxt.observation(text, at: location) {
                case .success(let parsed?):
                    var o = parsed.observation
                    o.note = [o.note, itemNote].compactMap { $0 }.joined(separator: "; ")
                    out.add(o)
                case .success(nil): break
                case .failure(let failure): out.issues.append(ScanIssue(.warning, location, stage: "pipeline", "\(item.tool) argument: \(failure.message)"))
                }
            case .include(let file):
                let resolved = Paths.resolve(file, against: base)
                if (try? files.size(resolved)) != nil {
                    out.merge(RequirementsTxt().extract(FileEntry(path: resolved, name: Paths.baseName(resolved),
                                                                  parentName: Paths.baseName(Paths.parent(of: resolved)), kind: .file), files: files))
                } else {
                    out.issues.append(ScanIssue(.warning, location, stage: "pipeline",
                                                "\(item.tool) -r \(Redact.credentials(file)) cannot be resolved: the file is not at \(resolved)"))
                }
            case .container(let image):
                container(image, line: line, path: path, note: note, into: &out)
            case .goModule(let module, let version):
                out.add(PackageObservation(name: PackageName(module), requirement: .arbitrary(version), requirementText: version,
                                           location: location, origin: .declared, ecosystem: "Go",
                                           note: ["\(item.tool)", note].compactMap { $0 }.joined(separator: "; ")))
            case .unresolved(let word):
                out.issues.append(ScanIssue(.warning, location, stage: "pipeline", "\(item.tool) argument \(Redact.credentials(word)) holds a variable; not evaluated"))
            }
        }
    }

    /// The first line of a scalar's text: a block scalar's content starts on the line after its key.
    static func firstLine(of node: YAMLNode) -> Int {
        guard let text = node.scalarValue, text.contains("\n") else { return node.line }
        return node.line + 1
    }

    /// The `secrets.NAME` references anywhere under `node`, sorted and unique.
    static func secretNames(in node: YAMLNode?) -> [String] {
        var names = Set<String>()
        func visit(_ n: YAMLNode) {
            switch n {
            case .scalar(let text, _): names.formUnion(secretReferences(text))
            case .sequence(let items, _): items.forEach(visit)
            case .mapping(let entries, _): entries.forEach { visit($0.value) }
            case .null: break
            }
        }
        if let node { visit(node) }
        return names.sorted()
    }

    private static func secretReferences(_ text: String) -> [String] {
        var out: [String] = []
        var rest = Substring(text)
        while let range = rest.firstRange(of: "secrets.") {
            let after = rest[range.upperBound...]
            let name = after.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
            if !name.isEmpty { out.append(String(name)) }
            rest = after
        }
        return out
    }
}
