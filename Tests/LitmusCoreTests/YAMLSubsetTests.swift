import Testing
@testable import LitmusFormats

/// Parses a Swift string as YAML-subset bytes.
fileprivate func parseYAML(_ text: String) throws(YAMLError) -> YAMLNode {
    try YAMLSubset.parse(Array(text.utf8))
}

/// The error thrown for `bytes`, or nil when parsing succeeded.
fileprivate func yamlError(_ bytes: [UInt8]) -> YAMLError? {
    do {
        _ = try YAMLSubset.parse(bytes)
        return nil
    } catch {
        return error
    }
}

/// The scalar texts of a sequence, with `nil` for non-scalars.
fileprivate func texts(_ node: YAMLNode?) -> [String?] {
    (node?.sequenceItems ?? []).map(\.scalarValue)
}

// MARK: - Realistic conda environment files

/// Shape of `conda env export` output (2-space indented list, pip list at 6).
fileprivate let condaExport = """
name: agents
channels:
  - conda-forge
  - defaults
dependencies:
  - _libgcc_mutex=0.1=conda_forge
  - _openmp_mutex=4.5=2_gnu
  - bzip2=1.0.8=hd590300_5
  - ca-certificates=2024.2.2=hbcca054_0
  - litellm=1.82.6=pyhd8ed1ab_0
  - pip=24.0=pyhd8ed1ab_0
  - python=3.11.8=hab00c5b_0_cpython
  - pip:
      - aiohttp==3.9.3
      - litellm==1.82.6
      - openai==1.14.0
prefix: /home/dev/miniconda3/envs/agents

"""

/// Hand-written style: compact sequences at the key's indentation, comments,
/// quoted entries, `-r`, and `variables:`.
fileprivate let condaHandWritten = """
# Environment for the proxy service
name: proxy-env
channels:
- conda-forge
- nodefaults
dependencies:
- python=3.11
- litellm==1.82.6   # pinned after the March incident
- "numpy>=1.26"
- conda-forge::fastapi
- litellm=1.82.6
- pip
# pip-only packages follow
- pip:
  - -r requirements.txt
  - --index-url https://pypi.org/simple
  - litellm==1.82.6
  - git+https://github.com/org/repo.git#egg=tool
  - 'litellm[proxy] @ https://example.com/litellm-1.82.6-py3-none-any.whl'
variables:
  LITELLM_LOG: DEBUG
  OPENAI_BASE_URL: "http://localhost:4000"
  EMPTY:

"""

/// Windows-edited file: BOM, CRLF, `---`/`...`, flow channel list, nulls.
fileprivate let condaWindows =
    "\u{FEFF}---\r\n" +
    "name: ml\r\n" +
    "channels: [conda-forge, \"defaults\"]  # flow style\r\n" +
    "dependencies:\r\n" +
    "    - python=3.12.*\r\n" +
    "    - litellm>=1.80,<1.83\r\n" +
    "    - pip:\r\n" +
    "        - \"litellm[proxy]==1.82.6\"\r\n" +
    "prefix: ~\r\n" +
    "...\r\n"

@Test func condaExportParses() throws {
    let root = try parseYAML(condaExport)
    #expect(root.mappingEntries?.map(\.key) == ["name", "channels", "dependencies", "prefix"])
    #expect(root["name"] == .scalar("agents", line: 1))
    #expect(texts(root["channels"]) == ["conda-forge", "defaults"])
    let deps = try #require(root["dependencies"]?.sequenceItems)
    #expect(deps.count == 8)
    #expect(deps[4] == .scalar("litellm=1.82.6=pyhd8ed1ab_0", line: 10))
    let pip = try #require(deps[7]["pip"])
    #expect(pip == .sequence([
        .scalar("aiohttp==3.9.3", line: 14),
        .scalar("litellm==1.82.6", line: 15),
        .scalar("openai==1.14.0", line: 16),
    ], line: 14))
    #expect(deps[7] == .mapping([YAMLEntry(key: "pip", value: pip, line: 13)], line: 13))
    #expect(root["prefix"]?.scalarValue == "/home/dev/miniconda3/envs/agents")
}

@Test func condaHandWrittenParses() throws {
    let root = try parseYAML(condaHandWritten)
    #expect(root.line == 2)
    #expect(texts(root["channels"]) == ["conda-forge", "nodefaults"])
    let deps = try #require(root["dependencies"]?.sequenceItems)
    #expect(deps.prefix(6).map(\.scalarValue) == [
        "python=3.11", "litellm==1.82.6", "numpy>=1.26", "conda-forge::fastapi", "litellm=1.82.6", "pip",
    ])
    #expect(deps[1].line == 8)
    let pip = try #require(deps.last?["pip"])
    #expect(texts(pip) == [
        "-r requirements.txt",
        "--index-url https://pypi.org/simple",
        "litellm==1.82.6",
        "git+https://github.com/org/repo.git#egg=tool",
        "litellm[proxy] @ https://example.com/litellm-1.82.6-py3-none-any.whl",
    ])
    #expect((pip.sequenceItems ?? []).map(\.line) == [15, 16, 17, 18, 19])
    let variables = try #require(root["variables"])
    #expect(variables["LITELLM_LOG"]?.scalarValue == "DEBUG")
    #expect(variables["OPENAI_BASE_URL"]?.scalarValue == "http://localhost:4000")
    #expect(variables["EMPTY"] == .null(line: 23))
}

@Test func condaWindowsParses() throws {
    let root = try parseYAML(condaWindows)
    #expect(root["name"] == .scalar("ml", line: 2))
    #expect(root["channels"] == .sequence([.scalar("conda-forge", line: 3), .scalar("defaults", line: 3)], line: 3))
    let deps = try #require(root["dependencies"]?.sequenceItems)
    #expect(deps.map(\.scalarValue) == ["python=3.12.*", "litellm>=1.80,<1.83", nil])
    #expect(deps[2]["pip"] == .sequence([.scalar("litellm[proxy]==1.82.6", line: 8)], line: 8))
    #expect(root["prefix"] == .null(line: 9))
}

// MARK: - Scalars, comments, flow

@Test(arguments: [
    ("a: plain text  ", "plain text"),
    ("a: 'it''s # not a comment'", "it's # not a comment"),
    ("a: \"tab\\there \\\"q\\\" \\\\ \\x41\\u00e9\\U0001F600\"", "tab\there \"q\" \\ A\u{e9}\u{1F600}"),
    ("a: b#c # comment", "b#c"),
    ("a: http://x.y/z:8080", "http://x.y/z:8080"),
    ("a: caf\u{e9} # ok", "caf\u{e9}"),
    ("\"quoted key\": v", "v"),
    ("a: \"null\"", "null"),
    ("a: true", "true"),
])
func scalarForms(source: String, expected: String) throws {
    let root = try parseYAML(source)
    #expect(root.mappingEntries?.first?.value.scalarValue == expected)
}

@Test(arguments: ["a:", "a: ~", "a: null", "a: NULL", "a:   # nothing"])
func nullForms(source: String) throws {
    #expect(try parseYAML(source) == .mapping([YAMLEntry(key: "a", value: .null(line: 1), line: 1)], line: 1))
}

@Test func flowCollections() throws {
    let root = try parseYAML("a: [x, 'y', \"z\", [1, 2], {k: v, n: }, ]\nb: {}\nc: []")
    let items = try #require(root["a"]?.sequenceItems)
    #expect(items.prefix(3).map(\.scalarValue) == ["x", "y", "z"])
    #expect(texts(items[3]) == ["1", "2"])
    #expect(items[4] == .mapping([
        YAMLEntry(key: "k", value: .scalar("v", line: 1), line: 1),
        YAMLEntry(key: "n", value: .null(line: 1), line: 1),
    ], line: 1))
    #expect(root["b"] == .mapping([], line: 2))
    #expect(root["c"] == .sequence([], line: 3))
}

@Test func nestedSequencesAndMappingsInItems() throws {
    let root = try parseYAML("- - a\n  - b\n- k: 1\n  j:\n    - x\n- \n-\n  z\n")
    let items = try #require(root.sequenceItems)
    #expect(texts(items[0]) == ["a", "b"])
    #expect(items[1]["k"]?.scalarValue == "1")
    #expect(texts(items[1]["j"]) == ["x"])
    #expect(items[2] == .null(line: 6))
    #expect(items[3] == .scalar("z", line: 8))
}

@Test(arguments: ["", "\n\n", "# only a comment\n", "---\n", "\u{FEFF}"])
func emptyDocuments(source: String) throws {
    #expect(try parseYAML(source) == .null(line: 1))
}

// MARK: - Rejections

/// An unsupported input and where the error must point.
struct YAMLRejectCase: Sendable, CustomTestStringConvertible {
    let source: String
    let line: Int
    let column: Int
    let fragment: String
    var testDescription: String { fragment + ": " + source.debugDescription }
}

@Test(arguments: [
    YAMLRejectCase(source: "a: 1\nb: *x", line: 2, column: 4, fragment: "alias"),
    YAMLRejectCase(source: "a: |x\n  t", line: 1, column: 5, fragment: "block scalar header"),
    YAMLRejectCase(source: "a: |#c\n  t", line: 1, column: 5, fragment: "block scalar header"),
    YAMLRejectCase(source: "a: 1\n%YAML 1.2\n---", line: 2, column: 1, fragment: "directive"),
    YAMLRejectCase(source: "%YAML 1.2\na: 1", line: 2, column: 1, fragment: "directives"),
    YAMLRejectCase(source: "- *a x", line: 1, column: 5, fragment: "whole value"),
    YAMLRejectCase(source: "a: &x &y 1", line: 1, column: 7, fragment: "at most one anchor"),
    YAMLRejectCase(source: "<<: 1", line: 1, column: 1, fragment: "merge key"),
    YAMLRejectCase(source: "a: &x [1]\nb: [*x]", line: 2, column: 5, fragment: "alias"),
    YAMLRejectCase(source: "&a key: v", line: 1, column: 1, fragment: "anchor"),
    YAMLRejectCase(source: "a: [x, *b]", line: 1, column: 8, fragment: "alias"),
    YAMLRejectCase(source: "--- a", line: 1, column: 5, fragment: "'---' line"),
    YAMLRejectCase(source: "a:\n\tb: 1", line: 2, column: 1, fragment: "tab"),
    YAMLRejectCase(source: "a:\n  \tb: 1", line: 2, column: 3, fragment: "tab"),
    YAMLRejectCase(source: "-\tx", line: 1, column: 2, fragment: "tab"),
    YAMLRejectCase(source: "a: 1\nb: 2\na: 3", line: 3, column: 1, fragment: "duplicate key 'a'"),
    YAMLRejectCase(source: "- x: 1\n  x: 2", line: 2, column: 3, fragment: "duplicate key"),
    YAMLRejectCase(source: "a: {x: 1, x: 2}", line: 1, column: 11, fragment: "duplicate key"),
    YAMLRejectCase(source: "a:\n    b: 1\n  c: 2", line: 3, column: 3, fragment: "indentation"),
    YAMLRejectCase(source: "a: 1\n  b: 2", line: 2, column: 4, fragment: "': '"),
    YAMLRejectCase(source: "deps:\n  - a\n - b", line: 3, column: 2, fragment: "indentation"),
    YAMLRejectCase(source: "  a: 1\nb: 2", line: 2, column: 1, fragment: "indentation"),
    YAMLRejectCase(source: "a: 1\n- b", line: 2, column: 1, fragment: "sequence item"),
    YAMLRejectCase(source: "a: 1\nplain", line: 2, column: 1, fragment: "key: value"),
    YAMLRejectCase(source: "? a\n: b", line: 1, column: 1, fragment: "complex"),
    YAMLRejectCase(source: "a: b: c", line: 1, column: 5, fragment: "': '"),
    YAMLRejectCase(source: "a: - b", line: 1, column: 4, fragment: "block sequence"),
    YAMLRejectCase(source: "a: 'open", line: 1, column: 4, fragment: "unterminated single-quoted"),
    YAMLRejectCase(source: "a: \"open\nb: 1", line: 1, column: 4, fragment: "unterminated double-quoted"),
    YAMLRejectCase(source: "a: 'x\n---\ny'", line: 1, column: 4, fragment: "unterminated single-quoted"),
    YAMLRejectCase(source: "a: \"x\ny\"", line: 2, column: 1, fragment: "indented deeper"),
    YAMLRejectCase(source: "a: [1,\n2]", line: 2, column: 1, fragment: "indented deeper"),
    YAMLRejectCase(source: "a:\n  b: [1,\n  2]", line: 3, column: 3, fragment: "indented deeper"),
    YAMLRejectCase(source: "a: one\n  two: x", line: 2, column: 6, fragment: "': '"),
    YAMLRejectCase(source: "a: \"x\" y", line: 1, column: 8, fragment: "unexpected characters"),
    YAMLRejectCase(source: "a: \"\\q\"", line: 1, column: 5, fragment: "unknown escape"),
    YAMLRejectCase(source: "a: \"\\uD800\"", line: 1, column: 5, fragment: "Unicode scalar"),
    YAMLRejectCase(source: "a: \"\\x4\"", line: 1, column: 8, fragment: "hexadecimal"),
    YAMLRejectCase(source: "a: [1, 2", line: 1, column: 9, fragment: "unterminated flow"),
    YAMLRejectCase(source: "a: [1,\nb: 2", line: 1, column: 7, fragment: "unterminated flow"),
    YAMLRejectCase(source: "a: [1,\n  2 x: 1]", line: 2, column: 6, fragment: "flow sequence"),
    YAMLRejectCase(source: "a: [x: 1]", line: 1, column: 6, fragment: "flow sequence"),
    YAMLRejectCase(source: "a: [1,,2]", line: 1, column: 7, fragment: "empty entry"),
    YAMLRejectCase(source: "a: [1] x", line: 1, column: 8, fragment: "unexpected characters"),
    YAMLRejectCase(source: ": v", line: 1, column: 1, fragment: "empty mapping key"),
    YAMLRejectCase(source: "a: 1\rb: 2", line: 1, column: 5, fragment: "carriage return"),
    YAMLRejectCase(source: "a: x\u{0}y", line: 1, column: 5, fragment: "control character"),
    YAMLRejectCase(source: "x: 1\ny: caf\u{e9} \u{7F}", line: 2, column: 9, fragment: "control character"),
])
func rejectsUnsupported(_ rejection: YAMLRejectCase) throws {
    let error = try #require(yamlError(Array(rejection.source.utf8)))
    #expect(error.line == rejection.line)
    #expect(error.column == rejection.column)
    #expect(error.message.contains(rejection.fragment), "\(error)")
}

@Test(arguments: [
    ([UInt8]("name: ok\ndeps:\n  - caf".utf8) + [0xC3, 0x28], 3, 8),
    ([UInt8]("a: ".utf8) + [0xFF], 1, 4),
    ([UInt8]("a: ".utf8) + [0xED, 0xA0, 0x80], 1, 4),
    ([UInt8]("a: ".utf8) + [0xC0, 0xAF], 1, 4),
    ([UInt8]("a: ".utf8) + [0xE2, 0x82], 1, 4),
])
func rejectsInvalidUTF8(bytes: [UInt8], line: Int, column: Int) throws {
    let error = try #require(yamlError(bytes))
    #expect(error.line == line)
    #expect(error.column == column)
    #expect(error.message.contains("UTF-8"))
}

/// A deeply nested input, described briefly so test output stays readable.
struct YAMLDeepInput: Sendable, CustomTestStringConvertible {
    let name: String
    let source: String
    var testDescription: String { name }
}

@Test(arguments: [
    YAMLDeepInput(name: "10,000 compact '- '", source: String(repeating: "- ", count: 10_000) + "x"),
    YAMLDeepInput(name: "10,000 flow '['", source: "a: " + String(repeating: "[", count: 10_000)),
    YAMLDeepInput(name: "10,000 flow '{k: '", source: "a: " + String(repeating: "{k: ", count: 10_000)),
    YAMLDeepInput(name: "200 indented keys", source: (0..<200).map { String(repeating: " ", count: $0) + "k:" }.joined(separator: "\n")),
    YAMLDeepInput(name: "200 indented dashes", source: (0..<200).map { String(repeating: " ", count: $0 * 2) + "-" }.joined(separator: "\n")),
])
func rejectsExcessiveNesting(_ input: YAMLDeepInput) throws {
    let error = try #require(yamlError(Array(input.source.utf8)))
    #expect(error.message.contains("nesting deeper than \(YAMLSubset.maxDepth)"), "\(error)")
    #expect(error.line >= 1)
}

@Test func acceptsNestingWithinLimit() throws {
    let source = (0..<100).map { String(repeating: " ", count: $0) + "k:" }.joined(separator: "\n")
    var node = try parseYAML(source)
    var depth = 0
    while let next = node["k"] {
        node = next
        depth += 1
    }
    #expect(depth == 100)
    #expect(node == .null(line: 100))
}

@Test func errorDescriptionNamesPosition() {
    let error = YAMLError(line: 3, column: 7, message: "tags ('!') are not supported")
    #expect(error.description == "line 3, column 7: tags ('!') are not supported")
}

/// Truncations and byte flips of the samples must parse or throw, never trap.
@Test func mutatedInputsNeverCrash() {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int(truncatingIfNeeded: state >> 33)
    }
    let samples = [condaExport, condaHandWritten, condaWindows].map { Array($0.utf8) }
    let interesting: [UInt8] = Array(" -:#'\"[]{},\t\r\n&*!|>%?\\".utf8) + [0, 0xFF, 0xC3]
    for sample in samples {
        for length in 0...sample.count {
            _ = yamlError(Array(sample.prefix(length)))
        }
        for _ in 0..<1_500 {
            var bytes = sample
            for _ in 0..<(1 + next() % 4) {
                bytes[next() % bytes.count] = interesting[next() % interesting.count]
            }
            _ = yamlError(bytes)
        }
    }
}

@Test(arguments: [
    ("a: |\n  x\n  y\n", "x\ny\n"),
    ("a: |-\n  x\n\n", "x"),
    ("a: |+\n  x\n\n", "x\n\n"),
    ("a: >\n  one\n  two\n\n  three\n", "one two\nthree\n"),
    ("a: >\n  one\n    more\n  two\n", "one\n  more\ntwo\n"),
    ("a: |2\n    indented\n", "  indented\n"),
    ("a: |\n  # not a comment\n  \tkept tab\n", "# not a comment\n\tkept tab\n"),
    ("- |\n  item\n- b\n", "item\n"),
])
func blockScalars(source: String, expected: String) throws {
    let node = try parseYAML(source)
    let value = node["a"]?.scalarValue ?? node.sequenceItems?.first?.scalarValue
    #expect(value == expected)
}

@Test func blockScalarEndsAtDedentAndKeepsLines() throws {
    let node = try parseYAML("steps:\n  - run: |\n      pip install litellm==1.82.8\n\n      echo done\n    name: x\n  - uses: a/b@v1\n")
    let steps = try #require(node["steps"]?.sequenceItems)
    #expect(steps.count == 2)
    #expect(steps[0]["run"] == .scalar("pip install litellm==1.82.8\n\necho done\n", line: 2))
    #expect(steps[0]["name"]?.scalarValue == "x")
    #expect(steps[1]["uses"]?.line == 7)
}

@Test func anchorsAliasesAndMergeKeys() throws {
    let node = try parseYAML("""
        .base: &base
          image: python:3.11
          variables: {A: "1"}
        job:
          <<: *base
          image: override
        list:
          - &pin litellm==1.82.8
          - *pin
        tagged: !reference [.base, image]
        """)
    #expect(node["job"]?["image"]?.scalarValue == "override")
    #expect(node["job"]?["variables"]?["A"]?.scalarValue == "1")
    #expect(node["job"]?.line(of: "variables") == 3)
    #expect(node["list"]?.sequenceItems?.map(\.scalarValue) == ["litellm==1.82.8", "litellm==1.82.8"])
    #expect(node["tagged"]?.sequenceItems?.count == 2)
}

@Test func multipleDocuments() throws {
    let docs = try YAMLSubset.parseDocuments(Array("a: 1\n---\nb: 2\n...\n---\n# empty\n".utf8))
    #expect(docs.count == 3)
    #expect(docs[1]["b"] == .scalar("2", line: 3))
    #expect(docs[2].isNull)
    #expect(try YAMLSubset.parseDocuments(Array("%YAML 1.2\n---\na: 1\n".utf8)).count == 1)
    #expect(try YAMLSubset.parseDocuments([]).isEmpty)
}

@Test func aliasExpansionIsBounded() {
    var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
    for level in 1...7 {
        text += "a\(level): &a\(level)\n" + String(repeating: "  - *a\(level - 1)\n", count: 10)
    }
    #expect(yamlError(Array(text.utf8))?.message.contains("aliases expand") == true)
}

// MARK: - Values spanning several lines (YAML 1.2 line folding)

@Test(arguments: [
    ("a: one\n  two\n\n  three\nb: x", "one two\nthree"),                          // plain, folded
    ("a: one   \n   two # c\nb: x", "one two"),                                   // a comment ends it
    ("a: 'one\n  two  \n\n\n  it''s'\nb: x", "one two\n\nit's"),                 // single-quoted
    ("a: \"one \\\n    two\\t\n  three\"\nb: x", "one two\t three"),            // escaped break, protected tab
    ("a: \"x\n\n  \"\nb: x", "x\n"),
    ("- a\n  b\n- c", "a b"),
    ("a:\n  multi\n  line\nb: x", "multi line"),
])
func multiLineScalars(source: String, expected: String) throws {
    let root = try parseYAML(source)
    let value = root.mappingEntries?.first?.value ?? root.sequenceItems?.first
    #expect(value?.scalarValue == expected)
    #expect(value?.line == (source.hasPrefix("a:\n") ? 2 : 1))
}

@Test func multiLineFlowCollectionsKeepEachItemsLine() throws {
    let root = try parseYAML("""
        deps: [
          "litellm==1.82.8",  # pinned
          httpx,
          'a
           b', [x,
          y], two
            words,
        ]
        env: {A: 1,
          B: [2,
            3], C: }
        after: z
        """)
    let deps = try #require(root["deps"])
    #expect(deps.line == 1)
    #expect(deps.sequenceItems?.map(\.line) == [2, 3, 4, 5, 6])
    #expect(texts(deps).prefix(3) == ["litellm==1.82.8", "httpx", "a b"])
    #expect(texts(deps.sequenceItems?[3]) == ["x", "y"])
    #expect(deps.sequenceItems?[4].scalarValue == "two words")
    let env = try #require(root["env"])
    #expect(env.mappingEntries?.map(\.line) == [9, 10, 11])
    #expect(texts(env["B"]) == ["2", "3"])
    #expect(env["B"]?.sequenceItems?.map(\.line) == [10, 11])
    #expect(env["C"] == .null(line: 11))
    #expect(root["after"] == .scalar("z", line: 12))
}

/// A `]` or `}` closing a flow collection under its key (or further left) is read, as PyYAML and
/// ruamel.yaml read it; other continuation lines that shallow are refused.
@Test func closingBracketAtTheKeysIndentation() throws {
    let root = try parseYAML("a:\n  b: [\n    x,\n  ]\n  c: {k: v,\n}\n")
    #expect(texts(root["a"]?["b"]) == ["x"])
    #expect(root["a"]?["b"]?.sequenceItems?.first?.line == 3)
    #expect(root["a"]?["c"]?["k"] == .scalar("v", line: 5))
}
