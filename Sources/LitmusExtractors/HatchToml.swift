import LitmusFormats
import LitmusModel
import LitmusWalk

/// Hatch's own configuration file `hatch.toml`: the schema of `[tool.hatch]` without the prefix,
/// so `[envs.NAME] dependencies` and `extra-dependencies` are PEP 508 lists, each string placed on
/// its own line. (A `pyproject.toml`'s `[tool.hatch.envs.*]` is read by ``Pyproject`` with the
/// same code.) `overrides` entries for those options (and their `set-` forms), strings or
/// `{ value = "…", if = […] }` tables, are read whatever their condition. Exempt: `template`
/// inheritance is not followed, as every environment's own lists are read anyway; matrix
/// variables and override conditions are not evaluated.
public struct HatchToml: Extractor {
    /// `hatch.toml`.
    public let name = "hatch.toml"

    /// Creates the extractor.
    public init() {}

    /// See ``Extractor/claims(name:parentName:isDirectory:)``.
    public func claims(name: String, parentName: String, isDirectory: Bool) -> Bool {
        !isDirectory && name == "hatch.toml"
    }

    /// See ``Extractor/extract(_:files:)``.
    public func extract(_ entry: FileEntry, files: any FileReading) -> Extraction {
        var out = Extraction()
        guard let (root, lines) = ManifestInput.toml(entry.path, files: files, stage: name, into: &out) else { return out }
        var reader = ListReader(path: entry.path, lines: lines, stage: name)
        Self.readEnvironments(root, into: &reader)
        out.merge(reader.out)
        return out
    }

    /// `envs.*.dependencies` and `envs.*.extra-dependencies` of a hatch table (`hatch.toml`'s
    /// document, or `[tool.hatch]`).
    static func readEnvironments(_ hatch: TOMLTable, into reader: inout ListReader) {
        for (_, env) in hatch["envs"]?.table?.pairs ?? [] {
            guard let env = env.table else { continue }
            for key in ["dependencies", "extra-dependencies"] { reader.list(env, key) }
            // `overrides.<platform|env|matrix|name>.<condition>.<option>`: hatch adds (or, as
            // `set-<option>`, sets) these entries when the condition holds; read whatever it is.
            for (_, source) in env["overrides"]?.table?.pairs ?? [] {
                for (_, condition) in source.table?.pairs ?? [] {
                    guard let options = condition.table else { continue }
                    for key in ["dependencies", "extra-dependencies", "set-dependencies", "set-extra-dependencies"] {
                        reader.list(options, key, valueTables: true)
                    }
                }
            }
        }
    }
}
