import Testing
@testable import LitmusWalk

struct GlobTests {
    @Test(arguments: [
        ("requirements.txt", "requirements.txt", true),
        ("*.txt", "requirements.txt", true),
        ("*.txt", "sub/requirements.txt", false),
        ("**/requirements.txt", "requirements.txt", true),
        ("**/requirements.txt", "a/b/requirements.txt", true),
        ("tests/**", "tests/fixtures/x/uv.lock", true),
        ("tests/**", "src/tests/uv.lock", false),
        ("**", "any/thing", true),
        ("requirements-?.txt", "requirements-a.txt", true),
        ("requirements-?.txt", "requirements-ab.txt", false),
        ("req[abc].txt", "reqb.txt", true),
        ("req[!abc].txt", "reqb.txt", false),
        ("req[a-c].txt", "reqc.txt", true),
        ("req[a-c].txt", "reqd.txt", false),
        ("a/*/c", "a/b/c", true),
        ("a/*/c", "a/b/x/c", false),
        ("a\\*b", "a*b", true),
        ("a\\*b", "axb", false),
        ("[]]", "]", true),
    ])
    func matching(pattern: String, path: String, expected: Bool) throws {
        #expect(try Glob(pattern).matches(path) == expected)
    }

    @Test(arguments: ["req[abc.txt", "[", "[!]", "x\\", "[z-a]"])
    func badPatterns(pattern: String) {
        #expect(throws: GlobError.self) { try Glob(pattern) }
    }

    @Test func hostilePatternStaysFast() throws {
        let glob = try Glob(String(repeating: "*a", count: 30) + "b")
        #expect(!glob.matches(String(repeating: "a", count: 200)))
    }
}
