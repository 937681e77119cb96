import Testing
@testable import LitmusAdvisories
@testable import LitmusExtractors
@testable import LitmusFormats
@testable import LitmusModel
@testable import LitmusRules

/// Workflows, composite actions, Dockerfiles, CI configs, compose, Kubernetes and Go modules
/// against the Trivy advisory (GHSA-69fq-xp46-6x23) and the PyPI ones.
@Suite struct PipelineTests {
    static let trivy = "docker.io/aquasec/trivy"

    @Test(arguments: [
        ("pipelines/github-workflow", [
            "compromised-version aquasecurity/trivy-action ddb9da4475c1cef7d5389062bdfdfbdbd1394648 action.yml:6",
            "compromised-version litellm 1.82.7 action.yml:10",
            "compromised-version aquasecurity/trivy-action 0.20.0 security.yml:19",
            "compromised-version github.com/aquasecurity/trivy v0.69.4 security.yml:22",
            "compromised-version litellm 1.82.8 security.yml:28",
            "compromised-version github.com/aquasecurity/trivy v0.69.4 security.yml:30",
            "compromised-version \(trivy) 0.69.5 security.yml:36",
            "compromised-version aquasecurity/setup-trivy v0.2.4 security.yml:41",
            "compromised-version \(trivy) 0.69.5 security.yml:45",
        ]),
        ("pipelines/dockerfile", [
            "compromised-version litellm 1.82.8 Dockerfile:6",
            "compromised-version litellm 1.82.8 Dockerfile:8",
            "compromised-version litellm 1.82.8 Dockerfile:9",
            "compromised-version \(trivy) 0.69.4 Dockerfile:12",
            "compromised-version ghcr.io/aquasecurity/trivy 0.69.4 Dockerfile:16",
            "compromised-version litellm 1.82.8 Dockerfile:17",
            "compromised-version litellm 1.82.8 requirements.txt:1",
        ]),
        ("pipelines/gitlab-ci", [
            "compromised-version litellm 1.82.8 .gitlab-ci.yml:9",
            "compromised-version \(trivy) 0.69.6 .gitlab-ci.yml:22",
            "compromised-version litellm 1.82.8 .gitlab-ci.yml:29",
        ]),
        ("pipelines/circleci", [
            "compromised-version \(trivy) 0.69.4 config.yml:6",
            "compromised-version litellm 1.82.7 config.yml:17",
            "compromised-version github.com/aquasecurity/trivy v0.69.4 config.yml:18",
        ]),
        ("pipelines/github-workflow-checkmarx", ["compromised-version checkmarx/ast-github-action 2.3.28 sast.yml:21"]),
        ("pipelines/compose", ["compromised-version \(trivy) 0.69.5 compose.yaml:7"]),
        ("pipelines/kubernetes", [
            "compromised-version \(trivy) 0.69.4 scan-job.yaml:13",
            "compromised-version \(trivy) sha256:425cd3e1a2846ac73944e891250377d2b03653e6f028833e30fc00c1abbc6d33 scan-job.yaml:24",
        ]),
        ("pipelines/go-module", [
            "compromised-version github.com/aquasecurity/trivy v0.69.4 go.mod:6",
            "compromised-version github.com/aquasecurity/trivy v0.69.4 go.sum:1",
            "compromised-version github.com/aquasecurity/trivy v0.69.4 go.sum:2",
        ]),
    ])
    func fixturePair(_ dir: String, _ expected: [String]) throws {
        let compromised = try Fixtures.scan(fixture: dir + "/compromised")
        #expect(Fixtures.summary(compromised) == expected)
        #expect(Fixtures.errors(compromised).isEmpty)
        let clean = try Fixtures.scan(fixture: dir + "/clean")
        #expect(clean.findings.isEmpty)
        #expect(Fixtures.errors(clean).isEmpty)
    }

    @Test func dockerfileIncludeOutsideTheContextIsAWarning() throws {
        let report = try Fixtures.scan(fixture: "pipelines/dockerfile/clean")
        #expect(report.issues.map { "\($0.level) \($0.location.line ?? 0)" } == ["warning 10"])
        #expect(report.issues.first?.message.contains("requirements-missing.txt cannot be resolved") == true)
    }

    @Test func findingsNameTheWindowAndTheSecretsNeverTheirValues() throws {
        let report = try Fixtures.scan(fixture: "pipelines/github-workflow/compromised")
        let action = try #require(report.findings.first { $0.version == "0.20.0" })
        #expect(action.evidence.contains("2026-03-19 ~17:43 to 2026-03-20 ~05:40 UTC"))
        #expect(action.evidence.contains("secrets GITHUB_TOKEN, REGISTRY_USER"))
        #expect(action.evidence.contains("step env: TRIVY_USERNAME"))
        #expect(!action.evidence.contains("${{"))
        #expect(action.remediation.contains("0.35.0"))
        #expect(action.remediation.contains("rotate"))
        let image = try #require(report.findings.first { $0.version == "0.69.5" })
        #expect(image.evidence.contains("PYPI_TOKEN"))
    }

    /// Every form a `uses:` ref takes, against the advisory.
    @Test(arguments: [
        ("aquasecurity/trivy-action@0.20.0", "compromised-version"),         // un-prefixed, hijacked
        ("aquasecurity/trivy-action@0.0.1", "compromised-version"),
        ("aquasecurity/trivy-action@0.34.2", "compromised-version"),
        ("AquaSecurity/Trivy-Action@0.28.0", "compromised-version"),         // owner/repo case-insensitive
        ("aquasecurity/trivy-action@0.35.0", nil),                           // immutable release, safe
        ("aquasecurity/trivy-action@v0.20.0", nil),                          // v-prefixed, restored on the legitimate commit
        ("aquasecurity/trivy-action@v0.34.0", nil),
        ("aquasecurity/trivy-action@v0.0.10", "ref-unresolvable"),           // never restored
        ("aquasecurity/trivy-action@v0.34.1", "ref-unresolvable"),
        ("aquasecurity/trivy-action@v0.34.2", "ref-unresolvable"),
        ("aquasecurity/trivy-action@9092287c0339a8102f91c5a257a7e27625d9d029", "compromised-version"), // malicious SHA
        ("aquasecurity/trivy-action@9092287C0339A8102F91C5A257A7E27625D9D029", "compromised-version"),
        ("aquasecurity/trivy-action@57a97c7e7821a5776cebc9bb87c984fa69cba8f1", nil),                    // another SHA
        ("aquasecurity/trivy-action@master", nil),                           // branch
        ("aquasecurity/trivy-action@main", nil),
        ("aquasecurity/setup-trivy@v0.2.0", "compromised-version"),
        ("aquasecurity/setup-trivy@v0.2.5", "compromised-version"),
        ("aquasecurity/setup-trivy@v0.2.6", nil),                            // re-created safe
        ("aquasecurity/setup-trivy@e6c2c5e321ed9123bda567646e2f96565e34abe1", "compromised-version"),
        ("aquasecurity/setup-trivy@0.2.3", nil),                             // no such tag
        ("actions/checkout@v4", nil),
        ("someone/trivy-action@0.20.0", nil),                                // look-alike owner
        ("aquasecurity/trivy-action/sub/path@0.24.0", "compromised-version"),
    ])
    func tagForms(_ uses: String, _ kind: String?) throws {
        var e = Extraction()
        PipelineSteps.action(uses, line: 3, path: "w.yml", note: nil, into: &e)
        let kinds = try InMemory.findings(e).map(\.kind.rawValue)
        #expect(kinds == (kind.map { [$0] } ?? []))
        #expect(e.issues.isEmpty)
    }

    /// The Checkmarx advisory (x_TEAMPCP-CHECKMARX-2026-03): only the multi-source tag 2.3.28 of
    /// ast-github-action; no malicious SHA is multi-source, and kics refs are not matched.
    @Test(arguments: [
        ("checkmarx/ast-github-action@2.3.28", "compromised-version"),        // the hijacked tag
        ("Checkmarx/AST-GitHub-Action@2.3.28", "compromised-version"),        // owner/repo case-insensitive
        ("checkmarx/ast-github-action/sub/path@2.3.28", "compromised-version"),
        ("checkmarx/ast-github-action@2.3.27", nil),                          // neighbours
        ("checkmarx/ast-github-action@2.3.29", nil),
        ("checkmarx/ast-github-action@v2.3.28", nil),                         // a different ref (the tags are un-prefixed)
        ("checkmarx/ast-github-action@2.3.28.1", nil),
        ("checkmarx/ast-github-action@main", nil),                            // branch
        ("checkmarx/ast-github-action@8e887bb93dacc44e0f5b64ee2b06d5815f89d4fc", nil), // a SHA: none is multi-source
        ("checkmarx/kics-github-action@v2.1.3", nil),                         // kics: tag set not established
        ("checkmarx/kics-github-action@2.3.28", nil),
        ("someone/ast-github-action@2.3.28", nil),                            // look-alike owner
    ])
    func checkmarxTagForms(_ uses: String, _ kind: String?) throws {
        var e = Extraction()
        PipelineSteps.action(uses, line: 3, path: "w.yml", note: nil, into: &e)
        let findings = try InMemory.findings(e)
        #expect(findings.map(\.kind.rawValue) == (kind.map { [$0] } ?? []))
        #expect(findings.allSatisfy { $0.advisoryID == "x_TEAMPCP-CHECKMARX-2026-03" })
        #expect(e.issues.isEmpty)
    }

    @Test func checkmarxFindingNamesTheWindowSecretsAndRemediation() throws {
        let report = try Fixtures.scan(fixture: "pipelines/github-workflow-checkmarx/compromised")
        let f = try #require(report.findings.first)
        #expect(f.severity == .critical)
        #expect(f.evidence.contains("2026-03-23 12:58 to 16:50 UTC"))
        #expect(f.evidence.contains("CX_CLIENT_SECRET"))
        #expect(f.evidence.contains("CX_TENANT"))
        #expect(!f.evidence.contains("${{"))
        #expect(f.remediation.contains("full commit SHA"))
        #expect(f.remediation.contains("rotate"))
    }

    @Test(arguments: [
        ("aquasec/trivy:0.69.4", true), ("docker.io/aquasec/trivy:0.69.5", true), ("index.docker.io/aquasec/trivy:0.69.6", true),
        ("aquasec/trivy:0.69.3", false), ("aquasec/trivy", false), ("aquasec/trivy:latest", false),
        ("aquasec/trivy@sha256:27f446230c60bbf0b70e008db798bd4f33b7826f9f76f756606f5417100beef3", true),
        ("aquasec/trivy:0.69.3@sha256:5aaa1d7cfa9ca4649d6ffad165435c519dc836fa6e21b729a2174ad10b057d2b", true),
        ("ghcr.io/aquasecurity/trivy:0.69.4", true), ("ghcr.io/aquasecurity/trivy:0.69.5", false),
        ("public.ecr.aws/aquasecurity/trivy:0.69.4", true), ("quay.io/aquasec/trivy:0.69.4", false),
        ("trivy:0.69.4", false), ("registry.local:5000/aquasec/trivy:0.69.4", false),
    ])
    func containerReferences(_ image: String, _ affected: Bool) throws {
        var e = Extraction()
        PipelineSteps.container(image, line: 1, path: "Dockerfile", note: nil, into: &e)
        #expect(try !InMemory.findings(e).isEmpty == affected)
    }

    @Test func ecosystemsNeverMeet() throws {
        let database = try AdvisoryDatabase.embedded()
        #expect(database.affecting(ecosystem: "PyPI", name: "github.com/aquasecurity/trivy").isEmpty)
        #expect(database.affecting(ecosystem: "Go", name: "litellm").isEmpty)
        #expect(database.affecting(ecosystem: "GitHub Actions", name: "litellm").isEmpty)
        #expect(database.affecting(ecosystem: "npm", name: "aquasecurity/trivy-action").isEmpty)
        #expect(database.affecting(ecosystem: "Go", name: "github.com/aquasecurity/trivy").count == 1)
        #expect(database.affecting(ecosystem: "conda", name: "LiteLLM").count == 1)
        let go = PackageObservation(name: PackageName("github.com/aquasecurity/trivy"), requirement: .arbitrary("0.69.4"),
                                    requirementText: "0.69.4", location: FileLocation(path: "x"), origin: .declared, ecosystem: "PyPI")
        #expect(Matcher(database: database).findings(for: .package(go)).isEmpty)
    }

    @Test func shellInstallForms() {
        let items = ShellInstalls.scan("""
            sudo -E pip3 install --upgrade -i https://mirror/simple litellm==1.82.8 'httpx>=0.27'
            python3 -m pip install -r req.txt --constraint=c.txt && uv pip install --system "litellm[proxy]==1.82.7"
            pipx inject myenv litellm==1.82.8; poetry add litellm@1.82.8
            pip install litellm==$VERSION # not evaluated
            docker run --rm aquasec/trivy:0.69.4 image x | tee out
            go install github.com/aquasecurity/trivy/cmd/trivy@v0.69.4
            wget https://github.com/aquasecurity/trivy/releases/download/v0.69.4/trivy_0.69.4_Linux-64bit.tar.gz
            """)
        #expect(items.map { "\($0.kind) \($0.line)" } == [
            "python(\"litellm==1.82.8\") 0", "python(\"httpx>=0.27\") 0",
            "include(\"req.txt\") 1", "include(\"c.txt\") 1", "python(\"litellm[proxy]==1.82.7\") 1",
            "python(\"litellm==1.82.8\") 2", "python(\"litellm==1.82.8\") 2",
            "unresolved(\"litellm==$VERSION\") 3",
            "container(\"aquasec/trivy:0.69.4\") 4",
            "goModule(\"github.com/aquasecurity/trivy\", \"v0.69.4\") 5",
            "goModule(\"github.com/aquasecurity/trivy\", \"v0.69.4\") 6",
        ])
    }

    @Test func claims() {
        #expect(GitHubWorkflow().claims(name: "ci.yml", parentName: "workflows", isDirectory: false))
        #expect(GitHubWorkflow().claims(name: "action.yaml", parentName: "x", isDirectory: false))
        #expect(!GitHubWorkflow().claims(name: "ci.yml.disabled", parentName: "workflows", isDirectory: false))
        #expect(Dockerfile().claims(name: "Dockerfile", parentName: "x", isDirectory: false))
        #expect(Dockerfile().claims(name: "api.Dockerfile", parentName: "x", isDirectory: false))
        #expect(Dockerfile().claims(name: "Containerfile", parentName: "x", isDirectory: false))
        #expect(!Dockerfile().claims(name: "Dockerfile", parentName: "x", isDirectory: true))
        #expect(!Dockerfile().claims(name: "dockerfile.md", parentName: "x", isDirectory: false))
        #expect(Dockerfile().claims(name: "Dockerfile.dev", parentName: "x", isDirectory: false))
        #expect(!Dockerfile().claims(name: "Dockerfile.swift", parentName: "x", isDirectory: false))
        #expect(!Dockerfile().claims(name: "Dockerfile.swift.o", parentName: "x", isDirectory: false))
        #expect(!Dockerfile().claims(name: "Dockerfile.swift-N5M7BK40QZ0H", parentName: "x", isDirectory: false))
        #expect(GoModule().claims(name: "go.sum", parentName: "x", isDirectory: false))
        #expect(!GoModule().claims(name: "go.mod.bak", parentName: "x", isDirectory: false))
        #expect(ContainerConfigs().claims(name: ".gitlab-ci.yml", parentName: "x", isDirectory: false))
        #expect(!ContainerConfigs().claims(name: "environment.yml", parentName: "x", isDirectory: false))
        #expect(!ContainerConfigs().claims(name: "ci.yml", parentName: "workflows", isDirectory: false))
    }

    @Test func kubernetesTemplatesAreWarnings() {
        let e = InMemory.extract(ContainerConfigs(), "deploy.yaml", "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - image: {{ .Values.image }}\n")
        #expect(InMemory.warnings(e).count == 1)
        #expect(InMemory.errors(e).isEmpty)
        #expect(InMemory.extract(ContainerConfigs(), "values.yaml", "image: aquasec/trivy:0.69.4\n").observations.isEmpty)
    }
}

@Suite struct TrivyBinaryIndicatorTests {
    /// A file on disk whose SHA-256 is a published v0.69.4 artifact is a known-bad-hash finding,
    /// under the release file name or renamed to `trivy`; another hash is not reported.
    @Test(arguments: [
        ("trivy", "822dd269ec10459572dfaaefe163dae693c344249a0161953f0d5cdd110bd2a0", true),
        ("trivy_0.69.4_Linux-64bit.tar.gz", "385d498d18a3a7c67878ca7322716f9da25683eb1a4bf9e9592da0d5f2ab09f6", true),
        ("trivy", "385d498d18a3a7c67878ca7322716f9da25683eb1a4bf9e9592da0d5f2ab09f6", false),
        ("trivy", "0000000000000000000000000000000000000000000000000000000000000000", false),
    ])
    func publishedHashes(_ name: String, _ hex: String, _ reported: Bool) throws {
        let file = FileObservation(location: FileLocation(path: "/usr/local/bin/" + name), name: name, size: 1, sha256: Hex.decode(hex))
        let findings = Matcher(database: try AdvisoryDatabase.embedded()).findings(for: .file(file))
        #expect(findings.map(\.kind) == (reported ? [.knownBadHash] : []))
        #expect(findings.allSatisfy { $0.advisoryID == "GHSA-69fq-xp46-6x23" })
    }
}
