import Foundation
import Testing
@testable import LitmusAdvisories
@testable import LitmusCore
@testable import LitmusExtractors
@testable import LitmusModel

/// Credentials in URLs are removed where observations are made, so no format can print them,
/// and no message quotes more than an excerpt of an input line.
@Suite struct RedactionTests {
    static let secrets = ["FAKEINDEXTOKEN", "FAKEDEPLOYTOKEN", "FAKECREDENTIAL", "FAKESIGNATURE", "FAKEGITTOKEN", "FAKEPYPROJECTTOKEN"]

    @Test(arguments: ["text", "json", "sarif", "junit", "markdown"])
    func aTokenInAURLAppearsInNoFormat(format: String) throws {
        let paths = [Fixtures.path("requirements/url-credentials"), Fixtures.path("manifests/pyproject-url-credentials")]
        #expect(paths.allSatisfy(Fixtures.exists))
        let c = Captured()
        let code = CLI.run(["scan"] + paths + ["--format", format, "--no-config"], console: c.console())
        #expect(code == ExitCode.findings, "the pins behind the URLs still count")
        for secret in Self.secrets {
            #expect(!c.out.contains(secret) && !c.err.contains(secret), "\(secret) leaked in \(format)")
        }
        if format != "markdown" { #expect(c.out.contains("@gitlab.example.com"), "the evidence keeps the host") }
    }

    @Test func findingsFromRedactedURLsKeepTheirVersions() throws {
        let report = try Fixtures.scan([Fixtures.path("requirements/url-credentials"), Fixtures.path("manifests/pyproject-url-credentials")])
        #expect(report.summaries.filter { $0.hasPrefix("compromised-version") }.count == 3, "\(report.summaries)")
    }

    @Test(arguments: [
        ("https://user:tok@host/simple", "https://***@host/simple"),
        ("see https://a:b@h/x and http://c@d/y", "see https://***@h/x and http://***@d/y"),
        ("https://h/f.whl?private_token=abc&v=1#sha256=00", "https://h/f.whl?private_token=***&v=1#sha256=00"),
        ("https://h/f?X-Amz-Signature=s&X-Amz-Security-Token=t", "https://h/f?X-Amz-Signature=***&X-Amz-Security-Token=***"),
        ("git+ssh://git@github.com/o/r.git", "git+ssh://***@github.com/o/r.git"),
        ("https://h/a@b", "https://h/a@b"),
        ("https://h/?version=1", "https://h/?version=1"),
        ("no url: here", "no url: here"),
    ])
    func credentials(input: String, expected: String) {
        #expect(Redact.credentials(input) == expected)
    }

    @Test func messagesQuoteAtMostTwoHundredBytesOfALine() throws {
        let long = "litellm" + String(repeating: "%", count: 10_000) + "==1.82.8"
        let e = InMemory.extract(RequirementsTxt(), "requirements.txt", long + "\n")
        let error = try #require(InMemory.errors(e).first)
        #expect(error.message.utf8.count < Redact.excerptLimit + 120, "\(error.message.utf8.count) bytes")
        let pipfile = InMemory.extract(Pipfile(), "Pipfile", "[packages]\n\"\(String(repeating: "é", count: 500))\" = \"*\"\n")
        #expect(InMemory.errors(pipfile).allSatisfy { $0.message.utf8.count < Redact.excerptLimit + 60 })
        #expect(Redact.excerpt(String(repeating: "é", count: 500)).utf8.count <= Redact.excerptLimit + 3)
    }
}
