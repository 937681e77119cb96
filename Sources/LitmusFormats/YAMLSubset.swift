/// A strict parser for the YAML that dependency declarations and CI configurations use:
/// conda `environment.yml`, conda-lock and pixi lockfiles, pre-commit configs, GitHub Actions
/// workflows and composite actions, GitLab CI, CircleCI, compose files and Kubernetes manifests.
///
/// Supported: block mappings and sequences (including the compact `- item` under a key at the
/// key's own indentation), flow sequences and mappings, plain / single-quoted / double-quoted
/// scalars, all of them also spanning several lines with YAML 1.2 line folding
/// (``YAMLContinuation``), literal and folded block scalars (`|`, `>`, with chomping `+`/`-` and
/// indentation indicators), anchors (`&a`), aliases (`*a`) and merge keys (`<<: *a`,
/// `<<: [*a, *b]`), tags (`!reference`, `!!str`: accepted and dropped, the value is kept as
/// written), comments, several documents (`---`, `...`), `%YAML`/`%TAG` directives, CRLF line
/// breaks and a BOM. Everything else (complex keys, anchors on keys, aliases inside flow
/// collections, tab indentation, duplicate keys, inconsistent indentation, invalid UTF-8,
/// nesting deeper than ``maxDepth``, aliases that expand past ``maxExpandedNodes``) throws a
/// ``YAMLError`` with its line and column, so
/// nothing is ever silently skipped.
public enum YAMLSubset {
    /// Deepest nesting of collections accepted; bounds recursion so hostile
    /// input cannot exhaust the stack.
    public static let maxDepth = 128

    /// Most nodes a document may hold once aliases are expanded: extractors walk the expanded
    /// tree, so a "billion laughs" of nested aliases is refused instead of walked.
    public static let maxExpandedNodes = 1_000_000

    /// Parses the first document. An empty stream (or one holding only
    /// comments) is `.null(line: 1)`.
    public static func parse(_ bytes: [UInt8]) throws(YAMLError) -> YAMLNode {
        try parseDocuments(bytes).first ?? .null(line: 1)
    }

    /// Parses every document of a stream, in order; an empty stream has none, an empty
    /// document (`---` alone) is a null node.
    public static func parseDocuments(_ bytes: [UInt8]) throws(YAMLError) -> [YAMLNode] {
        let stream = try YAMLLineSplitter.split(bytes)
        var out: [YAMLNode] = []
        for lines in stream.documents {
            var parser = YAMLBlockParser(lines: lines, rawLines: stream.rawLines)
            out.append(try parser.parseDocument())
        }
        return out
    }
}
