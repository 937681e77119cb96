import LitmusFormats
import LitmusModel
import LitmusWalk

/// Reading and parsing a manifest or lockfile for an extractor, turning every failure into a
/// ``ScanIssue`` that names the stage, the path and (for parse errors) the line and column.
enum ManifestInput {
    /// The file's bytes, or nil after recording why they could not be read.
    static func bytes(_ path: String, files: any FileReading, stage: String, into out: inout Extraction) -> [UInt8]? {
        do {
            let bytes = try files.read(path, limit: ReadLimits.manifest)
            out.filesRead.append(path)
            return bytes
        } catch {
            out.issues.append(.error(path, stage: stage, "cannot read: \(error.message)"))
            return nil
        }
    }

    /// The file as text (UTF-8, BOM dropped), or nil after recording why not.
    static func text(_ path: String, files: any FileReading, stage: String, into out: inout Extraction) -> String? {
        guard let bytes = bytes(path, files: files, stage: stage, into: &out) else { return nil }
        guard let (text, warnings) = TextDecoding.decode(bytes, path: path, stage: stage) else {
            out.issues.append(TextDecoding.binary(path, stage: stage))
            return nil
        }
        out.issues += warnings
        return text
    }

    /// The parsed TOML document and its source lines, or nil after recording the parse error
    /// (with its line; a truncated file fails at its last line).
    static func toml(_ path: String, files: any FileReading, stage: String, into out: inout Extraction) -> (TOMLTable, SourceLines)? {
        guard let bytes = bytes(path, files: files, stage: stage, into: &out) else { return nil }
        do {
            let table = try TOML.parse(bytes)
            return (table, SourceLines(bytes))
        } catch {
            out.issues.append(.error(path, line: error.line, stage: stage,
                                     "not valid TOML (column \(error.column)): \(error.message)"))
            return nil
        }
    }
}
