/// Builds the observation of a locked or installed package from its name and version text,
/// shared by the conda-lock, pixi.lock and conda package-cache readers.
package enum LockedPackage {
    /// The observation; a version that is not PEP 440 (conda allows `1.1.1w`) is kept as text
    /// and compared as `===` would, so nothing is dropped and nothing is guessed.
    package static func observation(name: String, version: String, at location: FileLocation, origin: Origin,
                            ecosystem: String, note: String? = nil) -> PackageObservation {
        let requirement: Requirement = Version.parse(version).map { .version($0) } ?? .arbitrary(version)
        return PackageObservation(name: PackageName(name), requirement: requirement, requirementText: version,
                                  location: location, origin: origin, ecosystem: ecosystem, note: note)
    }
}
