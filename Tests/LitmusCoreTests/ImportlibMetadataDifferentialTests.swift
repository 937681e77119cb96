import Foundation
import Testing
@testable import LitmusCore
@testable import LitmusExtractors
@testable import LitmusHostChecks
@testable import LitmusModel
@testable import LitmusWalk
@testable import LitmusSystem

/// `importlib.metadata` is the specification for "what is installed": each layout below is a
/// directory on a path; every CPython 3.8+ on this machine lists the distributions it finds
/// there (one interpreter start per version for all layouts), and litmus's dist-info extractor
/// must observe each (name, version) that interpreter reports.
@Suite struct ImportlibMetadataDifferentialTests {
    static let metadataHead = "Metadata-Version: 2.1\n"

    /// Layout name → files (relative path → content) and the path entry inside it.
    static let layouts: [(name: String, files: [String: String], entry: String)] = [
        ("dist-info", ["litellm-1.82.6.dist-info/METADATA": metadataHead + "Name: litellm\nVersion: 1.82.6\n"], ""),
        ("metadata-disagrees-with-folder", ["litellm-1.82.6.dist-info/METADATA": metadataHead + "Name: litellm\nVersion: 1.82.8\n"], ""),
        ("upper-case-folder", ["LiteLLM-1.82.8.DIST-INFO/METADATA": metadataHead + "Name: LiteLLM\nVersion: 1.82.8\n"], ""),
        ("mixed-case-egg-info", ["litellm-1.82.8-py3.11.EGG-INFO/PKG-INFO": metadataHead + "Name: litellm\nVersion: 1.82.8\n"], ""),
        ("egg-info-dir", ["litellm-1.82.8-py3.11.egg-info/PKG-INFO": metadataHead + "Name: litellm\nVersion: 1.82.8\n"], ""),
        ("egg-info-file", ["litellm-1.82.8-py3.11.egg-info": metadataHead + "Name: litellm\nVersion: 1.82.8\n"], ""),
        ("unzipped-egg", ["litellm-1.82.8-py3.11.egg/EGG-INFO/PKG-INFO": metadataHead + "Name: litellm\nVersion: 1.82.8\n"],
         "litellm-1.82.8-py3.11.egg"),
        ("crlf-and-lower-case-header", ["litellm-1.82.6.dist-info/METADATA": "Metadata-Version: 2.1\r\nname: litellm\r\nversion: 1.82.8\r\n"], ""),
        ("repeated-version-header", ["litellm-1.82.6.dist-info/METADATA": metadataHead + "Name: litellm\nVersion: 1.82.8\nVersion: 1.82.6\n"], ""),
        ("padded-value", ["litellm-1.82.6.dist-info/METADATA": metadataHead + "Name:   litellm  \nVersion:\t1.82.8   \n"], ""),
        ("bom", ["litellm-1.82.6.dist-info/METADATA": "\u{FEFF}" + metadataHead + "Name: litellm\nVersion: 1.82.8\n"], ""),
    ]

    /// Zip archives used as path entries (a zipped egg listed in `easy-install.pth`, any zip on
    /// `sys.path`): archive name, members (name → content), deflated or stored. Python's
    /// `zipfile` writes them in the test; the content is inert.
    static let zipLayouts: [(name: String, archive: String, members: [(String, String)], deflated: Bool)] = [
        ("zipped-egg-stored", "litellm-1.82.6-py3.11.egg",
         [("EGG-INFO/PKG-INFO", metadataHead + "Name: litellm\nVersion: 1.82.8\n"), ("litellm/__init__.py", "")], false),
        ("zipped-egg-deflated", "litellm-1.82.6-py3.11.egg",
         [("EGG-INFO/PKG-INFO", metadataHead + "Name: litellm\nVersion: 1.82.8\n" + String(repeating: "Summary: padding\n", count: 20)),
          ("litellm/__init__.py", "import os\n")], true),
        ("zipped-egg-innocuous-name", "helper-1.0-py3.11.egg",
         [("EGG-INFO/PKG-INFO", metadataHead + "Name: litellm\nVersion: 1.82.8\n")], true),
        ("zipped-egg-mixed-case-egg-info", "litellm-1.82.8-py3.11.egg",
         [("Egg-Info/PKG-INFO", metadataHead + "Name: litellm\nVersion: 1.82.8\n")], true),
        ("zipped-egg-large-metadata", "litellm-1.82.8-py3.11.egg",
         [("EGG-INFO/PKG-INFO", metadataHead + "Name: litellm\nVersion: 1.82.8\nDescription-Content-Type: text/plain\n\n"
           + (0..<9000).map { "line \($0) of a long description\n" }.joined())], true),
        ("zip-with-dist-info", "vendor.zip",
         [("litellm-1.82.6.dist-info/METADATA", metadataHead + "Name: litellm\nVersion: 1.82.8\n"), ("litellm/__init__.py", "")], true),
        ("zip-with-egg-info-dir", "vendor.zip",
         [("litellm-1.82.8-py3.11.egg-info/PKG-INFO", metadataHead + "Name: litellm\nVersion: 1.82.8\n")], false),
        ("zip-with-crlf-metadata", "vendor.zip",
         [("LiteLLM-1.82.6.DIST-INFO/METADATA", "Metadata-Version: 2.1\r\nname: LiteLLM\r\nversion: 1.82.8\r\n")], true),
    ]

    /// Writes each zip layout under `base` with Python's zipfile; returns the archive paths.
    static func writeZipLayouts(under base: String, python: String) throws -> [String] {
        var specs: [[String: Any]] = []
        var paths: [String] = []
        for layout in zipLayouts {
            let path = base + "/" + layout.name + "/" + layout.archive
            try FileManager.default.createDirectory(atPath: base + "/" + layout.name, withIntermediateDirectories: true)
            specs.append(["path": path, "deflated": layout.deflated, "members": layout.members.map { [$0.0, $0.1] }])
            paths.append(path)
        }
        let spec = String(decoding: try JSONSerialization.data(withJSONObject: specs), as: UTF8.self)
        let script = """
        import json, sys, zipfile
        for s in json.load(open(sys.argv[1])):
            with zipfile.ZipFile(s["path"], "w", zipfile.ZIP_DEFLATED if s["deflated"] else zipfile.ZIP_STORED) as z:
                for name, text in s["members"]:
                    z.writestr(name, text)
        print("ok")
        """
        try Fixtures.write(spec, to: base + "/spec.json")
        let out = try CPythonDifferentialTests.output(python, ["-I", "-S", "-c", script, base + "/spec.json"])
        try #require(out.hasPrefix("ok"), "zipfile did not write the layouts")
        return paths
    }

    /// (name, version) of every installed-package observation litmus makes for a zip on sys.path.
    static func observedInZip(_ archive: String) -> [(PackageName, Version?)] {
        var out = Extraction()
        ZipPathEntries().examine(archive, userSite: false, files: DiskReader(), into: &out)
        return out.observations.compactMap { o -> (PackageName, Version?)? in
            guard case .package(let p) = o, case .version(let v) = p.requirement else { return nil }
            return (p.name, v)
        }
    }

    @Test func litmusSeesEveryDistributionImportlibMetadataSeesInAZip() throws {
        let interpreters = CPythonDifferentialTests.interpreters.filter { $0.minor >= 8 }
        try #require(!interpreters.isEmpty, "no CPython 3.8+ (importlib.metadata) on this machine: nothing was compared")
        let base = try Fixtures.temporaryDirectory("litmus-importlib-zip")
        defer { Fixtures.cleanUp(base) }
        let archives = try Self.writeZipLayouts(under: base, python: interpreters[0].executable)
        var agree = 0, total = 0
        for interpreter in interpreters {
            let seen = try Self.distributions(interpreter, in: archives)
            for (layout, archive) in zip(Self.zipLayouts, archives) {
                let expected = seen[archive] ?? []
                #expect(!expected.isEmpty, "\(layout.name) on \(interpreter.version): importlib.metadata found nothing")
                let observed = Self.observedInZip(archive)
                for raw in expected {
                    total += 1
                    guard let n = raw.first as? String, let v = raw.last as? String else {
                        Issue.record("\(layout.name) on \(interpreter.version): importlib.metadata gave \(raw)")
                        continue
                    }
                    let name = PackageName(n.trimmingCharacters(in: .whitespaces))
                    if observed.contains(where: { $0.0 == name && $0.1 == Version.parse(v) }) { agree += 1; continue }
                    Issue.record("\(layout.name) on CPython \(interpreter.version): importlib.metadata sees \([n, v]), litmus observed \(observed.map { "\($0.0) \($0.1.map(String.init(describing:)) ?? "?")" })")
                }
            }
        }
        print("importlib.metadata zip differential: \(agree)/\(total) agree (\(Self.zipLayouts.count) zip layouts × \(interpreters.count) interpreters: \(interpreters.map(\.version).joined(separator: ", ")))")
        #expect(total >= Self.zipLayouts.count)
    }

    /// End to end: a venv whose `easy-install.pth` lists zipped eggs; the venv's interpreter,
    /// started normally (so `site` reads the `.pth`), asks `importlib.metadata` for litellm, and
    /// `litmus audit` of the tree must report litellm 1.82.8 exactly when that answer is 1.82.8.
    @Test func auditReportsAZippedEggExactlyWhenImportlibMetadataDoes() throws {
        let interpreters = CPythonDifferentialTests.interpreters.filter { $0.minor >= 8 }
        try #require(!interpreters.isEmpty, "no CPython 3.8+ on this machine")
        let base = try Fixtures.temporaryDirectory("litmus-zipped-egg")
        defer { Fixtures.cleanUp(base) }
        // (case, .pth content, PKG-INFO version, deflated). Absolute path lines are left out:
        // `audit --root` maps them into the audited image, where Python would not look.
        let cases: [(String, String, String, Bool)] = [
            ("listed-deflated", "./helper-1.0-py3.X.egg\n", "1.82.8", true),
            ("listed-stored", "import sys\n./helper-1.0-py3.X.egg\n", "1.82.8", false),
            ("listed-through-parent-directory", "../site-packages/helper-1.0-py3.X.egg\n", "1.82.8", true),
            ("not-listed", "./other.egg\n", "1.82.8", true),
            ("listed-clean-version", "./helper-1.0-py3.X.egg\n", "1.82.6", true),
        ]
        var agree = 0, total = 0
        for interpreter in interpreters {
            for (name, pth, version, deflated) in cases {
                let root = base + "/\(name)-3.\(interpreter.minor)"
                let site = root + "/venv/lib/python3.\(interpreter.minor)/site-packages"
                try FileManager.default.createDirectory(atPath: site, withIntermediateDirectories: true)
                try FileManager.default.createDirectory(atPath: root + "/venv/bin", withIntermediateDirectories: true)
                try FileManager.default.createSymbolicLink(atPath: root + "/venv/bin/python", withDestinationPath: interpreter.executable)
                try Fixtures.write("home = \(Paths.parent(of: interpreter.executable))\ninclude-system-site-packages = false\nversion = 3.\(interpreter.minor)\n", to: root + "/venv/pyvenv.cfg")
                let egg = "helper-1.0-py3.\(interpreter.minor).egg"
                try Fixtures.write(pth.replacingOccurrences(of: "py3.X", with: "py3.\(interpreter.minor)"), to: site + "/easy-install.pth")
                let make = """
                import sys, zipfile
                with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED if sys.argv[3] == "1" else zipfile.ZIP_STORED) as z:
                    z.writestr("EGG-INFO/PKG-INFO", "Metadata-Version: 2.1\\nName: litellm\\nVersion: " + sys.argv[2] + "\\n")
                    z.writestr("litellm/__init__.py", "")
                """
                _ = try CPythonDifferentialTests.output(interpreter.executable, ["-I", "-S", "-c", make, site + "/" + egg, version, deflated ? "1" : "0"])
                // Every distribution on sys.path, as `pip list` sees them. (A name lookup such as
                // `version('litellm')` finds an egg by its file name, "helper", not its metadata.)
                let ask = "import importlib.metadata as m\nv = sorted({d.version for d in m.distributions() if (d.metadata['Name'] or '').lower() == 'litellm'})\nprint(' '.join(v) or 'none')\n"
                let answer = try CPythonDifferentialTests.output(root + "/venv/bin/python", ["-c", ask]).trimmingCharacters(in: .whitespacesAndNewlines)
                let captured = Captured()
                _ = CLI.run(["audit", "--root", root, "--format", "json"], console: captured.console())
                let doc = try #require(try JSONSerialization.jsonObject(with: Data(captured.out.utf8)) as? [String: Any], "stderr: \(captured.err)")
                let reported = (doc["findings"] as? [[String: Any]] ?? []).contains {
                    ($0["kind"] as? String) == FindingKind.compromisedVersion.rawValue && ($0["package"] as? String) == "litellm"
                        && ($0["version"] as? String) == "1.82.8"
                }
                total += 1
                if answer.split(separator: " ").contains("1.82.8") == reported { agree += 1 } else {
                    Issue.record("\(name) on CPython \(interpreter.version): importlib.metadata says \(answer), litmus reported 1.82.8: \(reported)")
                }
                if name.hasPrefix("listed") && version == "1.82.8" { #expect(answer.contains("1.82.8"), "\(name) on \(interpreter.version): the egg was not found by Python") }
            }
        }
        print("zipped-egg audit differential: \(agree)/\(total) agree (\(cases.count) cases × \(interpreters.count) interpreters: \(interpreters.map(\.version).joined(separator: ", ")))")
    }

    @Test func litmusSeesEveryDistributionImportlibMetadataSees() throws {
        let interpreters = CPythonDifferentialTests.interpreters.filter { $0.minor >= 8 }
        try #require(!interpreters.isEmpty, "no CPython 3.8+ (importlib.metadata) on this machine: nothing was compared")
        let base = try Fixtures.temporaryDirectory("litmus-importlib")
        defer { Fixtures.cleanUp(base) }
        var entries: [String] = []
        for layout in Self.layouts {
            for (path, text) in layout.files { try Fixtures.write(text, to: base + "/" + layout.name + "/" + path) }
            entries.append(layout.entry.isEmpty ? base + "/" + layout.name : base + "/" + layout.name + "/" + layout.entry)
        }
        var agree = 0, total = 0
        for interpreter in interpreters {
            let seen = try Self.distributions(interpreter, in: entries)
            for (layout, entry) in zip(Self.layouts, entries) {
                let expected = seen[entry] ?? []
                #expect(!expected.isEmpty || layout.name == "none", "\(layout.name) on \(interpreter.version): importlib.metadata found nothing")
                let observed = Self.observed(base + "/" + layout.name)
                for raw in expected {
                    total += 1
                    guard let n = raw.first as? String, let v = raw.last as? String else {
                        // importlib.metadata could not read the headers (a BOM hides them from
                        // its email parser); litmus reads past the BOM, and must still see it.
                        if observed.isEmpty { Issue.record("\(layout.name) on \(interpreter.version): litmus observed nothing") } else { agree += 1 }
                        continue
                    }
                    let pair = [n, v]
                    let name = PackageName(pair[0].trimmingCharacters(in: .whitespaces))
                    if observed.contains(where: { $0.0 == name && $0.1 == Version.parse(pair[1]) }) { agree += 1; continue }
                    Issue.record("\(layout.name) on CPython \(interpreter.version): importlib.metadata sees \(pair), litmus observed \(observed.map { "\($0.0) \($0.1.map(String.init(describing:)) ?? "?")" })")
                }
            }
        }
        print("importlib.metadata differential: \(agree)/\(total) agree (\(Self.layouts.count) layouts × \(interpreters.count) interpreters: \(interpreters.map(\.version).joined(separator: ", ")); 3.6 and 3.7 have no importlib.metadata)")
        #expect(total >= Self.layouts.count)
    }

    /// (name, version) of every installed-package observation the extractors make under `dir`.
    static func observed(_ dir: String) -> [(PackageName, Version?)] {
        let extractor = DistInfo()
        let found = Found()
        _ = Walker(options: WalkOptions(threads: 1)).walk([dir], wants: { extractor.claims(name: $0, parentName: $1, isDirectory: $2) }, visit: { entry in
            for case .package(let p) in extractor.extract(entry, files: LinkReader(followAll: false).forEntry(entry)).observations {
                if case .version(let v) = p.requirement { found.add(p.name, v) }
            }
        })
        return found.all
    }

    final class Found: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [(PackageName, Version?)] = []
        func add(_ n: PackageName, _ v: Version) { lock.lock(); items.append((n, v)); lock.unlock() }
        var all: [(PackageName, Version?)] { lock.lock(); defer { lock.unlock() }; return items }
    }

    /// `importlib.metadata.distributions(path=[entry])` as (Name, version) pairs per entry, by
    /// `interpreter` (isolated, no site).
    static func distributions(_ interpreter: CPythonDifferentialTests.Interpreter, in entries: [String]) throws -> [String: [[Any]]] {
        let script = """
        import importlib.metadata as m, json, sys
        out = {}
        for d in sys.argv[1:]:
            out[d] = [[x.metadata['Name'], x.version] for x in m.distributions(path=[d])]
        print(json.dumps(out))
        """
        let json = try CPythonDifferentialTests.output(interpreter.executable, ["-I", "-S", "-c", script] + entries)
        return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: [[Any]]], "\(interpreter.version): \(json)")
    }
}
