import LitmusFormats
import LitmusModel

/// Finds what a shell script installs: the commands of a `RUN` instruction, a workflow `run:`
/// step, a GitLab `script:` or a CircleCI `run:` step.
///
/// Commands are split at `&&`, `||`, `;`, `|` and line ends (a `\` at a line end continues it)
/// and words are split as the shell does for quotes. Read:
/// - `pip install`, `pip3 install`, `python -m pip install`, `uv pip install`, `pipx install`,
///   `pipx inject ENV`, `uv add`, `uv tool install`, `poetry add`: each requirement argument is a
///   PEP 508 requirement (poetry's and uv's `name@version` is `name==version`); `-r FILE`/`-c FILE`
///   are returned as includes for the caller to resolve;
/// - `docker run`/`docker pull`/`podman …` image arguments as container references;
/// - GitHub release downloads (`github.com/OWNER/REPO/releases/download/TAG/…`), the trivy
///   install script's version argument and `go install MODULE@VERSION` as Go module versions.
/// Exempt: words holding `$` (variables) are not evaluated; they are reported as unresolved so
/// the caller can warn.
enum ShellInstalls {
    /// One thing a script installs, at the script's line `line` (0-based from its first line).
    struct Item: Equatable {
        enum Kind: Equatable {
            case python(String)           // a PEP 508 requirement
            case include(String)          // -r / -c FILE
            case container(String)        // an image reference
            case goModule(String, String) // module, version
            case unresolved(String)       // a word with a variable
        }
        var kind: Kind
        var line: Int
        var tool: String
    }

    private static let valueOptions: Set<String> = [
        "-i", "--index-url", "--extra-index-url", "-f", "--find-links", "-t", "--target", "--prefix", "--root",
        "--python", "--trusted-host", "--platform", "--python-version", "--implementation", "--abi", "--src",
        "--upgrade-strategy", "--progress-bar", "--cache-dir", "--log", "--proxy", "--timeout", "--retries",
        "--only-binary", "--no-binary", "--config-settings", "-C", "--group", "--extra", "--optional", "--source",
        "--suffix", "--pip-args", "--spec", "--index", "--default-index", "--name", "-n", "-p", "--prefix-path",
        "-e", "--editable",
    ]

    /// Everything `script` installs.
    static func scan(_ script: String) -> [Item] {
        var out: [Item] = []
        for command in commands(script) {
            out += items(command.words, line: command.line)
        }
        return out
    }

    struct Command { var words: [String]; var line: Int }

    /// The simple commands of a script with the line each starts on.
    static func commands(_ script: String) -> [Command] {
        var out: [Command] = []
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character?
        var line = 0, start = 0
        var chars = Array(script)
        chars.append("\n")
        var i = 0
        func endWord() { if inWord { words.append(word); word = ""; inWord = false } }
        func endCommand() {
            endWord()
            if !words.isEmpty { out.append(Command(words: words, line: start)) }
            words = []
        }
        while i < chars.count {
            let c = chars[i]
            if let q = quote {
                if c == q { quote = nil } else if c == "\\" && q == "\"" && i + 1 < chars.count { i += 1; word.append(chars[i]) } else {
                    if c == "\n" { line += 1 }
                    word.append(c)
                }
                i += 1
                continue
            }
            switch c {
            case "'", "\"":
                quote = c
                inWord = true
            case "\\":
                if i + 1 < chars.count, chars[i + 1] == "\n" { line += 1; i += 1 } else if i + 1 < chars.count { word.append(chars[i + 1]); inWord = true; i += 1 }
            case " ", "\t", "\r":
                endWord()
            case "#" where !inWord:
                while i + 1 < chars.count, chars[i + 1] != "\n" { i += 1 }
            case "\n":
                endCommand()
                line += 1
                start = line
            case ";", "|", "&", "(", ")":
                endCommand()
                start = line
            default:
                if !inWord && words.isEmpty { start = line }
                word.append(c)
                inWord = true
            }
            i += 1
        }
        return out
    }

    private static func items(_ all: [String], line: Int) -> [Item] {
        var words = all
        while let first = words.first, first.contains("=") && !first.hasPrefix("-") || ["sudo", "env", "exec", "time", "nohup"].contains(first) || first.hasPrefix("-") && words.count > 1 && ["sudo", "env"].contains(all.first ?? "") {
            words.removeFirst()
        }
        guard let program = words.first.map(baseName) else { return [] }
        var out = downloads(all, line: line)
        let rest = Array(words.dropFirst())
        switch program {
        case "pip", "pip3", _ where program.hasPrefix("pip3."):
            if rest.first == "install" { out += requirements(Array(rest.dropFirst()), line: line, tool: "pip install") }
        case "python", "python3", _ where program.hasPrefix("python3."):
            if rest.count >= 3, rest[0] == "-m", rest[1] == "pip", rest[2] == "install" {
                out += requirements(Array(rest.dropFirst(3)), line: line, tool: "pip install")
            }
        case "uv":
            if rest.count >= 2, rest[0] == "pip", rest[1] == "install" { out += requirements(Array(rest.dropFirst(2)), line: line, tool: "uv pip install") }
            if rest.first == "add" { out += requirements(Array(rest.dropFirst()), line: line, tool: "uv add", atIsPin: true) }
            if rest.count >= 2, rest[0] == "tool", rest[1] == "install" { out += requirements(Array(rest.dropFirst(2)), line: line, tool: "uv tool install") }
        case "pipx":
            if rest.first == "install" { out += requirements(Array(rest.dropFirst()), line: line, tool: "pipx install") }
            if rest.first == "inject" { out += requirements(Array(rest.dropFirst(2)), line: line, tool: "pipx inject") }
        case "poetry":
            if rest.first == "add" { out += requirements(Array(rest.dropFirst()), line: line, tool: "poetry add", atIsPin: true) }
        case "docker", "podman", "nerdctl":
            if let verb = rest.first, ["run", "pull", "create"].contains(verb),
               let image = rest.dropFirst().first(where: { !$0.hasPrefix("-") }) {
                out.append(Item(kind: image.contains("$") ? .unresolved(image) : .container(image), line: line, tool: "\(program) \(verb)"))
            }
        case "go":
            if rest.first == "install" || rest.first == "get", let target = rest.dropFirst().first(where: { $0.contains("@") }) {
                let parts = target.split(separator: "@", maxSplits: 1).map(String.init)
                if parts.count == 2 { out.append(Item(kind: .goModule(goModule(parts[0]), parts[1]), line: line, tool: "go \(rest[0])")) }
            }
        default:
            break
        }
        return out
    }

    /// `github.com/OWNER/REPO/releases/download/TAG/…` in any word, and the trivy install
    /// script's version argument (`install.sh | sh -s -- -b DIR v0.69.4` is two commands, so the
    /// version is taken from a `sh -s -- … vX.Y.Z` command).
    private static func downloads(_ words: [String], line: Int) -> [Item] {
        var out: [Item] = []
        for word in words {
            guard let range = word.firstRange(of: "github.com/") else { continue }
            let parts = word[range.upperBound...].split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            if parts.count >= 5, parts[2] == "releases", parts[3] == "download", !parts[4].isEmpty {
                out.append(Item(kind: .goModule("github.com/\(parts[0])/\(parts[1])".lowercased(), parts[4]), line: line, tool: "release download"))
            }
        }
        if let first = words.first.map(baseName), ["sh", "bash"].contains(first), words.contains("-s"),
           let version = words.last, version.hasPrefix("v"), EcosystemFamily.isPlainRelease(String(version.dropFirst())) {
            out.append(Item(kind: .goModule("github.com/aquasecurity/trivy", version), line: line,
                            tool: "install script (the trivy installer's version argument)"))
        }
        return out
    }

    private static func requirements(_ args: [String], line: Int, tool: String, atIsPin: Bool = false) -> [Item] {
        var out: [Item] = []
        var i = 0
        while i < args.count {
            let arg = args[i]
            if arg == "-r" || arg == "--requirement" || arg == "-c" || arg == "--constraint" {
                if i + 1 < args.count { out.append(Item(kind: .include(args[i + 1]), line: line, tool: tool)) }
                i += 2
                continue
            }
            if arg.hasPrefix("--requirement=") || arg.hasPrefix("--constraint=") {
                out.append(Item(kind: .include(String(arg.split(separator: "=", maxSplits: 1)[1])), line: line, tool: tool))
                i += 1
                continue
            }
            if arg.hasPrefix("-") {
                i += valueOptions.contains(arg) ? 2 : 1
                continue
            }
            if arg.contains("$") {
                out.append(Item(kind: .unresolved(arg), line: line, tool: tool))
            } else if arg != "." && !arg.hasPrefix("./") && !arg.hasPrefix("/") {
                var text = arg
                if atIsPin, let at = text.firstIndex(of: "@"), !text.contains(" @ "), text[text.index(after: at)...].first?.isNumber == true {
                    text = String(text[..<at]) + "==" + String(text[text.index(after: at)...])
                }
                out.append(Item(kind: .python(text), line: line, tool: tool))
            }
            i += 1
        }
        return out
    }

    private static func goModule(_ path: String) -> String {
        // `github.com/aquasecurity/trivy/cmd/trivy` is a package of the module github.com/aquasecurity/trivy.
        let parts = path.split(separator: "/").map(String.init)
        if parts.first == "github.com", parts.count > 3 { return parts.prefix(3).joined(separator: "/") }
        return path
    }

    private static func baseName(_ word: String) -> String {
        word.split(separator: "/").last.map(String.init) ?? word
    }
}
