import LitmusFormats
import LitmusModel
import LitmusWalk

/// Reading and parsing a YAML file for an extractor; failures become ``ScanIssue``s that name
/// the stage, the path, the line and the column.
enum YAMLInput {
    /// The first document of the file, or nil after recording why it could not be read.
    static func document(_ path: String, files: any FileReading, stage: String, into out: inout Extraction) -> YAMLNode? {
        documents(path, files: files, stage: stage, into: &out)?.first
    }

    /// Every document of the file (`---` separated), or nil after recording why not.
    static func documents(_ path: String, files: any FileReading, stage: String, into out: inout Extraction) -> [YAMLNode]? {
        guard let bytes = ManifestInput.bytes(path, files: files, stage: stage, into: &out) else { return nil }
        do {
            return try YAMLSubset.parseDocuments(bytes)
        } catch {
            out.issues.append(.error(path, line: error.line, stage: stage, "not readable YAML (column \(error.column)): \(error.message)"))
            return nil
        }
    }
}
