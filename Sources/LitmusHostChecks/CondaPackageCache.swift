import FoundationEssentials
import LitmusAdvisories
import LitmusExtractors
import LitmusModel
import LitmusWalk

/// conda's package cache (`pkgs/` of a conda, mamba or miniforge prefix): downloaded package
/// files `NAME-VERSION-BUILD.conda` / `.tar.bz2` and their unpacked folders.
///
/// A package file is judged by its name (an artifact in the `conda` ecosystem, so a cached
/// litellm 1.82.8 is a finding even after the environment was removed). An unpacked folder is
/// judged by `info/index.json` (`name` and `version`), the record conda itself trusts; a folder
/// without one is judged by its name with a warning, and an `index.json` that cannot be read or
/// decoded is an error. Exempt: `.conda` members are not listed or decompressed.
public struct CondaPackageCache: HostCheck {
    /// `conda-pkgs`.
    public let name = "conda-pkgs"

    /// See ``HostCheck/init(database:)``.
    public init(database: AdvisoryDatabase) {}

    /// See ``HostCheck/claims(name:parentName:isDirectory:)``.
    public func claims(name: String, parentName: String, isDirectory: Bool) -> Bool {
        guard parentName == "pkgs" else { return false }
        if isDirectory { return CondaPackageFilename(name, requireExtension: false) != nil }
        return (name.hasSuffix(".conda") || name.hasSuffix(".tar.bz2")) && CondaPackageFilename(name) != nil
    }

    private struct Index: Decodable {
        var name: String
        var version: String
    }

    /// See ``HostCheck/check(_:in:)``.
    public func check(_ entry: FileEntry, in host: HostContext) -> Extraction {
        var out = Extraction()
        let location = FileLocation(path: entry.path)
        guard entry.kind == .directory else {
            guard let file = CondaPackageFilename(entry.name) else { return out }
            out.add(LockedPackage.observation(name: file.name, version: file.version, at: location, origin: .artifact,
                                              ecosystem: "conda", note: "conda package cache file, build \(file.build)"))
            return out
        }
        guard let folder = CondaPackageFilename(entry.name, requireExtension: false) else { return out }
        let indexPath = entry.path + "/info/index.json"
        let bytes: [UInt8]
        do {
            bytes = try host.files.read(indexPath, limit: ReadLimits.metadata)
        } catch {
            if error.isNotFound {
                out.issues.append(.warning(entry.path, stage: name, "unpacked conda package has no info/index.json; judged by its folder name"))
                out.add(LockedPackage.observation(name: folder.name, version: folder.version, at: location, origin: .installed,
                                                  ecosystem: "conda", note: "unpacked conda package (folder name)"))
            } else {
                out.issues.append(.error(indexPath, stage: name, "cannot read: \(error.message)"))
            }
            return out
        }
        out.filesRead.append(indexPath)
        guard let index = try? JSONDecoder().decode(Index.self, from: Data(bytes)) else {
            out.issues.append(.error(indexPath, stage: name, "not a conda index.json with string \"name\" and \"version\""))
            return out
        }
        out.add(LockedPackage.observation(name: index.name, version: index.version, at: FileLocation(path: indexPath), origin: .installed,
                                          ecosystem: "conda", note: "unpacked conda package in the package cache"))
        return out
    }
}
