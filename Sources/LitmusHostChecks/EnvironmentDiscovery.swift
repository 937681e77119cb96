import LitmusAdvisories
import LitmusFormats
import LitmusModel
import LitmusSystem
import LitmusWalk

/// The Python environments and package caches of a host, for the coverage summary: each
/// `site-packages`/`dist-packages` (its prefix, kind, Python version and distribution count),
/// `pyvenv.cfg`, Jupyter `kernel.json`, pip's and uv's cache folders. Nothing here reports a
/// finding; a `pyvenv.cfg` that exists but cannot be read is an error, since the coverage
/// summary would otherwise misstate what was audited.
public struct EnvironmentDiscovery: HostCheck {
    /// `environment`.
    public let name = "environment"

    /// Creates the check (it needs no advisory data).
    public init(database: AdvisoryDatabase) {}

    /// Creates the check.
    public init() {}

    /// See ``HostCheck/claims(name:parentName:isDirectory:)``.
    public func claims(name: String, parentName: String, isDirectory: Bool) -> Bool {
        if isDirectory {
            return name == "site-packages" || name == "dist-packages"
                || (parentName == "pip" && ["http", "http-v2", "wheels"].contains(name))
                || (parentName == "uv" && (name == "archive-v0" || name.hasPrefix("wheels-v") || name.hasPrefix("sdists-v")))
        }
        return name == "pyvenv.cfg" || (name == "kernel.json" && parentName != "")
    }

    /// See ``HostCheck/check(_:in:)``.
    public func check(_ entry: FileEntry, in host: HostContext) -> Extraction {
        var out = Extraction()
        let parent = Paths.parent(of: entry.path)
        switch entry.name {
        case "site-packages", "dist-packages":
            sitePackages(entry, files: host.files, into: &out)
        case "pyvenv.cfg":
            let version = pyvenvConfig(entry.path, files: host.files, into: &out).flatMap(Self.pyvenvVersion)
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

    private func sitePackages(_ entry: FileEntry, files: any FileReading, into out: inout Extraction) {
        let items: [DirectoryItem]
        do {
            items = try files.list(entry.path)
        } catch {
            return  // StartupHooks reports the unlistable directory
        }
        let layout = SitePackagesPath(entry.path)
        let rootPath = layout.prefix
        var version = layout.pythonVersion
        let config = pyvenvConfig(Paths.join(rootPath, "pyvenv.cfg"), files: files, into: &out)
        if let config, let v = Self.pyvenvVersion(config) { version = v }
        if config == nil, let v = Self.versionInFolderName(rootPath) { version = v }
        let count = items.filter { DistributionFolder.kind(of: $0.name) != nil }.count
        out.environments.append(EnvironmentRecord(path: rootPath, kind: EnvironmentRecord.kind(forRoot: rootPath, isVirtualEnv: config != nil),
                                                  pythonVersion: version, distributions: count))
    }

    /// The bytes of a `pyvenv.cfg`; nil when there is none, an error when it cannot be read.
    private func pyvenvConfig(_ path: String, files: any FileReading, into out: inout Extraction) -> [UInt8]? {
        do {
            let bytes = try files.read(path, limit: 1 << 16)
            out.filesRead.append(path)
            return bytes
        } catch {
            if !error.isNotFound { out.issues.append(.error(path, stage: name, "cannot read: \(error.message)")) }
            return nil
        }
    }

    /// `version_info = 3.11.7` or `version = 3.11.7` from a `pyvenv.cfg`.
    static func pyvenvVersion(_ bytes: [UInt8]) -> String? {
        for line in String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let kv = line.split(separator: "=", maxSplits: 1).map { $0.trimmingSpaces }
            guard kv.count == 2, ["version_info", "version"].contains(kv[0].lowercased()) else { continue }
            let v = kv[1].split(separator: ".").prefix(3).joined(separator: ".")
            if !v.isEmpty, v.allSatisfy({ $0.isNumber || $0 == "." }) { return v }
        }
        return nil
    }

    /// `3.11.7` from pyenv's `versions/3.11.7` or uv's `cpython-3.11.7-linux-x86_64-gnu`.
    static func versionInFolderName(_ root: String) -> String? {
        let base = Paths.baseName(root)
        let candidate = base.hasPrefix("cpython-") ? String(base.dropFirst(8).prefix { $0 != "-" }) : base
        let parts = candidate.split(separator: ".")
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else { return nil }
        return candidate
    }
}
