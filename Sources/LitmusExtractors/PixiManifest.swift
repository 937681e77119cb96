import LitmusModel
import LitmusWalk

/// pixi's `pixi.toml` manifest: conda and PyPI dependencies of every feature and target, read by
/// ``PixiTables``.
public struct PixiManifest: Extractor {
    /// `pixi.toml`.
    public let name = "pixi.toml"

    /// Creates the extractor.
    public init() {}

    /// See ``Extractor/claims(name:parentName:isDirectory:)``.
    public func claims(name: String, parentName: String, isDirectory: Bool) -> Bool {
        !isDirectory && name == "pixi.toml"
    }

    /// See ``Extractor/extract(_:files:)``.
    public func extract(_ entry: FileEntry, files: any FileReading) -> Extraction {
        var out = Extraction()
        guard let (root, _) = ManifestInput.toml(entry.path, files: files, stage: name, into: &out) else { return out }
        PixiTables.read(root, path: entry.path, stage: name, into: &out)
        return out
    }
}
