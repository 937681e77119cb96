import FoundationEssentials
import LitmusFormats
import LitmusModel
import LitmusSystem
import LitmusWalk

/// A conda environment's `conda-meta/` folder: one JSON record per installed package
/// (`name`, `version`), observed as installed conda packages matched by name against PyPI
/// advisories (conda-forge publishes litellm under the same name and versions).
public struct CondaMeta: Extractor {
    /// `conda-meta`.
    public let name = "conda-meta"

    /// Creates the extractor.
    public init() {}

    /// See ``Extractor/claims(name:parentName:isDirectory:)``.
    public func claims(name: String, parentName: String, isDirectory: Bool) -> Bool {
        isDirectory && name == "conda-meta"
    }

    /// See ``Extractor/extract(_:files:)``.
    public func extract(_ entry: FileEntry, files: any FileReading) -> Extraction {
        var out = Extraction()
        let items: [DirectoryItem]
        do { items = try files.list(entry.path) } catch {
            out.issues.append(.error(entry.path, stage: name, "cannot list: \(error.message)"))
            return out
        }
        var python: String?
        var count = 0
        for item in items.sorted(by: { $0.name < $1.name }) where !item.isDirectory && item.name.hasSuffix(".json") {
            let path = Paths.join(entry.path, item.name)
            guard let record = read(path, files: files, into: &out) else { continue }
            count += 1
            if record.name == "python" { python = record.versionText }
            guard PackageName.isValidConda(record.name) else { continue }
            guard let version = Version.parse(record.versionText) else {
                out.issues.append(.warning(path, stage: name, "version \"\(record.versionText)\" is not PEP 440; not matched"))
                continue
            }
            out.add(PackageObservation(name: PackageName(record.name), requirement: .version(version), requirementText: record.versionText,
                                       location: FileLocation(path: path), origin: .installed, ecosystem: "conda"))
        }
        out.environments.append(EnvironmentRecord(path: Paths.parent(of: entry.path), kind: .conda, pythonVersion: python, distributions: count))
        return out
    }

    private func read(_ path: String, files: any FileReading, into out: inout Extraction) -> (name: String, versionText: String)? {
        do {
            let bytes = try files.read(path, limit: 64 << 20)
            out.filesRead.append(path)
            guard let json = try JSONParser.parse(bytes) as? [String: Any],
                  let n = json["name"] as? String, let v = json["version"] as? String else {
                out.issues.append(.error(path, stage: name, "conda-meta record lacks \"name\" or \"version\""))
                return nil
            }
            return (n, v)
        } catch let e as ReadError {
            out.issues.append(.error(path, stage: name, "cannot read: \(e.message)"))
        } catch let e as JSONError {
            out.issues.append(.error(path, line: e.line, stage: name, "not valid JSON: \(e.message)"))
        } catch {
            out.issues.append(.error(path, stage: name, "not valid JSON"))
        }
        return nil
    }
}
