import Testing
@testable import LitmusFormats
@testable import LitmusModel
@testable import LitmusRules

@Suite struct MatcherTests {
    private func match(_ name: String, _ requirement: Requirement, origin: Origin = .declared) throws -> [Finding] {
        let o = PackageObservation(name: PackageName(name), requirement: requirement, requirementText: "", location: FileLocation(path: "f", line: 1), origin: origin)
        return Matcher(database: try Fixtures.database()).findings(for: .package(o))
    }

    @Test(arguments: ["1.82.7", "1.82.8", "1.82.07", "v1.82.8", "1.82.8.0", "0!1.82.8"])
    func exactVersionsOfTheAdvisoryMatch(text: String) throws {
        let f = try match("LiteLLM", .version(try Version(text)), origin: .installed)
        #expect(f.map(\.kind) == [.compromisedVersion])
        #expect(f.first?.severity == .critical)
        #expect(f.first?.aliases.contains("PYSEC-2026-2") == true)
    }

    @Test(arguments: ["1.82.70", "1.82.7.post1", "1.82.7rc1", "1!1.82.8", "1.82.6", "1.83.0", "1.82.8.dev0", "1.82.8+local"])
    func nearVersionsDoNotMatch(text: String) throws {
        #expect(try match("litellm", .version(try Version(text))).isEmpty)
    }

    @Test func telnyxIsCoveredToo() throws {
        #expect(try match("telnyx", .version(try Version("4.87.2"))).map(\.advisoryID) == ["MAL-2026-2254"])
        #expect(try match("telnyx", .version(try Version("4.87.0"))).isEmpty)
    }

    @Test func arbitraryEqualityComparesStrings() throws {
        #expect(try match("litellm", .arbitrary("1.82.7")).count == 1)
        #expect(try match("litellm", .arbitrary("1.82.7.0")).isEmpty)
        #expect(try match("litellm", .unconstrained).isEmpty)
    }

    @Test func rangeEvidenceNamesTheAdmittedVersions() throws {
        var o = PackageObservation(name: PackageName("litellm"), requirement: .specifier(try SpecifierSet(">=1.82.8")),
                                   requirementText: ">=1.82.8", location: FileLocation(path: "f", line: 1), origin: .declared)
        let f = Matcher(database: try Fixtures.database()).findings(for: .package(o))
        #expect(f.map(\.evidence) == ["litellm>=1.82.8 admits compromised 1.82.8"])
        #expect(f.first?.remediation.contains("!=1.82.8") == true)
        o.requirement = .specifier(try SpecifierSet("==1.82.8"))
        #expect(Matcher(database: try Fixtures.database()).findings(for: .package(o)).map(\.kind) == [.compromisedVersion])
    }

    @Test func indicatorFileIsReportedWhateverItsContentAndSaysWhenTheHashMatches() throws {
        let db = try Fixtures.database()
        let payload = try #require(Hex.decode("71e35aef03099cd1f2d6446734273025a163597de93912df321ef118bf135238"))
        let exact = FileObservation(location: FileLocation(path: "sp/litellm_init.pth"), name: "litellm_init.pth", size: 34628, sha256: payload)
        let standIn = FileObservation(location: FileLocation(path: "sp/litellm_init.pth"), name: "litellm_init.pth", size: 9, sha256: SHA256.hash(Array("import os".utf8)))
        let m = Matcher(database: db)
        #expect(m.findings(for: .file(exact)).first?.evidence.contains("SHA-256 matches the published malicious file") == true)
        #expect(m.findings(for: .file(standIn)).first?.evidence.contains("differs from the published payload") == true)
        #expect(m.findings(for: .file(standIn)).map(\.severity) == [.critical])
        let proxyBad = try #require(Hex.decode("a0d229be8efcb2f9135e2ad55ba275b76ddcfeb55fa4370e0a522a5bdee0120b"))
        let bad = FileObservation(location: FileLocation(path: "sp/litellm/proxy/proxy_server.py"), name: "proxy_server.py", size: 1, sha256: proxyBad)
        let good = FileObservation(location: FileLocation(path: "sp/litellm/proxy/proxy_server.py"), name: "proxy_server.py", size: 1, sha256: [0])
        let elsewhere = FileObservation(location: FileLocation(path: "other/proxy_server.py"), name: "proxy_server.py", size: 1, sha256: proxyBad)
        #expect(m.findings(for: .file(bad)).map(\.kind) == [.knownBadHash])
        #expect(m.findings(for: .file(good)).isEmpty)
        #expect(m.findings(for: .file(elsewhere)).isEmpty)
    }
}
