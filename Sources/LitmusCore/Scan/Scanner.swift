import FoundationEssentials
import LitmusAdvisories
import LitmusExtractors
import LitmusFormats
import LitmusHostChecks
import LitmusModel
import LitmusRules
import LitmusSystem
import LitmusWalk

/// Runs a scan: walks the roots, hands every claimed entry to its extractor, matches the
/// observations against the advisories, and assembles a ``ScanReport``.
///
/// A file named on the command line that no extractor claims is read as a requirements file
/// (pip accepts any name after `-r`). Claimed fifos, sockets and devices are never opened;
/// each becomes an error naming its path.
public struct Scanner: Sendable {
    /// The advisories to match.
    public let database: AdvisoryDatabase
    /// The extractors, in the order they are asked.
    public let extractors: [any Extractor]
    /// The host checks, asked after the extractors.
    public let hostChecks: [any HostCheck]
    /// The filesystem root host checks see (`/`, or the `--root` of an audit).
    public let root: String
    /// Walk settings.
    public let walkOptions: WalkOptions
    /// Keep a deduplicated inventory of package observations (for `--format cyclonedx`).
    public var collectsInventory = false

    /// Creates a scanner with every extractor and the host checks of `litmus scan`.
    public init(database: AdvisoryDatabase, walkOptions: WalkOptions = WalkOptions()) {
        self.init(database: database, extractors: Extractors.all,
                  hostChecks: HostChecks.make(HostChecks.scan, database: database), walkOptions: walkOptions)
    }

    /// Creates a scanner with chosen extractors and host checks.
    public init(database: AdvisoryDatabase, extractors: [any Extractor], hostChecks: [any HostCheck] = [],
                root: String = "/", walkOptions: WalkOptions) {
        self.database = database
        self.extractors = extractors
        self.hostChecks = hostChecks
        self.root = root
        self.walkOptions = walkOptions
    }

    /// The scanner `litmus audit` uses: every extractor and every host check, under `root`.
    public static func audit(database: AdvisoryDatabase, root: String, walkOptions: WalkOptions = WalkOptions()) -> Scanner {
        Scanner(database: database, extractors: Extractors.all, hostChecks: HostChecks.make(HostChecks.audit, database: database),
                root: root, walkOptions: walkOptions)
    }

    /// Scans `roots` and returns the report (findings deduplicated, repeats collapsed, sorted). `progress`, when
    /// given, is called about four times a second from another thread with (directories listed,
    /// environments found) until the walk ends.
    public func scan(_ roots: [String], command: String = "scan",
                     progress: (@Sendable (Int, Int) -> Void)? = nil) -> ScanReport {
        let started = Date()
        let matcher = Matcher(database: database)
        let collector = Collector(matcher: matcher, inventory: collectsInventory)
        let reader = LinkReader(followAll: walkOptions.followSymlinks)
        let extractors = self.extractors
        let checks = self.hostChecks
        let host = HostContext(database: database, files: reader, root: root)
        let walker = Walker(options: walkOptions)
        let ticker = progress.map { Ticker(walker: walker, collector: collector, report: $0) }
        ticker?.start()
        let summary = walker.walk(roots, wants: { name, parent, isDirectory in
            extractors.contains { $0.claims(name: name, parentName: parent, isDirectory: isDirectory) }
                || checks.contains { $0.claims(name: name, parentName: parent, isDirectory: isDirectory) }
        }, visit: { entry in
            collector.add(Self.extract(entry, extractors: extractors, checks: checks, host: host))
        })
        ticker?.stop()
        let extraction = collector.result
        let findings = collector.findings
        var report = ScanReport(command: command, roots: roots, database: database, startedAt: started)
        report.findings = findings
        report.issues = Array(Set(extraction.issues + summary.issues)).sorted()
        report.stats = ScanReport.Stats(directories: summary.directories, entries: summary.entries,
                                        filesRead: collector.filesReadCount,
                                        observations: collector.observationCount)
        report.skippedMounts = summary.skippedMounts
        report.environments = EnvironmentRecord.merged(extraction.environments)
        report.workingDirectory = FileManager.default.currentDirectoryPath
        report.excludePatterns = walkOptions.exclude.map(\.pattern)
        report.excluded = summary.excluded
        report.excludedCount = summary.excludedCount
        if collectsInventory {
            let (items, overflow) = collector.inventory
            report.inventory = items.sorted()
            report.inventoryCollected = true
            if overflow > 0 {
                report.issues.append(.warning(roots.first ?? ".", stage: "inventory",
                    "the inventory holds the first \(InventoryItem.limit) distinct package observations; \(overflow) more were matched against the advisories but are not listed in the SBOM"))
                report.issues.sort()
            }
        }
        report.finishedAt = Date()
        return report
    }

    /// One finding per identity (kind, advisory, package, version, place): the same pin reached
    /// directly and through an include is one finding; the first evidence in sorted order wins.
    static func deduplicated(_ findings: [Finding]) -> [Finding] {
        var seen = Set<String>()
        return findings.sorted { ($0, $0.evidence) < ($1, $1.evidence) }.filter { seen.insert($0.id).inserted }
    }

    static func extract(_ entry: FileEntry, extractors: [any Extractor], checks: [any HostCheck], host: HostContext) -> Extraction {
        let isDirectory = entry.kind == .directory
        var claiming = extractors.filter { $0.claims(name: entry.name, parentName: entry.parentName, isDirectory: isDirectory) }
        let checking = checks.filter { $0.claims(name: entry.name, parentName: entry.parentName, isDirectory: isDirectory) }
        if claiming.isEmpty && checking.isEmpty && entry.explicit, let fallback = extractors.first(where: { $0 is RequirementsTxt }) {
            claiming = [fallback]
        }
        var out = Extraction()
        if case .special(let word) = entry.kind {
            if !claiming.isEmpty || !checking.isEmpty || entry.explicit {
                out.issues.append(.error(entry.path, stage: "read", "not a regular file (\(word)); not read"))
            }
            // An indicator's name is evidence whatever the file is: a FIFO named
            // litellm_init.pth is never read (it could block), but it is still reported by name.
            if checking.contains(where: { $0 is IndicatorFiles }) { out.observations.append(IndicatorFiles.byNameOnly(entry)) }
            return out
        }
        let files = (host.files as? LinkReader)?.forEntry(entry) ?? host.files
        let entryHost = HostContext(database: host.database, files: files, root: host.root)
        for extractor in claiming { out.merge(extractor.extract(entry, files: files)) }
        for check in checking { out.merge(check.check(entry, in: entryHost)) }
        return out
    }
}

/// Gathers extractions from the walker's threads. Observations are matched as they arrive, on
/// the thread that made them, and only findings are kept: an audit makes an observation per
/// hashed file, and holding them all until the walk ends cost more memory than the walk.
final class Collector: @unchecked Sendable {
    private let matcher: Matcher
    private let lock = Platform.Condition()
    private var extraction = Extraction()
    private var matched = FindingCollapse()
    private var observations = 0
    private let keepsInventory: Bool
    private var items = Set<InventoryItem>()
    private var overflow = 0
    /// Files read, as 64-bit keys of their paths: the count of distinct files is all a report
    /// says, and an audit reads tens of thousands (paths kept whole cost megabytes).
    private var filesRead = Set<UInt64>()

    init(matcher: Matcher, inventory: Bool = false) {
        self.matcher = matcher
        self.keepsInventory = inventory
    }

    func add(_ e: Extraction) {
        guard !e.observations.isEmpty || !e.issues.isEmpty || !e.filesRead.isEmpty || !e.environments.isEmpty else { return }
        var found = FindingCollapse()
        var count = 0
        for o in e.observations {
            let repeats: [Int]
            if case .package(let p) = o { repeats = p.alsoAt } else { repeats = [] }
            count += 1 + repeats.count
            for f in matcher.findings(for: o) {
                found.add(f)
                for line in repeats {
                    var again = f
                    again.location.line = line
                    found.add(again)
                }
            }
        }
        var kept = e
        kept.observations = []
        kept.filesRead = []
        let read = e.filesRead.map(Self.pathKey)
        var packages: [InventoryItem] = []
        if keepsInventory {
            for case .package(let p) in e.observations {
                let item = InventoryItem(p)
                packages.append(item)
                for line in p.alsoAt.prefix(InventoryItem.limit) {
                    var again = item
                    again.location.line = line
                    packages.append(again)
                }
            }
        }
        lock.lock()
        extraction.merge(kept)
        matched.merge(found)
        observations += count
        filesRead.formUnion(read)
        for item in packages where !items.contains(item) {
            if items.count < InventoryItem.limit { items.insert(item) } else { overflow += 1 }
        }
        lock.unlock()
    }

    /// The distinct package observations kept, and how many more the limit turned away.
    var inventory: (Set<InventoryItem>, Int) {
        lock.lock()
        defer { lock.unlock() }
        return (items, overflow)
    }

    var environmentCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return Set(extraction.environments.map(\.path)).count
    }

    /// Issues and environments (observations and the paths of files read are not kept).
    var result: Extraction {
        lock.lock()
        defer { lock.unlock() }
        return extraction
    }

    /// Every finding made so far, repeats collapsed, sorted.
    var findings: [Finding] {
        lock.lock()
        defer { lock.unlock() }
        return matched.findings
    }

    /// How many distinct files were read.
    var filesReadCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return filesRead.count
    }

    /// A 64-bit FNV-1a key of a path (stable across runs; a collision would undercount by one).
    static func pathKey(_ path: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in path.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }

    /// How many observations were matched.
    var observationCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return observations
    }
}

/// Calls a progress closure periodically while a walk runs.
final class Ticker: @unchecked Sendable {
    private let walker: Walker
    private let collector: Collector
    private let report: @Sendable (Int, Int) -> Void
    private let done = Platform.Condition()
    private var stopped = false

    init(walker: Walker, collector: Collector, report: @escaping @Sendable (Int, Int) -> Void) {
        self.walker = walker
        self.collector = collector
        self.report = report
    }

    func start() {
        Platform.startThread { [self] in
            done.lock()
            while !stopped {
                done.wait(seconds: 0.25)
                if !stopped { report(walker.directoriesListed, collector.environmentCount) }
            }
            done.unlock()
        }
    }

    func stop() {
        done.lock()
        stopped = true
        done.broadcast()
        done.unlock()
    }
}
