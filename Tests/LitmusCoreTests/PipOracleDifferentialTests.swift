import Foundation
import Testing
@testable import LitmusExtractors
@testable import LitmusModel
@testable import LitmusSystem
@testable import LitmusWalk

/// pip is the specification of the requirements format: every file under `fixtures/` that the
/// requirements extractor claims is parsed by pip's own `parse_requirements` (in a throwaway
/// venv made offline by `python -m venv`, whose ensurepip installs the interpreter's bundled
/// pip), and litmus must see the same requirements: name, specifier, file and line.
///
/// Agreement, per requirement pip yields:
/// - named (pip builds an `InstallRequirement` with a name): litmus has an observation at the
///   same file and line, same PEP 503 name, same specifier set (or, for a direct reference to a
///   wheel or sdist, the version in its file name);
/// - litmus reports an error at that line instead (a specifier pip's older `packaging` still
///   takes as a legacy one): counted apart, as "litmus refuses", never as silent agreement;
/// - unnamed (a local path or URL pip must build to learn its name): litmus may name it from
///   the file name, or see nothing.
/// Every litmus observation must match a pip requirement at its line. When pip refuses a file
/// (an optparse error, an unreadable include), litmus must report at least one issue for it
/// and keep every requirement pip yielded before stopping.
/// litmus itself runs nothing; the test runs pip on fixture files.
@Suite(.serialized) struct PipOracleDifferentialTests {
    /// The interpreters whose bundled pip is the oracle: 3.11.7 (pip 23.2.1) must exist;
    /// 3.13.0 (pip 24.2) is used when present.
    static let required = "/root/.pyenv/versions/3.11.7/bin/python3"
    static let optional = ["/root/.pyenv/versions/3.13.0/bin/python3"]

    static let driver = #"""
    # Parses each requirements file named in argv[1] (one path a line) with pip's own parser.
    import json, os, sys
    import pip
    from pip._internal.network.session import PipSession
    from pip._internal.req.req_file import parse_requirements
    from pip._internal.req.constructors import install_req_from_parsed_requirement

    class NoNetwork(PipSession):
        def request(self, method, url, *args, **kwargs):
            if not url.lower().startswith("file:"):
                raise OSError("network refused by the test: " + url)
            return super().request(method, url, *args, **kwargs)

    def one(path):
        out = {"file": os.path.normpath(path), "requirements": [], "error": None}
        try:
            for parsed in parse_requirements(path, session=NoNetwork()):
                head, _, tail = parsed.comes_from.rpartition(" (line ")
                item = {"file": os.path.normpath(head[3:]), "line": int(tail.rstrip(")")), "name": None}
                try:
                    ireq = install_req_from_parsed_requirement(parsed)
                    if ireq.req is not None:
                        item["name"] = ireq.req.name
                        item["specifier"] = str(ireq.req.specifier)
                        item["url"] = ireq.req.url
                except Exception as e:
                    item["reqerror"] = type(e).__name__ + ": " + str(e)[:200]
                out["requirements"].append(item)
        except BaseException as e:
            out["error"] = type(e).__name__ + ": " + str(e)[:300]
        return out

    paths = open(sys.argv[1]).read().splitlines()
    json.dump({"pip": pip.__version__, "files": [one(p) for p in paths]}, sys.stdout)
    """#

    struct PipRequirement {
        var file: String
        var line: Int
        var name: String?
        var specifier: String?
        var url: String?
        var error: String?
    }

    struct PipFile {
        var file: String
        var requirements: [PipRequirement]
        var error: String?
    }

    /// Every fixture file the requirements extractor claims (by name, as the walk would).
    static func claimedFixtures() -> [String] {
        let root = (Fixtures.root.path + "/fixtures")
        let extractor = RequirementsTxt()
        var out: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let relative = enumerator?.nextObject() as? String {
            let path = root + "/" + relative
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let name = Paths.baseName(path)
            let parent = Paths.baseName(Paths.parent(of: path))
            if extractor.claims(name: name, parentName: parent, isDirectory: false) { out.append(path) }
        }
        return out.sorted()
    }

    static func run(_ executable: String, _ args: [String], in dir: String) throws -> (Int32, String, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = args
        // No ${VAR} pip could expand, no user config, a UTF-8 locale (pip 23's fallback encoding).
        p.environment = ["PATH": "/usr/bin:/bin", "HOME": dir, "LC_ALL": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1",
                         "PIP_CONFIG_FILE": "/dev/null", "PIP_NO_INPUT": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"]
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        // Read stderr on another thread so neither pipe fills while the other is drained.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    /// pip's view of `files`, from a fresh venv of `python`.
    static func pipParse(_ python: String, files: [String], in dir: String) throws -> (String, [PipFile]) {
        let venv = dir + "/venv"
        let (code, _, err) = try run(python, ["-m", "venv", venv], in: dir)
        try #require(code == 0, "python -m venv failed: \(err)")
        try Fixtures.write(driver, to: dir + "/driver.py")
        try Fixtures.write(files.joined(separator: "\n") + "\n", to: dir + "/files.txt")
        let (status, out, stderr) = try run(venv + "/bin/python", [dir + "/driver.py", dir + "/files.txt"], in: dir)
        try #require(status == 0, "the pip driver failed: \(stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        let version = try #require(json["pip"] as? String)
        let list = try #require(json["files"] as? [[String: Any]])
        return (version, list.map { f in
            PipFile(file: f["file"] as? String ?? "", requirements: (f["requirements"] as? [[String: Any]] ?? []).map { r in
                PipRequirement(file: r["file"] as? String ?? "", line: r["line"] as? Int ?? 0, name: r["name"] as? String,
                               specifier: r["specifier"] as? String, url: r["url"] as? String, error: r["reqerror"] as? String)
            }, error: f["error"] as? String)
        })
    }

    /// A specifier set as packaging prints it: each clause without spaces, sorted, comma-joined.
    static func canonicalSpecifier(_ text: String) -> String {
        text.split(separator: ",").map { String($0.unicodeScalars.filter { $0 != " " && $0 != "\t" }.map(Character.init)) }
            .filter { !$0.isEmpty }.sorted().joined(separator: ",")
    }

    static func normalized(_ path: String) -> String { URL(fileURLWithPath: path).standardized.path }

    struct Tally {
        var files = 0
        var pipRequirements = 0
        var agree = 0
        var litmusRefuses = 0
        var unnamed = 0
        var pipRefusedFiles = 0
        var mismatches: [String] = []
    }

    /// Compares litmus with one pip over `files`.
    static func compare(_ pipFiles: [PipFile], _ files: [String]) -> Tally {
        var tally = Tally()
        let extractor = RequirementsTxt()
        for (path, pip) in zip(files, pipFiles) {
            tally.files += 1
            let entry = FileEntry(path: path, name: Paths.baseName(path), parentName: Paths.baseName(Paths.parent(of: path)), kind: .file)
            let extraction = extractor.extract(entry, files: LinkReader(followAll: true))
            let observations: [PackageObservation] = extraction.observations.compactMap {
                guard case .package(let o) = $0, !(o.note ?? "").hasPrefix("bare name constrained by") else { return nil }
                return o
            }
            func key(_ file: String, _ line: Int) -> String { "\(normalized(file)):\(line)" }
            var litmusAt: [String: [PackageObservation]] = [:]
            for o in observations {
                // Identical lines are one observation with their further lines in `alsoAt`.
                for line in [o.location.line ?? 0] + o.alsoAt { litmusAt[key(o.location.path, line), default: []].append(o) }
            }
            let errorLines = Set(extraction.issues.filter { $0.level == .error }.map { key($0.location.path, $0.location.line ?? 0) })
            var pipLines = Set<String>()
            let rel = path.replacingOccurrences(of: (Fixtures.root.path + "/fixtures") + "/", with: "")
            for r in pip.requirements {
                tally.pipRequirements += 1
                let k = key(r.file, r.line)
                pipLines.insert(k)
                let here = litmusAt[k] ?? []
                guard let name = r.name, r.error == nil else {
                    // A local path or URL pip must build to name (or cannot build here): litmus
                    // may name it from the file name, or see no package.
                    tally.unnamed += 1
                    continue
                }
                let wanted = canonicalSpecifier(r.specifier ?? "")
                let match = here.first { o in
                    guard o.name == PackageName(name) else { return false }
                    switch o.requirement {
                    case .version:
                        return wanted == "" && r.url != nil || wanted == "==" + o.requirementText || wanted == "===" + o.requirementText
                    case .unconstrained:
                        return wanted == ""
                    default:
                        return canonicalSpecifier(o.requirementText) == wanted
                    }
                }
                if match != nil {
                    tally.agree += 1
                } else if errorLines.contains(k) {
                    tally.litmusRefuses += 1
                } else {
                    tally.mismatches.append("\(rel): pip has \(name)\(r.specifier ?? "") at \(r.file):\(r.line); litmus has \(here.map { "\($0.name)\($0.requirementText)" })")
                }
            }
            if let error = pip.error {
                tally.pipRefusedFiles += 1
                if extraction.issues.isEmpty { tally.mismatches.append("\(rel): pip refuses it (\(error)), litmus reports nothing") }
            } else {
                for (k, os) in litmusAt where !pipLines.contains(k) {
                    tally.mismatches.append("\(rel): litmus has \(os.map { "\($0.name)\($0.requirementText)" }) at \(k); pip has nothing there")
                }
            }
        }
        return tally
    }

    @Test func pipParsesEveryRequirementsFixtureAsLitmusDoes() throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.required), "\(Self.required) is needed: the oracle never skips")
        let files = Self.claimedFixtures()
        #expect(files.count >= 50, "the fixture tree holds the requirements files (found \(files.count))")
        var pythons = [Self.required]
        pythons += Self.optional.filter { FileManager.default.isExecutableFile(atPath: $0) }
        for python in pythons {
            let dir = try Fixtures.temporaryDirectory("litmus-pip-oracle")
            defer { Fixtures.cleanUp(dir) }
            let (version, pipFiles) = try Self.pipParse(python, files: files, in: dir)
            #expect(pipFiles.count == files.count)
            let t = Self.compare(pipFiles, files)
            print("pip \(version): \(t.agree)/\(t.pipRequirements - t.unnamed) named requirements agree over \(t.files) files"
                  + " (\(t.litmusRefuses) litmus reports as errors, \(t.unnamed) unnamed or unbuildable, \(t.pipRefusedFiles) files pip refuses)")
            #expect(t.mismatches.isEmpty, "pip \(version) and litmus disagree:\n\(t.mismatches.joined(separator: "\n"))")
            #expect(t.agree > 0)
        }
    }
}
