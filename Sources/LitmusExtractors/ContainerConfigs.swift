import LitmusFormats
import LitmusModel
import LitmusSystem
import LitmusWalk

/// CI and deployment files that name container images and run shell: compose files,
/// `.gitlab-ci.yml`, CircleCI's `.circleci/config.yml` and Kubernetes manifests.
///
/// - compose (`compose.yaml|yml`, `docker-compose.yaml|yml`, `docker-compose.*.yml`):
///   `services.*.image`.
/// - GitLab CI: `image` and `services` at the top level, under `default` and in every job
///   (a string or `{name: …}`); `script`, `before_script` and `after_script` through
///   ``ShellInstalls``; the note names the job's `variables`.
/// - CircleCI: `docker[].image` of every job and executor; `run` steps (a string or
///   `{command: …}`) through ``ShellInstalls``.
/// - Kubernetes (any other `.yaml`/`.yml` whose text has a top-level `apiVersion:` and `kind:`):
///   every `containers[].image`, `initContainers[].image` and `ephemeralContainers[].image`,
///   in every document. A file that looks like a manifest but does not parse (a Helm
///   template) is a warning.
public struct ContainerConfigs: Extractor {
    /// `container-config`.
    public let name = "container-config"

    enum Kind { case compose, gitlab, circleci, kubernetes }

    /// Creates the extractor.
    public init() {}

    static func kind(name: String, parentName: String) -> Kind? {
        if ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"].contains(name)
            || name.hasPrefix("docker-compose.") && (name.hasSuffix(".yml") || name.hasSuffix(".yaml")) { return .compose }
        if name == ".gitlab-ci.yml" || name == ".gitlab-ci.yaml" { return .gitlab }
        if parentName == ".circleci" && (name == "config.yml" || name == "config.yaml") { return .circleci }
        if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            // Names other extractors own are theirs.
            let owned = ["environment.yml", "environment.yaml", "conda-lock.yml", "conda-lock.yaml", ".pre-commit-config.yaml",
                         ".pre-commit-config.yml", "action.yml", "action.yaml"]
            if owned.contains(name) || name.hasSuffix(".conda-lock.yml") || parentName == "workflows" { return nil }
            return .kubernetes
        }
        return nil
    }

    /// See ``Extractor/claims(name:parentName:isDirectory:)``.
    public func claims(name: String, parentName: String, isDirectory: Bool) -> Bool {
        !isDirectory && Self.kind(name: name, parentName: parentName) != nil
    }

    /// See ``Extractor/extract(_:files:)``.
    public func extract(_ entry: FileEntry, files: any FileReading) -> Extraction {
        var out = Extraction()
        guard let kind = Self.kind(name: entry.name, parentName: entry.parentName) else { return out }
        if kind == .kubernetes {
            guard let bytes = try? files.read(entry.path, limit: ReadLimits.manifest), Self.looksLikeManifest(bytes) else { return out }
            out.filesRead.append(entry.path)
            do {
                for document in try YAMLSubset.parseDocuments(bytes) { kubernetes(document, path: entry.path, into: &out) }
            } catch {
                out.issues.append(.warning(entry.path, line: error.line, stage: name,
                                           "looks like a Kubernetes manifest but is not YAML litmus reads (a template?): \(error.message)"))
            }
            return out
        }
        guard let root = YAMLInput.document(entry.path, files: files, stage: name, into: &out) else { return out }
        let base = Paths.parent(of: entry.path)
        switch kind {
        case .compose:
            for service in root["services"]?.mappingEntries ?? [] {
                if let image = service.value["image"], let text = image.scalarValue {
                    PipelineSteps.container(text, line: image.line, path: entry.path, note: "compose service \(service.key)", into: &out)
                }
            }
        case .gitlab:
            gitlab(root, path: entry.path, base: base, files: files, into: &out)
        case .circleci:
            circleci(root, path: entry.path, base: Paths.parent(of: base), files: files, into: &out)
        case .kubernetes:
            break
        }
        return out
    }

    private static let gitlabKeywords: Set<String> = ["stages", "variables", "include", "workflow", "image", "services", "cache",
                                                      "before_script", "after_script", "default"]

    private func gitlab(_ root: YAMLNode, path: String, base: String, files: any FileReading, into out: inout Extraction) {
        let globalVariables = root["variables"]?.mappingEntries?.map(\.key) ?? []
        var scopes: [(String, YAMLNode)] = [("(global)", root)]
        if let d = root["default"] { scopes.append(("default", d)) }
        for entry in root.mappingEntries ?? [] where !Self.gitlabKeywords.contains(entry.key) && entry.value.mappingEntries != nil {
            scopes.append((entry.key, entry.value))
        }
        for (job, node) in scopes {
            let variables = globalVariables + (job == "(global)" ? [] : node["variables"]?.mappingEntries?.map(\.key) ?? [])
            var note = "GitLab job \(job)"
            if !variables.isEmpty { note += " can reach variables " + variables.joined(separator: ", ") + " and every CI/CD variable of the project" }
            for key in ["image"] { if let n = node[key] { gitlabImage(n, path: path, note: note, into: &out) } }
            for service in node["services"]?.sequenceItems ?? [] { gitlabImage(service, path: path, note: note, into: &out) }
            if job == "(global)" { continue }
            for key in ["before_script", "script", "after_script"] {
                guard let value = node[key] else { continue }
                for item in value.sequenceItems ?? [value] {
                    guard let script = item.scalarValue else { continue }
                    PipelineSteps.script(script, firstLine: PipelineSteps.firstLine(of: item), path: path, base: base, files: files, note: note, into: &out)
                }
            }
        }
    }

    private func gitlabImage(_ node: YAMLNode, path: String, note: String, into out: inout Extraction) {
        let value = node.scalarValue != nil ? node : node["name"]
        if let value, let text = value.scalarValue { PipelineSteps.container(text, line: value.line, path: path, note: note, into: &out) }
    }

    private func circleci(_ root: YAMLNode, path: String, base: String, files: any FileReading, into out: inout Extraction) {
        for section in ["jobs", "executors"] {
            for job in root[section]?.mappingEntries ?? [] {
                let note = "CircleCI \(section == "jobs" ? "job" : "executor") \(job.key); it can reach every environment variable of its contexts and project"
                for docker in job.value["docker"]?.sequenceItems ?? [] {
                    if let image = docker["image"], let text = image.scalarValue { PipelineSteps.container(text, line: image.line, path: path, note: note, into: &out) }
                }
                for step in job.value["steps"]?.sequenceItems ?? [] {
                    guard let run = step["run"] else { continue }
                    let command = run.scalarValue != nil ? run : run["command"]
                    if let command, let script = command.scalarValue {
                        PipelineSteps.script(script, firstLine: PipelineSteps.firstLine(of: command), path: path, base: base, files: files, note: note, into: &out)
                    }
                }
            }
        }
    }

    private func kubernetes(_ node: YAMLNode, path: String, into out: inout Extraction) {
        func visit(_ n: YAMLNode, depth: Int) {
            guard depth < 64 else { return }
            switch n {
            case .mapping(let entries, _):
                for entry in entries {
                    if ["containers", "initContainers", "ephemeralContainers"].contains(entry.key) {
                        for container in entry.value.sequenceItems ?? [] {
                            if let image = container["image"], let text = image.scalarValue {
                                PipelineSteps.container(text, line: image.line, path: path, note: "Kubernetes container \(container["name"]?.scalarValue ?? "")", into: &out)
                            }
                        }
                    } else {
                        visit(entry.value, depth: depth + 1)
                    }
                }
            case .sequence(let items, _): items.forEach { visit($0, depth: depth + 1) }
            default: break
            }
        }
        visit(node, depth: 0)
    }

    /// A top-level `apiVersion:` and `kind:` line.
    static func looksLikeManifest(_ bytes: [UInt8]) -> Bool {
        let text = String(decoding: bytes.prefix(1 << 20), as: UTF8.self)
        func has(_ key: String) -> Bool { text.hasPrefix(key) || text.contains("\n" + key) }
        return has("apiVersion:") && has("kind:")
    }
}
