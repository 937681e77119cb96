import LitmusAdvisories

/// The registry of host checks: static lists of types, instantiated per database.
public enum HostChecks {
    /// Every host check `litmus audit` runs, in the order they are asked.
    public static let audit: [any HostCheck.Type] = [
        IndicatorFiles.self,
        StartupHooks.self,
        ZipPathEntries.self,
        InstallIntegrity.self,
        EnvironmentDiscovery.self,
        CondaPackageCache.self,
    ]

    /// The host checks `litmus scan` runs too: an indicator file (`litellm_init.pth`, a
    /// persistence unit) is evidence wherever it lies.
    public static let scan: [any HostCheck.Type] = [
        IndicatorFiles.self,
    ]

    /// Instances of `types` for `database`.
    public static func make(_ types: [any HostCheck.Type], database: AdvisoryDatabase) -> [any HostCheck] {
        types.map { $0.init(database: database) }
    }
}
