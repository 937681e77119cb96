/// The registry: every extractor litmus runs, in the order they are asked. Extractors know
/// nothing of advisories; host checks (``HostChecks``) are listed apart.
public enum Extractors {
    /// Every extractor, for `scan` and `audit` alike.
    public static let all: [any Extractor] = [
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
        ToxToml(),
        HatchToml(),
        PreCommitConfig(),
        GitHubWorkflow(),
        Dockerfile(),
        ContainerConfigs(),
        GoModule(),
        DistributionFile(),
        PipHTTPCache(),
        CondaMeta(),
    ]
}
