/// The registry: every extractor litmus runs, in the order they are asked.
public enum Extractors {
    /// The standard extractor list for a scan against `advisories`.
    public static func standard(advisories: AdvisoryDatabase) -> [any Extractor] {
        [
            RequirementsTxt(),
            DistInfo(),
            UvLock(),
            PoetryLock(),
            PdmLock(),
            Pylock(),
            Pipfile(),
            PipfileLock(),
            Pyproject(),
            SetupCfg(),
            CondaEnvironment(),
            PixiManifest(),
            PixiLock(),
            CondaLock(),
            ToxIni(),
            PreCommitConfig(),
            DistributionFile(indicators: advisories.fileIndicators.map(\.indicator)),
            IndicatorFiles(indicators: advisories.fileIndicators.map(\.indicator),
                           persistence: advisories.advisories.flatMap(\.persistenceIndicators)),
        ]
    }

    /// The machine-audit list: the standard extractors plus environment discovery, startup-hook
    /// ownership, RECORD integrity of the advisories' packages, conda records and pip's HTTP cache.
    public static func audit(advisories: AdvisoryDatabase, root: String) -> [any Extractor] {
        standard(advisories: advisories) + [
            SitePackages(root: root),
            InstallIntegrity(database: advisories),
            PipHTTPCache(indicators: advisories.fileIndicators.map(\.indicator)),
            CondaMeta(),
            EnvironmentMarkers(),
        ]
    }
}
