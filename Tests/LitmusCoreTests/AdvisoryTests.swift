import Foundation
import Testing
@testable import LitmusAdvisories
@testable import LitmusFormats
@testable import LitmusModel

@Suite struct AdvisoryTests {
    @Test func embeddedDataEqualsSeedsDirectory() throws {
        let dir = Fixtures.repo("seeds")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".json") }.sorted()
        #expect(!names.isEmpty, "seeds/ has no advisories")
        #expect(EmbeddedSeeds.files.map(\.name) == names, "run scripts/embed-seeds.sh")
        for seed in EmbeddedSeeds.files {
            let onDisk = try String(contentsOfFile: dir + "/" + seed.name, encoding: .utf8)
            #expect(seed.json == onDisk, "embedded \(seed.name) differs from seeds/\(seed.name): run scripts/embed-seeds.sh")
        }
    }

    @Test func liteLLMRecordCarriesEveryIdentifierVersionAndIndicator() throws {
        let db = try Fixtures.database()
        let a = try #require(db.advisory(named: "GHSA-5mg7-485q-xm76"))
        #expect(a.id == "MAL-2026-2144")
        for alias in ["PYSEC-2026-2", "GHSA-5mg7-485q-xm76", "GHSA-92x9-889m-jgmw"] { #expect(a.aliases.contains(alias)) }
        #expect(a.severity == .critical)
        let affected = try #require(a.affected.first)
        #expect(affected.name.normalized == "litellm")
        #expect(affected.versionTexts == ["1.82.7", "1.82.8"])
        #expect(affected.ranges.isEmpty, "the exact list, not a range, so 1.82.7.post1 or 1.82.8rc1 never match")
        let pth = try #require(a.fileIndicators.first { $0.name == "litellm_init.pth" })
        #expect(pth.sha256.map(Hex.encode) == "71e35aef03099cd1f2d6446734273025a163597de93912df321ef118bf135238")
        #expect(pth.size == 34628)
        #expect(pth.reportAlways)
        let proxy = try #require(a.fileIndicators.first { $0.name == "proxy_server.py" })
        #expect(proxy.pathSuffix == "litellm/proxy/proxy_server.py")
        #expect(proxy.sha256.map(Hex.encode) == "a0d229be8efcb2f9135e2ad55ba275b76ddcfeb55fa4370e0a522a5bdee0120b")
        #expect(a.persistenceIndicators.contains { $0.path == "~/.config/systemd/user/*.service" && $0.contains == "System Telemetry Service" })
        #expect(a.persistenceIndicators.contains { $0.path == "~/.config/sysmon/sysmon.py" })
        #expect(db.dataVersion == "2026-12-02")
    }

    @Test func recordDigestsInSeedsMatchTheirHexDigests() throws {
        // The seed carries both spellings; a typo in either would make RECORD matching miss.
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Fixtures.repo("seeds/MAL-2026-2144.json"))))
        let files = (((json as? [String: Any])?["database_specific"] as? [String: Any])?["litmus"] as? [String: Any])?["indicators"] as? [String: Any]
        let list = try #require(files?["files"] as? [[String: Any]])
        #expect(list.count == 2)
        for f in list {
            let hex = try #require(f["sha256"] as? String)
            let record = try #require(f["record_digest"] as? String)
            #expect("sha256=" + Base64URL.encode(try #require(Hex.decode(hex))) == record)
        }
    }

    @Test(arguments: [
        ("{", "not valid JSON"),
        ("[1]", "element 0 is not an object"),
        (#"{"modified": "2026-01-01T00:00:00Z"}"#, "missing \"id\""),
        (#"{"id": "x_A", "modified": "2026-01-01T00:00:00Z", "affected": [{"package": {"ecosystem": "PyPI", "name": "a"}, "versions": ["not a version!"]}]}"#, "not a PEP 440 version"),
        (#"{"id": "x_A", "modified": "2026-01-01T00:00:00Z", "database_specific": {"litmus": {"severity": "apocalyptic"}}}"#, "unknown severity"),
        (#"{"id": "x_A", "modified": "2026-01-01T00:00:00Z", "database_specific": {"litmus": {"indicators": {"files": [{"name": "a.pth", "sha256": "abc"}]}}}}"#, "not a SHA-256"),
    ])
    func badOSVFilesAreRejectedWithAReason(json: String, message: String) {
        #expect {
            _ = try OSVDecoder.decode(Array(json.utf8), source: "user.json")
        } throws: { error in
            guard let e = error as? AdvisoryLoadError else { return false }
            return e.description.contains(message) && e.description.contains("user.json")
        }
    }

    @Test func userAdvisoryWithRangesMatchesAndReplacesSameID() throws {
        let json = #"""
        [{"id": "x_DEMO-1", "modified": "2026-01-02T00:00:00Z", "summary": "demo",
          "affected": [{"package": {"ecosystem": "PyPI", "name": "Demo_Pkg"},
                        "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "2.0"}, {"fixed": "2.3"}]}]}]},
         {"id": "MAL-2026-2144", "modified": "2026-12-03T00:00:00Z", "summary": "replaced",
          "affected": [{"package": {"ecosystem": "PyPI", "name": "litellm"}, "versions": ["9.9.9"]}]}]
        """#
        let added = try OSVDecoder.decode(Array(json.utf8), source: "user.json")
        let db = try Fixtures.database().adding(added)
        let demo = try #require(db.affecting(PackageName("demo-pkg")).first)
        #expect(demo.package.contains(try Version("2.2.9")))
        #expect(!demo.package.contains(try Version("2.3")))
        #expect(!demo.package.contains(try Version("1.9")))
        #expect(db.advisory(named: "MAL-2026-2144")?.summary == "replaced")
        #expect(db.dataVersion == "2026-12-03")
    }

    @Test func lastAffectedAndLimitEventsFollowOSVSemantics() throws {
        let range = AffectedRange(events: [.introduced(nil), .lastAffected(try Version("1.5")), .limit(try Version("3.0"))])
        #expect(range.contains(try Version("0.1")))
        #expect(range.contains(try Version("1.5")))
        #expect(!range.contains(try Version("1.5.1")))
        #expect(!range.contains(try Version("3.1")))
    }
}
