import FoundationEssentials

/// Folders and files that mark a Python environment or package cache without holding package
/// data themselves: `pyvenv.cfg`, Jupyter `kernel.json`, pip's and uv's cache folders. Each
/// becomes an entry in the coverage summary; nothing here reports a finding.
public struct EnvironmentMarkers: Extractor {
    /// `environment`.
    public let name = "environment"

    /// Creates the extractor.
    public init() {}

    /// See ``Extractor/claims(name:parentName:isDirectory:)``.
    public func claims(name: String, parentName: String, isDirectory: Bool) -> Bool {
        if isDirectory {
            return (parentName == "pip" && ["http", "http-v2", "wheels"].contains(name))
                || (parentName == "uv" && (name == "archive-v0" || name.hasPrefix("wheels-v") || name.hasPrefix("sdists-v")))
        }
        return name == "pyvenv.cfg" || (name == "kernel.json" && parentName != "")
    }

    /// See ``Extractor/extract(_:files:)``.
    public func extract(_ entry: FileEntry, files: any FileReading) -> Extraction {
        var out = Extraction()
        let parent = Paths.parent(of: entry.path)
        switch entry.name {
        case "pyvenv.cfg":
            let version = (try? files.read(entry.path, limit: 1 << 16)).flatMap(SitePackages.pyvenvVersion)
            out.environments.append(EnvironmentRecord(path: parent, kind: EnvironmentRecord.kind(forRoot: parent, isVirtualEnv: true),
                                                      pythonVersion: version))
        case "kernel.json":
            guard entry.path.contains("/jupyter/kernels/") else { return out }
            out.environments.append(EnvironmentRecord(path: parent, kind: .jupyterKernel, pythonVersion: nil))
        default:
            out.environments.append(EnvironmentRecord(path: parent, kind: entry.parentName == "pip" ? .pipCache : .uvCache))
        }
        return out
    }
}
