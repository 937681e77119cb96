import Testing
@testable import LitmusModel

struct VersionTests {
    @Test func conformanceVersions() throws {
        let rows = try ConformanceFiles.tsvRows("pep440/versions.tsv")
        var failures: [String] = []
        for row in rows {
            guard row.count == 5 else {
                failures.append("malformed row \(row)")
                continue
            }
            let (input, valid, normalized, publicPart, prerelease) = (row[0], row[1], row[2], row[3], row[4])
            let version = Version.parse(input)
            if valid == "0" {
                if let version { failures.append("\(input.debugDescription): accepted as \(version), expected invalid") }
                continue
            }
            guard let version else {
                failures.append("\(input.debugDescription): rejected, expected \(normalized)")
                continue
            }
            let got = [version.description, version.publicVersion, version.isPrerelease ? "1" : "0"]
            if got != [normalized, publicPart, prerelease] {
                failures.append("\(input.debugDescription): got \(got), expected \([normalized, publicPart, prerelease])")
            }
        }
        ConformanceFiles.report("pep440 versions.tsv", rows: rows.count, failures: failures)
    }

    @Test func conformanceCompare() throws {
        let rows = try ConformanceFiles.tsvRows("pep440/compare.tsv")
        var failures: [String] = []
        for row in rows {
            guard row.count == 3, let a = Version.parse(row[0]), let b = Version.parse(row[1]), let sign = Int(row[2]) else {
                failures.append("unusable row \(row)")
                continue
            }
            let order = Version.compare(a, b)
            let consistent = (a == b) == (order == 0) && (a < b) == (order < 0) && (a.hashValue == b.hashValue || order != 0)
            if order != sign || !consistent {
                failures.append("cmp(\(row[0].debugDescription), \(row[1].debugDescription)) = \(order), expected \(sign)")
            }
        }
        ConformanceFiles.report("pep440 compare.tsv", rows: rows.count, failures: failures)
    }

    @Test func leadingZerosAreInsignificant() throws {
        #expect(try Version("1.82.07") == Version("1.82.7"))
        #expect(try Version("01.082.007").description == "1.82.7")
    }

    @Test func trailingZerosAreInsignificantButKeptInText() throws {
        #expect(try Version("1.82.7.0") == Version("1.82.7"))
        #expect(try Version("1.82.7.0").hashValue == Version("1.82.7").hashValue)
        #expect(try Version("1.82.7.0").description == "1.82.7.0")
    }

    @Test func vPrefixIsAccepted() throws {
        let version = try Version("v1.82.8")
        #expect(version == (try Version("1.82.8")))
        #expect(version.description == "1.82.8")
        #expect(version.text == "v1.82.8")
    }

    @Test func epochDistinguishesVersions() throws {
        #expect(try Version("1!1.82.8") != Version("1.82.8"))
        #expect(try Version("1!1.82.8") > Version("9999.0"))
        #expect(try Version("0!1.82.8") == Version("1.82.8"))
    }

    @Test func componentsCompareNumerically() throws {
        #expect(try Version("1.82.70") > Version("1.82.7"))
        #expect(try Version("1.82.10") > Version("1.82.9"))
    }

    @Test(arguments: ["1.82.7.post1", "1.82.7rc1", "1.82.7.dev0", "1.82.7+local", "1.82.7a1"])
    func suffixedVersionsAreNotTheRelease(text: String) throws {
        #expect(try Version(text) != Version("1.82.7"))
    }

    @Test func segmentFlags() throws {
        let post = try Version("1.82.7.post1")
        #expect(post.isPostrelease && !post.isPrerelease && !post.isDevrelease)
        let candidate = try Version("1.82.7rc1")
        #expect(candidate.isPrerelease && !candidate.isPostrelease)
        let dev = try Version("1.82.8.dev0")
        #expect(dev.isPrerelease && dev.isDevrelease)
        #expect(try Version("1!1.2rc1.post3.dev4+Ubuntu-1").baseVersion == "1!1.2")
        #expect(try Version("1.2+Ubuntu-01").localLabel == "ubuntu.1")
    }

    @Test func fortyDigitComponentNeverOverflows() throws {
        let forty = String(repeating: "9", count: 40)
        let version = try Version("1.\(forty).0")
        #expect(version.release == ["1", forty, "0"])
        #expect(version.description == "1.\(forty).0")
        #expect(version > (try Version("1.\(String(repeating: "9", count: 39))")))
        #expect(version < (try Version("1.1\(String(repeating: "0", count: 40))")))
        #expect(try Version("000\(forty)") == Version(forty))
        #expect(try Version("\(forty)!1").epoch == forty)
    }

    @Test(arguments: [
        "", " ", "1..2", "1.0+", "\u{661}.\u{660}", "1.0+\u{130}", "1.0+ab\u{2D}", "latest", ".1", "1.",
        "1.0.", "v", "1!", "!1", "1.0-", "1.0a1a1", "1.0 1", "1.0+a..b", "1.0.*", "1.0\u{0}",
        String(repeating: "1.x-", count: 10_000), String(repeating: "\u{1F600}", count: 1_000),
    ])
    func invalidInputsThrow(text: String) {
        #expect(throws: InvalidVersion.self) { try Version(text) }
        #expect(Version.parse(text) == nil)
    }

    @Test func veryLongValidVersionParses() throws {
        let long = Array(repeating: "123", count: 5_000).joined(separator: ".")
        #expect(try Version(long).release.count == 5_000)
    }

    @Test func invalidVersionMessageQuotesInput() {
        #expect(InvalidVersion(text: "latest").description == "Invalid version: 'latest'")
    }
}
