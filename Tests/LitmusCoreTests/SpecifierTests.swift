import Testing
@testable import LitmusModel

struct SpecifierTests {
    @Test func conformanceSpecifiers() throws {
        let rows = try ConformanceFiles.tsvRows("pep440/specifiers.tsv")
        var failures: [String] = []
        for row in rows {
            guard row.count == 4 else {
                failures.append("malformed row \(row)")
                continue
            }
            if let failure = check(spec: row[0], version: row[1], byDefault: row[2], withPrereleases: row[3]) {
                failures.append(failure)
            }
        }
        ConformanceFiles.report("pep440 specifiers.tsv", rows: rows.count, failures: failures)
    }

    /// One `specifiers.tsv` row: nil when it passes, else what went wrong.
    private func check(spec: String, version: String, byDefault: String, withPrereleases: String) -> String? {
        let parsed = Result { () throws(InvalidSpecifier) in try SpecifierSet(spec) }
        if byDefault == "INVALID" {
            if case .success = parsed { return "\(spec.debugDescription): accepted, expected INVALID" }
            return nil
        }
        guard case let .success(set) = parsed else { return "\(spec.debugDescription): rejected, expected valid" }
        let got = [set.contains(version), set.contains(version, prereleases: true)].map { $0 ? "1" : "0" }
        let expected = [byDefault, withPrereleases]
        return got == expected ? nil : "\(spec) contains \(version.debugDescription): got \(got), expected \(expected)"
    }

    private func versions(_ texts: String...) throws -> [Version] {
        try texts.map { text throws(InvalidVersion) in try Version(text) }
    }

    @Test(arguments: [
        ("==1.82.7", "1.82.7"), ("===1.82.7", "1.82.7"), ("== 1.82.07", "1.82.7"),
        ("==1.82.7, >=1.0", "1.82.7"), ("==1.82.7+local", "1.82.7+local"),
    ])
    func exactPin(spec: String, pinned: String) throws {
        #expect(try SpecifierSet(spec).exactPin == Version(pinned))
    }

    @Test(arguments: ["==1.82.*", ">=1.80", "", "~=1.82.7", "===latest", "==1.82.7,!=1.82.7", "<=1.82.7"])
    func noExactPin(spec: String) throws {
        #expect(try SpecifierSet(spec).exactPin == nil)
    }

    @Test func admitsAnyOfTheCompromisedReleases() throws {
        let compromised = try versions("1.82.7", "1.82.8")
        #expect(try SpecifierSet(">=1.80").admitsAny(of: compromised) == compromised)
        #expect(try SpecifierSet("~=1.82.0").admitsAny(of: compromised) == compromised)
        #expect(try SpecifierSet("<=1.82.8").admitsAny(of: compromised) == compromised)
        #expect(try SpecifierSet("!=1.82.7,!=1.82.8,>=1.80").admitsAny(of: compromised).isEmpty)
        #expect(try SpecifierSet("==1.82.*").admitsAny(of: compromised) == compromised)
        #expect(try SpecifierSet(">=1.82.0,<1.82.7").admitsAny(of: compromised).isEmpty)
        #expect(try SpecifierSet("==1.82.8").admitsAny(of: compromised) == versions("1.82.8"))
    }

    @Test func admitsAnyKeepsPrereleasesOnlyWhenNeededOrAsked() throws {
        let mixed = try versions("1.82.7", "1.83.0rc1")
        #expect(try SpecifierSet(">=1.80").admitsAny(of: mixed) == versions("1.82.7"))
        #expect(try SpecifierSet(">=1.83.0rc1").admitsAny(of: mixed) == versions("1.83.0rc1"))
        #expect(try SpecifierSet(">=1.83.0.dev0").admitsAny(of: mixed) == versions("1.83.0rc1"))
        #expect(try SpecifierSet(">=1.82.7rc1").admitsAny(of: mixed) == mixed)
        #expect(try SpecifierSet("").admitsAny(of: try versions("2.0a1")) == versions("2.0a1"))
    }

    @Test func containsHandlesPrereleasesLikePackaging() throws {
        let set = try SpecifierSet(">=1.0")
        #expect(set.contains(try Version("2.0a1")))
        #expect(set.contains(try Version("2.0a1"), prereleases: true))
        #expect(!set.contains(try Version("2.0a1"), prereleases: false))
        #expect(!(try SpecifierSet("")).contains(try Version("2.0a1"), prereleases: false))
        #expect(try SpecifierSet("").contains(try Version("2.0a1")))
    }

    @Test func operatorsExcludeWhatPEP440Excludes() throws {
        #expect(!(try Specifier("<1.82.7")).contains(try Version("1.82.7rc1")))
        #expect(try Specifier("<1.82.7rc2").contains(try Version("1.82.7rc1")))
        #expect(!(try Specifier(">1.82.7")).contains(try Version("1.82.7.post1")))
        #expect(!(try Specifier(">1.82.7")).contains(try Version("1.82.7+local")))
        #expect(try Specifier(">1.82.7.post1").contains(try Version("1.82.7.post2")))
        #expect(try Specifier("==1.82.7").contains(try Version("1.82.7+anything")))
        #expect(!(try Specifier("==1.82.7+a")).contains(try Version("1.82.7+b")))
        #expect(try Specifier("<=1.82.7").contains(try Version("1.82.7+local")))
        #expect(try Specifier("~=1.82.7").contains(try Version("1.82.99")))
        #expect(!(try Specifier("~=1.82.7")).contains(try Version("1.83")))
    }

    @Test func arbitraryEqualityComparesOriginalText() throws {
        let set = try SpecifierSet("===1.82.7")
        #expect(set.contains("1.82.7"))
        #expect(set.contains(try Version("1.82.7")))
        #expect(!set.contains("1.82.07"))
        #expect(!set.contains("v1.82.7"))
        #expect(try SpecifierSet("===LATEST").contains("latest"))
        #expect(!(try SpecifierSet("===latest,>=1")).contains("latest"))
        #expect(try SpecifierSet("").contains("not a version"))
        #expect(!(try SpecifierSet(">=1")).contains("not a version"))
    }

    @Test(arguments: [
        ("1.0", "expected one of ~= == != <= >= < > ==="), ("=1.0", "expected one of ~= == != <= >= < > ==="),
        (">=", "missing version"), ("== 1.0 .*", "whitespace inside the version"),
        (">=1.*", "'.*' is only allowed with == and !="), ("==1.0a1.*", "'.*' must follow a plain release such as 1.82"),
        (">=1.0+local", "a local version label is only allowed with == and !="),
        ("~=1", "'~=' needs at least two release numbers"), ("==latest", "not a valid PEP 440 version"),
        ("===a b", "'===' version contains whitespace, ';' or ')'"), ("==\u{661}.\u{660}", "not a valid PEP 440 version"),
    ])
    func invalidSpecifiersExplainWhy(text: String, reason: String) {
        #expect(throws: InvalidSpecifier(text: text, reason: reason)) { try Specifier(text) }
    }

    @Test(arguments: ["", " , ,", ">=1.0,,<2", " >= 1.0 , != 1.5 "])
    func setsTolerateWhitespaceAndEmptyItems(text: String) throws {
        _ = try SpecifierSet(text)
    }

    @Test func garbageSpecifierSetsThrow() {
        let garbage = String(repeating: ">=1.0,=<", count: 5_000)
        #expect(throws: InvalidSpecifier.self) { try SpecifierSet(garbage) }
        #expect(throws: InvalidSpecifier.self) { try SpecifierSet(">=1.0,latest") }
    }

    @Test func setEqualityIgnoresOrderAndSpelling() throws {
        #expect(try SpecifierSet(">=1.0,!=1.5") == SpecifierSet("!=1.5.0, >=1.0.0"))
        #expect(try SpecifierSet(">=1.0.0,!=1.0.1").description == "!=1.0.1,>=1.0.0")
        #expect(try SpecifierSet("~=1.0") != SpecifierSet("~=1.0.0"))
    }
}
