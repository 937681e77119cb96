import Testing
@testable import LitmusWalk

struct ExcludePatternTests {
    @Test(arguments: [
        ("tools/litmus/**", "tools/litmus", true, true),
        ("tools/litmus/**", "tools/litmus/fixtures/requirements.txt", false, true),
        ("tools/litmus/**", "tools/litmusx", true, false),
        ("tools/litmus", "tools/litmus", true, true),
        ("./tools/litmus/", "tools/litmus", true, true),
        ("tools/litmus/", "tools/litmus", false, false),
        ("data", "data", true, true),
        ("data", "a/b/data", true, true),
        ("data", "a/database", true, false),
        ("*.parquet", "x/y/z.parquet", false, true),
        ("*.parquet", "x/y/z.parquet.txt", false, false),
        ("node_modules/", "web/node_modules", true, true),
        ("node_modules/", "web/node_modules", false, false),
        ("mnt/nfs/**", "mnt/nfs", true, true),
        ("mnt/nfs/**", "srv/mnt/nfs", true, false),
    ])
    func matches(pattern: String, relative: String, isDirectory: Bool, expected: Bool) throws {
        #expect(try ExcludePattern(pattern).matches(relative: relative, isDirectory: isDirectory) == expected)
    }

    @Test(arguments: ["", "./", "/", "[abc"])
    func rejects(pattern: String) {
        #expect(throws: GlobError.self) { try ExcludePattern(pattern) }
    }
}
