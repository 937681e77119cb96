import FoundationEssentials
import LitmusAdvisories
import LitmusSystem
import LitmusModel

/// Where the CLI writes, and what it knows of its surroundings; tests pass their own.
public struct Console: Sendable {
    /// Writes to standard output.
    public var out: @Sendable (String) -> Void
    /// Writes to standard error.
    public var err: @Sendable (String) -> Void
    /// Whether standard output is a terminal.
    public var stdoutIsTerminal: Bool
    /// Environment variables litmus reads (`NO_COLOR`).
    public var environment: [String: String]

    /// Creates a console.
    public init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void,
                stdoutIsTerminal: Bool, environment: [String: String]) {
        self.out = out
        self.err = err
        self.stdoutIsTerminal = stdoutIsTerminal
        self.environment = environment
    }

    /// The process's real standard output and error.
    public static var standard: Console {
        Console(out: { Platform.write(1, $0) },
                err: { Platform.write(2, $0) },
                stdoutIsTerminal: Platform.isTerminal(1),
                environment: Platform.environmentVariables)
    }
}

/// The command line: `litmus scan|audit|fleet|advisories|version|help`. Returns the exit status.
public enum CLI {
    /// Runs `arguments` (without the program name) on the real console and ends the process
    /// with the exit status.
    public static func main(_ arguments: [String]) -> Never {
        Platform.exit(run(arguments, console: .standard))
    }

    /// Runs `arguments` (without the program name).
    public static func run(_ arguments: [String], console: Console) -> Int32 {
        guard let first = arguments.first else {
            console.out(Help.topLevel)
            return ExitCode.usage
        }
        let rest = Array(arguments.dropFirst())
        do {
            switch first {
            case "scan": return try ScanCommand.run(rest, console: console)
            case "audit": return try AuditCommand.run(rest, console: console)
            case "fleet": return try FleetCommand.run(rest, console: console)
            case "advisories": return try AdvisoriesCommand.run(rest, console: console)
            case "version", "--version": return try VersionCommand.run(rest, console: console)
            case "help", "--help", "-h":
                console.out(rest.first.flatMap(Help.command(_:)) ?? Help.topLevel)
                return ExitCode.clean
            default:
                throw UsageError("unknown command '\(Escape.display(first))'; commands are scan, audit, fleet, advisories, version, help")
            }
        } catch let error as UsageError {
            console.err(error.description + "\n")
            return ExitCode.usage
        } catch let error as FatalError {
            console.err("litmus: error: \(error.message)\n")
            return ExitCode.usage
        } catch {
            console.err("litmus: error: \(error)\n")
            return ExitCode.usage
        }
    }
}

/// A non-usage failure that stops the run (unreadable advisory file, unwritable output).
public struct FatalError: Error, Sendable {
    /// One line saying what failed, naming the path.
    public var message: String

    /// Creates a fatal error.
    public init(_ message: String) { self.message = message }
}
