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
            DistributionFile(indicators: advisories.fileIndicators.map(\.indicator)),
            IndicatorFiles(indicators: advisories.fileIndicators.map(\.indicator)),
        ]
    }
}
