import Testing
@testable import LitmusSystem

@Suite struct PathsTests {
    @Test(arguments: [
        ("a/b", "a/b"), ("/a/b", "/a/b"), ("a/./b", "a/b"), ("a/../b", "b"), ("../a", "../a"), ("./a", "a"),
        ("a//b", "a/b"), ("a/", "a"), (".", "."), ("..", ".."), ("/", "/"), ("a/.hidden", "a/.hidden"),
        ("a/..b", "a/..b"), ("a/b..", "a/b.."), ("...", "..."), ("a/...", "a/..."), ("/..", "/"), ("a/b/../../..", ".."),
        ("sp/../../../bin/x", "../../bin/x"), ("/x/./y/.", "/x/y"), ("a/.", "a"), (".a", ".a"), ("a.", "a."),
    ])
    func resolveFoldsLexically(input: String, expected: String) {
        #expect(Paths.resolve(input, against: "") == expected)
        #expect(Paths.resolve(input, against: "") == Paths.folded(input), "the fast path must agree with folding")
    }

    @Test func resolveJoinsRelativeToABase() {
        #expect(Paths.resolve("../../bin/litellm", against: "/v/lib/python3.11/site-packages") == "/v/lib/bin/litellm")
        #expect(Paths.resolve("litellm/__init__.py", against: "/v/lib/python3.11/site-packages") == "/v/lib/python3.11/site-packages/litellm/__init__.py")
        #expect(Paths.resolve("/etc/passwd", against: "/v") == "/etc/passwd")
    }

    @Test func baseNameAndParent() {
        #expect(Paths.baseName("/a/b/") == "b")
        #expect(Paths.parent(of: "/a") == "/")
        #expect(Paths.parent(of: "a") == ".")
        #expect(Paths.join("a/", "b") == "a/b")
    }
}
