import Testing
@testable import LitmusModel
@testable import LitmusSystem

/// The one parser of metadata folder names, the one site-packages layout, the one "relative to".
@Suite struct LayoutTests {
    @Test(arguments: [
        ("litellm-1.82.6.dist-info", "litellm", "1.82.6", true),
        ("Foo_Bar-2.0.dist-info", "foo-bar", "2.0", true),
        ("six-1.16.0-py3.11.egg-info", "six", "1.16.0", false),
        ("setuptools.egg-info", "setuptools", nil, false),
        ("litellm-1.82.6-extra.dist-info", "litellm", "1.82.6", false),
        ("litellm-notaversion.dist-info", "litellm", nil, false),
    ] as [(String, String, String?, Bool)])
    func folderNames(folder: String, name: String, version: String?, wheelShaped: Bool) throws {
        let parsed = try #require(DistributionFolder(folder))
        #expect(parsed.name.normalized == name)
        #expect(parsed.version?.description == version)
        #expect(parsed.isWheelShaped == wheelShaped)
    }

    @Test(arguments: ["litellm-1.82.6.dist-info.bak", "litellm-1.82.6", "-1.0.dist-info", ".dist-info", "lit ellm-1.0.dist-info"])
    func notFolderNames(_ folder: String) {
        #expect(DistributionFolder(folder) == nil)
    }

    @Test(arguments: [
        ("/e/lib/python3.11/site-packages", "/e", "3.11"),
        ("/e/lib64/python3.12/site-packages", "/e", "3.12"),
        ("/img/usr/lib/python3/dist-packages", "/img/usr", "3"),
        ("/srv/app/site-packages", "/srv/app/site-packages", nil),
        ("/e/share/python3.11/site-packages", "/e/share/python3.11/site-packages", nil),
    ] as [(String, String, String?)])
    func sitePackagesPrefix(path: String, prefix: String, version: String?) {
        let layout = SitePackagesPath(path)
        #expect(layout.prefix == prefix)
        #expect(layout.pythonVersion == version)
    }

    @Test func condaRecordsListFilesRelativeToThePrefix() {
        #expect(SitePackagesPath("/c/envs/ml/lib/python3.11/site-packages").relativeToPrefix("x.pth") == "lib/python3.11/site-packages/x.pth")
    }

    @Test(arguments: [
        ("/img/usr/x", "/img", "usr/x"), ("/img/usr/x", "/img/", "usr/x"), ("/imgx/usr", "/img", nil), ("/img", "/img", nil),
        ("/usr/x", "/", "usr/x"), ("a/b", ".", "a/b"), ("/a/b", ".", nil), ("a/b", "a", "b"),
    ] as [(String, String, String?)])
    func relativePaths(path: String, base: String, expected: String?) {
        #expect(Paths.relative(path, to: base) == expected)
    }

    @Test func hostPathsDropTheAuditRoot() {
        #expect(Paths.onHost("/img/usr/lib/x.pth", root: "/img") == "/usr/lib/x.pth")
        #expect(Paths.onHost("/usr/lib/x.pth", root: "/") == "/usr/lib/x.pth")
        #expect(Paths.onHost("/other/x", root: "/img") == "/other/x")
    }
}
