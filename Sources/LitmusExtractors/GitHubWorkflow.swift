import LitmusFormats
import LitmusModel
import LitmusSystem
import LitmusWalk

/// GitHub Actions workflows (`.github/workflows/*.yml|yaml`) and composite or Docker actions
/// (`action.yml|yaml` anywhere).
///
/// Reads every `uses:` (steps, and jobs calling reusable workflows) as a `GitHub Actions`
/// observation of `owner/repo` at its ref; `docker://IMAGE`, `container:` and `services.*.image`
/// (and a Docker action's `runs.image`) as container images; `run:` steps through
/// ``ShellInstalls`` (pip/uv/pipx/poetry installs, trivy downloads; `-r` files relative to the
/// repository root); and the `version` input of actions that install trivy. Each observation
/// notes the secrets the job could reach: the `secrets.NAME` it references, the names of its
/// workflow-, job- and step-level `env`, `secrets: inherit`, and the automatic `GITHUB_TOKEN`
/// (names only, never values). Expression refs (`${{ … }}`) are warnings.
public struct GitHubWorkflow: Extractor {
    /// `github-workflow`.
    public let name = "github-workflow"

    /// Actions whose `with: version:` input picks the release of a Go module they install.
    static let installerActions: [String: String] = [
        "aquasecurity/trivy-action": "github.com/aquasecurity/trivy",
        "aquasecurity/setup-trivy": "github.com/aquasecurity/trivy",
    ]

    /// Creates the extractor.
    public init() {}

    /// See ``Extractor/claims(name:parentName:isDirectory:)``.
    public func claims(name: String, parentName: String, isDirectory: Bool) -> Bool {
        guard !isDirectory else { return false }
        if name == "action.yml" || name == "action.yaml" { return true }
        return parentName == "workflows" && (name.hasSuffix(".yml") || name.hasSuffix(".yaml"))
    }

    /// See ``Extractor/extract(_:files:)``.
    public func extract(_ entry: FileEntry, files: any FileReading) -> Extraction {
        var out = Extraction()
        let isAction = entry.name == "action.yml" || entry.name == "action.yaml"
        if !isAction && !entry.path.contains(".github/workflows/") && !entry.explicit { return out }
        guard let root = YAMLInput.document(entry.path, files: files, stage: name, into: &out) else { return out }
        let repoRoot = isAction ? Paths.parent(of: entry.path) : Paths.parent(of: Paths.parent(of: Paths.parent(of: entry.path)))
        if isAction {
            let runs = root["runs"]
            let note = "action \(Paths.baseName(Paths.parent(of: entry.path))); it reaches the secrets of every workflow that calls it"
            if let image = runs?["image"]?.scalarValue, image.hasPrefix("docker://") {
                PipelineSteps.container(String(image.dropFirst(9)), line: runs?["image"]?.line ?? 1, path: entry.path, note: note, into: &out)
            }
            steps(runs?["steps"], path: entry.path, base: repoRoot, files: files, note: note, into: &out)
            return out
        }
        let workflowEnv = root["env"]?.mappingEntries?.map(\.key) ?? []
        for job in root["jobs"]?.mappingEntries ?? [] {
            let note = reach(job: job, workflow: root, workflowEnv: workflowEnv)
            if let uses = job.value["uses"] {
                PipelineSteps.action(uses.scalarValue ?? "", line: uses.line, path: entry.path, note: note, into: &out)
            }
            if let container = job.value["container"] {
                image(container, path: entry.path, note: note, into: &out)
            }
            for service in job.value["services"]?.mappingEntries ?? [] {
                image(service.value, path: entry.path, note: note, into: &out)
            }
            steps(job.value["steps"], path: entry.path, base: repoRoot, files: files, note: note, into: &out)
        }
        return out
    }

    private func image(_ node: YAMLNode, path: String, note: String, into out: inout Extraction) {
        let value = node.scalarValue != nil ? node : node["image"]
        guard let value, let text = value.scalarValue else { return }
        PipelineSteps.container(text, line: value.line, path: path, note: note, into: &out)
    }

    private func steps(_ node: YAMLNode?, path: String, base: String, files: any FileReading, note: String, into out: inout Extraction) {
        for step in node?.sequenceItems ?? [] {
            var stepNote = note
            if let env = step["env"]?.mappingEntries, !env.isEmpty {
                stepNote += "; step env: " + env.map(\.key).joined(separator: ", ")
            }
            if let uses = step["uses"], let text = uses.scalarValue {
                PipelineSteps.action(text, line: uses.line, path: path, note: stepNote, into: &out)
                let action = String(text.split(separator: "@").first ?? "").lowercased()
                if let module = Self.installerActions[action], let version = step["with"]?["version"], let v = version.scalarValue,
                   v.hasPrefix("v") || v.first?.isNumber == true {
                    out.add(PackageObservation(name: PackageName(module), requirement: .arbitrary(v), requirementText: v,
                                               location: FileLocation(path: path, line: version.line), origin: .declared,
                                               ecosystem: "Go", note: "release installed by \(action)'s version input; \(stepNote)"))
                }
            }
            if let run = step["run"], let script = run.scalarValue {
                PipelineSteps.script(script, firstLine: PipelineSteps.firstLine(of: run), path: path, base: base, files: files,
                                     note: stepNote, into: &out)
            }
        }
    }

    /// "job NAME can reach secrets A, B and GITHUB_TOKEN; env: X, Y".
    private func reach(job: YAMLEntry, workflow: YAMLNode, workflowEnv: [String]) -> String {
        var secrets = Set(PipelineSteps.secretNames(in: job.value)).union(PipelineSteps.secretNames(in: workflow["env"]))
        secrets.insert("GITHUB_TOKEN")
        var text = "job \(job.key) can reach secrets " + secrets.sorted().joined(separator: ", ")
        if job.value["secrets"]?.scalarValue == "inherit" { text += " and every secret of the caller (secrets: inherit)" }
        let env = workflowEnv + (job.value["env"]?.mappingEntries?.map(\.key) ?? [])
        if !env.isEmpty { text += "; env: " + env.joined(separator: ", ") }
        return text
    }
}
