/// One logical requirements line split as pip's `parse_line` splits it: `break_args_options`
/// (the words, split on single spaces, before the first that starts with `-` are the
/// requirement), `shlex.split` of the rest (POSIX mode, no comments), then `optparse` with the
/// options pip accepts in requirements files (long options may be abbreviated to a unique
/// prefix; `-rfile`, `--requirement=file`, `--pre -r other.txt` all work).
///
/// The option table is the union of pip 23.2 to 25.3: `--global-option` (gone in pip 25) and
/// `--use-feature=build-constraint` (new in 25) are accepted. Where optparse would raise, pip
/// refuses the whole file; litmus records the message and keeps what it could parse.
struct PipOptionLine {
    /// The requirement part (`args_str`), possibly empty.
    var args: String
    var requirements: [String] = []
    var constraints: [String] = []
    var editables: [String] = []
    /// Positional words among the options, which optparse collects and pip ignores.
    var ignored: [String] = []
    /// Options other than `-r`/`-c`/`-e` that were given (long names).
    var others: [String] = []
    /// Why pip would refuse the line (the first optparse or shlex error), if it would.
    var error: String?

    /// Splits `line` (already stripped and free of comments).
    @_optimize(speed)
    init(_ line: String) {
        let bytes = Array(line.utf8)
        var split = bytes.count
        for i in bytes.indices where bytes[i] == UInt8(ascii: "-") && (i == 0 || bytes[i - 1] == 0x20) {
            split = i
            break
        }
        args = split == 0 ? "" : String(decoding: bytes[0..<(split == bytes.count ? split : split - 1)], as: UTF8.self)
        guard split < bytes.count else { return }
        switch Self.shlexSplit(bytes[split...]) {
        case .failure(let message): error = "Could not split options: \(message.message)"
        case .success(let words): parse(words)
        }
    }

    /// What an option does with its value.
    enum Kind { case requirement, constraint, editable, hash, configSettings, useFeature, binary, value, flag }

    struct Option {
        var short: String?
        var long: [String]
        var kind: Kind
        var takesValue: Bool { kind != .flag }
    }

    static let options: [Option] = [
        Option(short: "-i", long: ["--index-url", "--pypi-url"], kind: .value),
        Option(long: ["--extra-index-url"], kind: .value),
        Option(long: ["--no-index"], kind: .flag),
        Option(short: "-c", long: ["--constraint"], kind: .constraint),
        Option(short: "-r", long: ["--requirement"], kind: .requirement),
        Option(short: "-e", long: ["--editable"], kind: .editable),
        Option(short: "-f", long: ["--find-links"], kind: .value),
        Option(long: ["--no-binary"], kind: .binary),
        Option(long: ["--only-binary"], kind: .binary),
        Option(long: ["--prefer-binary"], kind: .flag),
        Option(long: ["--require-hashes"], kind: .flag),
        Option(long: ["--pre"], kind: .flag),
        Option(long: ["--trusted-host"], kind: .value),
        Option(long: ["--use-feature"], kind: .useFeature),
        Option(long: ["--global-option"], kind: .value),
        Option(long: ["--hash"], kind: .hash),
        Option(short: "-C", long: ["--config-settings"], kind: .configSettings),
    ]

    static let byLongName: [String: Option] = {
        var out: [String: Option] = [:]
        for option in options { for long in option.long { out[long] = option } }
        return out
    }()

    static let features: Set<String> = ["fast-deps", "truststore", "no-binary-enable-wheel-cache", "build-constraint"]

    /// optparse's `_match_abbrev`: an exact long name, else the only one it is a prefix of.
    @_optimize(speed)
    static func longOption(_ name: String) -> Result<Option, ParseMessage> {
        if let exact = byLongName[name] { return .success(exact) }
        var matches: [(String, Option)] = []
        for option in options { for long in option.long where long.hasPrefix(name) { matches.append((long, option)) } }
        if matches.count == 1 { return .success(matches[0].1) }
        if matches.isEmpty { return .failure(ParseMessage("no such option: \(name)")) }
        return .failure(ParseMessage("ambiguous option: \(name) (\(matches.map(\.0).sorted().joined(separator: ", "))?)"))
    }

    private mutating func fail(_ message: String) { if error == nil { error = message } }

    /// optparse's `_process_args` (interspersed positional words are collected, `--` ends options).
    @_optimize(speed)
    private mutating func parse(_ words: [String]) {
        var rest = words[...]
        while let arg = rest.first {
            rest = rest.dropFirst()
            if arg == "--" { ignored += rest; return }
            if arg.hasPrefix("--") {
                var name = arg
                var explicit: String?
                if let eq = arg.firstIndex(of: "=") {
                    name = String(arg[..<eq])
                    explicit = String(arg[arg.index(after: eq)...])
                }
                let option: Option
                switch Self.longOption(name) {
                case .failure(let e): fail(e.message); continue
                case .success(let o): option = o
                }
                if option.takesValue {
                    if let explicit {
                        apply(option, explicit, as: name)
                    } else if let value = rest.first {
                        rest = rest.dropFirst()
                        apply(option, value, as: name)
                    } else {
                        fail("\(option.long[0]) option requires 1 argument")
                    }
                } else if explicit != nil {
                    fail("\(option.long[0]) option does not take a value")
                } else {
                    others.append(option.long[0])
                }
            } else if arg.hasPrefix("-") && arg.count > 1 {
                // A cluster of short options; each short option here takes a value: the rest of
                // the word, or the next word.
                let letter = "-" + String(arg.dropFirst().prefix(1))
                guard let option = Self.options.first(where: { $0.short == letter }) else {
                    fail("no such option: \(letter)")
                    continue
                }
                let attached = String(arg.dropFirst(2))
                if !attached.isEmpty {
                    apply(option, attached, as: letter)
                } else if let value = rest.first {
                    rest = rest.dropFirst()
                    apply(option, value, as: letter)
                } else {
                    fail("\(letter) option requires 1 argument")
                }
            } else {
                ignored.append(arg)
            }
        }
    }

    @_optimize(speed)
    private mutating func apply(_ option: Option, _ value: String, as spelled: String) {
        switch option.kind {
        case .requirement: requirements.append(value)
        case .constraint: constraints.append(value)
        case .editable: editables.append(value)
        case .hash:
            let utf8 = value.utf8
            if let colon = utf8.firstIndex(of: UInt8(ascii: ":")) {
                let algorithm = utf8[..<colon]
                if !(algorithm.elementsEqual("sha256".utf8) || algorithm.elementsEqual("sha384".utf8) || algorithm.elementsEqual("sha512".utf8)) {
                    fail("Allowed hash algorithms for \(spelled) are sha256, sha384, sha512.")
                }
            } else {
                fail("Arguments to \(spelled) must be a hash name followed by a value, like --hash=sha256:abcde...")
            }
            return
        case .configSettings:
            if !value.contains("=") { fail("Arguments to \(spelled) must be of the form KEY=VAL") }
        case .useFeature:
            if !Self.features.contains(value) { fail("option \(spelled): invalid choice") }
        case .binary:
            if value.hasPrefix("-") { fail("--no-binary / --only-binary option requires 1 argument.") }
        case .value, .flag: break
        }
        if ![.requirement, .constraint, .editable].contains(option.kind) { others.append(option.long[0]) }
    }

    /// `shlex.split(s)`: POSIX rules, whitespace ` \t\r\n`, quotes `'` and `"`, `\` escapes
    /// outside quotes and (before `"` or `\`) inside double quotes.
    @_optimize(speed)
    static func shlexSplit(_ s: ArraySlice<UInt8>) -> Result<[String], ParseMessage> {
        var words: [String] = []
        var token: [UInt8] = []
        var inToken = false
        var quote: UInt8 = 0
        var i = s.startIndex
        func isWhite(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A }
        while i < s.endIndex {
            let c = s[i]
            if quote == UInt8(ascii: "'") {
                if c == quote { quote = 0 } else { token.append(c) }
            } else if quote == UInt8(ascii: "\"") {
                if c == quote {
                    quote = 0
                } else if c == UInt8(ascii: "\\") {
                    i += 1
                    guard i < s.endIndex else { return .failure(ParseMessage("No escaped character")) }
                    let next = s[i]
                    if next != quote && next != UInt8(ascii: "\\") { token.append(c) }
                    token.append(next)
                } else {
                    token.append(c)
                }
            } else if isWhite(c) {
                if inToken { words.append(String(decoding: token, as: UTF8.self)); token = []; inToken = false }
            } else if c == UInt8(ascii: "\\") {
                i += 1
                guard i < s.endIndex else { return .failure(ParseMessage("No escaped character")) }
                token.append(s[i])
                inToken = true
            } else if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") {
                quote = c
                inToken = true
            } else {
                token.append(c)
                inToken = true
            }
            i += 1
        }
        if quote != 0 { return .failure(ParseMessage("No closing quotation")) }
        if inToken { words.append(String(decoding: token, as: UTF8.self)) }
        return .success(words)
    }
}
