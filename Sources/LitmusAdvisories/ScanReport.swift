import FoundationEssentials
import LitmusModel
import LitmusSystem
import LitmusWalk

/// Everything a scan learnt: what was covered, what was found, what could not be read.
/// Reporters render it; the exit code is derived from it.
public struct ScanReport: Sendable {
    /// Counts of what the scan covered.
    public struct Stats: Sendable, Equatable {
        /// Directories listed.
        public var directories = 0
        /// Non-directory entries seen.
        public var entries = 0
        /// Files read by extractors.
        public var filesRead = 0
        /// Package and file observations made.
        public var observations = 0

        /// Creates stats.
        public init(directories: Int = 0, entries: Int = 0, filesRead: Int = 0, observations: Int = 0) {
            self.directories = directories
            self.entries = entries
            self.filesRead = filesRead
            self.observations = observations
        }
    }

    /// The tool's name.
    public static let toolName = "litmus"
    /// The tool's version.
    public static let toolVersion = "0.1.0"

    /// `scan` or `audit`.
    public var command: String
    /// The paths scanned, as given.
    public var roots: [String]
    /// The advisory data version (newest `modified` date).
    public var advisoryDataVersion: String
    /// The advisories matched against (SARIF turns each into a rule).
    public var advisories: [Advisory]
    /// The host the scan ran on.
    public var hostName: String
    /// When the scan started and finished.
    public var startedAt: Date
    /// When the scan finished.
    public var finishedAt: Date
    /// Findings, sorted by path, line, package.
    public var findings: [Finding] = []
    /// Errors and warnings, sorted.
    public var issues: [ScanIssue] = []
    /// Coverage counts.
    public var stats = Stats()
    /// Kernel filesystem mount points not entered.
    public var skippedMounts: [String] = []
    /// Python environments and package caches the scan covered.
    public var environments: [EnvironmentRecord] = []
    /// Home directories checked for persistence (`audit`).
    public var homes: [String] = []
    /// Findings set aside by the config file's `[[ignore]]` entries, with their reasons; they
    /// never count for the exit code.
    public var ignored: [IgnoredFinding] = []
    /// The config file whose ignore entries were applied, if any.
    public var configPath: String?
    /// The audited root's `/etc/machine-id` (`audit` only; nil when missing or malformed).
    public var machineID: String?
    /// The working directory the scan ran in (relative paths are relative to it), if known.
    public var workingDirectory: String?
    /// The `--exclude` patterns applied.
    public var excludePatterns: [String] = []
    /// Paths `--exclude` kept out of the walk (a pruned directory is one entry), sorted; at
    /// most ``ScanReport/excludedListLimit`` are listed, ``ScanReport/excludedCount`` counts all.
    public var excluded: [String] = []
    /// How many paths `--exclude` kept out (directories count once, whatever they hold).
    public var excludedCount = 0
    /// Package observations kept for an SBOM (only when an output asks for it), sorted.
    public var inventory: [InventoryItem] = []
    /// Whether the inventory was collected (false: the output did not need one).
    public var inventoryCollected = false

    /// Most excluded paths listed by name in a report.
    public static let excludedListLimit = WalkSummary.excludedListLimit

    /// Starts a report.
    public init(command: String, roots: [String], database: AdvisoryDatabase, startedAt: Date) {
        self.command = command
        self.roots = roots
        self.advisoryDataVersion = database.dataVersion
        self.advisories = database.advisories
        self.hostName = Platform.hostName
        self.startedAt = startedAt
        self.finishedAt = startedAt
    }

    /// Errors only.
    public var errors: [ScanIssue] { issues.filter { $0.level == .error } }
    /// Warnings only.
    public var warnings: [ScanIssue] { issues.filter { $0.level == .warning } }

    /// Seconds between start and finish.
    public var duration: TimeInterval { finishedAt.timeIntervalSince(startedAt) }

    /// The exit status: 1 when a finding is at or above `failOn` (nil: never), else 3 when
    /// any error left the scan incomplete, else 0. Findings always win over errors.
    public func exitCode(failOn: Severity?) -> Int32 {
        if let failOn, findings.contains(where: { $0.severity >= failOn }) { return ExitCode.findings }
        return errors.isEmpty ? ExitCode.clean : ExitCode.incomplete
    }
}

/// litmus's exit statuses, documented in the README.
public enum ExitCode {
    /// Nothing at or above `--fail-on`, and the scan was complete.
    public static let clean: Int32 = 0
    /// At least one finding at or above `--fail-on`.
    public static let findings: Int32 = 1
    /// Bad usage or a fatal error (e.g. an unreadable `--advisories` file).
    public static let usage: Int32 = 2
    /// Some path could not be read or parsed, and nothing qualifying was found.
    public static let incomplete: Int32 = 3
}
