import Testing
@testable import LitmusExtractors
@testable import LitmusModel
@testable import LitmusWalk

@Suite struct DistInfoTests {
    let extractor = DistInfo()

    @Test(arguments: [
        ("litellm-1.82.8.dist-info", true, true), ("litellm-1.82.8.egg-info", true, true), ("litellm-1.82.8-py3.11.egg-info", false, true),
        ("litellm-1.82.8.dist-info", false, false), ("litellm.dist-info.bak", true, false), ("dist-info", true, false),
    ])
    func claims(name: String, isDirectory: Bool, expected: Bool) {
        #expect(extractor.claims(name: name, parentName: "site-packages", isDirectory: isDirectory) == expected)
    }

    private func observe(_ folder: String, _ files: [String: [UInt8]]) -> Extraction {
        extractor.extract(FileEntry(path: "sp/" + folder, name: folder, parentName: "sp", kind: .directory), files: InMemoryFiles(files))
    }

    private func versions(_ e: Extraction) -> [String] {
        e.observations.compactMap {
            guard case .package(let p) = $0, case .version(let v) = p.requirement else { return nil }
            return "\(p.name.normalized) \(v) \(p.location.display)"
        }
    }

    @Test func metadataWinsAndAgreeingFolderAddsNothing() {
        let e = observe("LiteLLM-1.82.8.dist-info", ["sp/LiteLLM-1.82.8.dist-info/METADATA": Array("Metadata-Version: 2.1\nName: LiteLLM\nVersion: 1.82.8\n\nbody Version: 1.0\n".utf8)])
        #expect(versions(e) == ["litellm 1.82.8 sp/LiteLLM-1.82.8.dist-info/METADATA:3"])
        #expect(e.issues.isEmpty)
    }

    @Test func disagreeingFolderAndMetadataAreBothObserved() {
        let e = observe("litellm-1.82.8.dist-info", ["sp/litellm-1.82.8.dist-info/METADATA": Array("Name: litellm\nVersion: 1.82.6\n".utf8)])
        #expect(versions(e) == ["litellm 1.82.6 sp/litellm-1.82.8.dist-info/METADATA:2", "litellm 1.82.8 sp/litellm-1.82.8.dist-info"])
    }

    @Test func missingMetadataFallsBackToTheFolderWithAWarning() {
        let e = observe("litellm-1.82.7.dist-info", [:])
        #expect(versions(e) == ["litellm 1.82.7 sp/litellm-1.82.7.dist-info"])
        #expect(e.issues.map(\.level) == [.warning])
    }

    @Test func binaryOrInvalidMetadataIsAnErrorButTheFolderStillCounts() {
        let e = observe("litellm-1.82.8.dist-info", ["sp/litellm-1.82.8.dist-info/METADATA": [0x7f, 0x45, 0x4c, 0x46, 0, 0, 0]])
        #expect(versions(e) == ["litellm 1.82.8 sp/litellm-1.82.8.dist-info"])
        #expect(e.issues.map(\.level) == [.error])
        let bad = observe("litellm-1.82.8.dist-info", ["sp/litellm-1.82.8.dist-info/METADATA": Array("Name: litellm\nVersion: 1.82.8-evil!\n".utf8)])
        #expect(bad.issues.map(\.message) == ["invalid version \"1.82.8-evil!\" in metadata"])
        #expect(versions(bad) == ["litellm 1.82.8 sp/litellm-1.82.8.dist-info"])
    }

    @Test func hugeVersionsAndInvalidFolderVersionsNeverCrash() {
        let forty = String(repeating: "9", count: 40)
        let e = observe("litellm-\(forty).dist-info", ["sp/litellm-\(forty).dist-info/METADATA": Array("Name: litellm\nVersion: \(forty)\n".utf8)])
        #expect(versions(e).count == 1)
        let f = observe("litellm-not!a!version.dist-info", [:])
        #expect(f.observations.isEmpty)
        #expect(f.issues.contains { $0.level == .error && $0.message.contains("invalid version") })
    }
}
