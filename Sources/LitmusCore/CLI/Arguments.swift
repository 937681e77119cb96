import LitmusFormats
import LitmusModel

/// A command-line option a command accepts.
public struct OptionSpec: Sendable {
    /// Long name (`--format`) and optional short name (`-o`).
    public var long: String
    /// Short name, if any.
    public var short: String?
    /// Whether it takes a value.
    public var takesValue: Bool
    /// Placeholder for help (`FORMAT`).
    public var valueName: String
    /// Help text.
    public var help: String

    /// Creates an option.
    public init(_ long: String, short: String? = nil, value: String? = nil, help: String) {
        self.long = long
        self.short = short
        self.takesValue = value != nil
        self.valueName = value ?? ""
        self.help = help
    }
}

/// A usage mistake: one line for stderr, exit status 2.
public struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The message (without the "litmus: error:" prefix).
    public var message: String
    /// The command whose help the message points to ("" for top level).
    public var command: String

    /// Creates a usage error.
    public init(_ message: String, command: String = "") {
        self.message = message
        self.command = command
    }

    /// `litmus: error: MESSAGE (see 'litmus COMMAND --help')`.
    public var description: String {
        let help = command.isEmpty ? "litmus --help" : "litmus \(command) --help"
        return "litmus: error: \(message) (see '\(help)')"
    }
}

/// Parsed command-line words: option values by long name, and positional arguments.
public struct ParsedArguments: Sendable, Equatable {
    /// Values of options that take one, in order, by long name (repeatable options keep all).
    public var values: [String: [String]] = [:]
    /// Flags that were given, by long name.
    public var flags: Set<String> = []
    /// Positional arguments.
    public var positionals: [String] = []

    /// The last value of an option.
    public func value(_ long: String) -> String? { values[long]?.last }

    /// Parses `words` against `options` for `command`. Accepts `--opt value`, `--opt=value`,
    /// `-o value`, `-ovalue`, and `--` to end options. Unknown options, missing values and
    /// values given to flags are usage errors.
    public static func parse(_ words: [String], options: [OptionSpec], command: String) throws(UsageError) -> ParsedArguments {
        var out = ParsedArguments()
        var i = 0
        var optionsEnded = false
        while i < words.count {
            let word = words[i]
            i += 1
            if optionsEnded || word == "-" || !word.hasPrefix("-") {
                out.positionals.append(word)
                continue
            }
            if word == "--" { optionsEnded = true; continue }
            let (name, attached) = split(word)
            guard let spec = options.first(where: { $0.long == name || ($0.short != nil && $0.short == name) }) else {
                throw UsageError("unknown option '\(Escape.display(name))' for 'litmus \(command)'", command: command)
            }
            if spec.takesValue {
                if let attached {
                    out.values[spec.long, default: []].append(attached)
                } else if i < words.count {
                    out.values[spec.long, default: []].append(words[i])
                    i += 1
                } else {
                    throw UsageError("option '\(spec.long)' needs a value (\(spec.valueName))", command: command)
                }
            } else {
                guard attached == nil else { throw UsageError("option '\(spec.long)' takes no value", command: command) }
                out.flags.insert(spec.long)
            }
        }
        return out
    }

    private static func split(_ word: String) -> (String, String?) {
        if word.hasPrefix("--") {
            guard let eq = word.firstIndex(of: "=") else { return (word, nil) }
            return (String(word[..<eq]), String(word[word.index(after: eq)...]))
        }
        if word.count > 2 { return (String(word.prefix(2)), String(word.dropFirst(2))) }
        return (word, nil)
    }
}
