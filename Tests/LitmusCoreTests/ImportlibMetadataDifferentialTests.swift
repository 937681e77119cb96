import Foundation
import Testing
@testable import LitmusCore

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
        let script = """
        import importlib.metadata as m, json, sys
        out = {}
        for d in sys.argv[1:]:
            out[d] = [[x.metadata['Name'], x.version] for x in m.distributions(path=[d])]
        print(json.dumps(out))
        """
        var agree = 0, total = 0
        for interpreter in interpreters {
            let json = try CPythonDifferentialTests.output(interpreter.executable, ["-I", "-S", "-c", script] + entries)
            let seen = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: [[Any]]], "\(interpreter.version): \(json)")
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
}
