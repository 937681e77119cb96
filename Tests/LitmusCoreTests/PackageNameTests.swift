import Testing
@testable import LitmusModel

struct PackageNameTests {
    @Test func conformanceNames() throws {
        let rows = try ConformanceFiles.tsvRows("pep440/names.tsv")
        var failures: [String] = []
        for row in rows {
            guard row.count == 2 else {
                failures.append("malformed row \(row)")
                continue
            }
            let name = PackageName(row[0])
            if name.normalized != row[1] { failures.append("\(row[0]): got \(name.normalized), expected \(row[1])") }
            if !PackageName.isValid(row[0]) { failures.append("\(row[0]): reported invalid") }
        }
        ConformanceFiles.report("pep440 names.tsv", rows: rows.count, failures: failures)
    }

    @Test func spellingsOfOneProjectAreEqual() {
        #expect(PackageName("LiteLLM") == PackageName("LITELLM"))
        #expect(PackageName("Litellm_Proxy.Extras") == PackageName("litellm-proxy-extras"))
        #expect(Set([PackageName("A._-B"), PackageName("a-b")]).count == 1)
        #expect(PackageName("LiteLLM").raw == "LiteLLM")
        #expect(PackageName("b") > PackageName("A"))
    }

    @Test(arguments: ["litellm", "a", "A1", "lite_llm", "zope.interface", "x-1.2_3"])
    func validNames(name: String) {
        #expect(PackageName.isValid(name))
    }

    @Test(arguments: ["", "-litellm", "litellm-", ".a", "a_", "lite llm", "lïtellm", "lite/llm", "l\u{661}"])
    func invalidNames(name: String) {
        #expect(!PackageName.isValid(name))
    }
}
