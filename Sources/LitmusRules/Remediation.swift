import LitmusAdvisories
import LitmusModel

/// The "what to do" text of findings, built from the advisory's own remediation.
enum Remediation {
    static func forVersion(origin: Origin, advisory a: Advisory) -> String {
        let safe = a.safeVersions.map { " Safe versions: \($0)." } ?? ""
        let first: String
        switch origin {
        case .installed:
            first = "This environment has run or can run the malicious release: isolate the host, then remove the environment and rebuild it."
        case .locked:
            first = "Change the pin and regenerate the lockfile; every machine and image built from this lock installed the malicious release."
        case .artifact:
            first = "Delete this file and purge the cache or mirror that holds it; anything installed from it is compromised."
        case .declared:
            first = "Change the pin; every environment built from this file installed the malicious release."
        }
        return ([first + safe, a.remediation].filter { !$0.isEmpty }).joined(separator: " ")
    }

    static func forRange(advisory a: Advisory, admitted: [Version]) -> String {
        let exclusions = admitted.map { "!=\($0.description)" }.joined(separator: ",")
        let safe = a.safeVersions.map { " (safe: \($0))" } ?? ""
        return "Pin an exact safe version\(safe) or add \(exclusions) so no resolver can pick a compromised release; check the lockfile or environment built from this range."
    }

    static func forIndicator(_ indicator: FileIndicator, advisory a: Advisory) -> String {
        let start = indicator.name.hasSuffix(".pth")
            ? "Do not start Python from this environment (the .pth runs at every interpreter start). Preserve a copy for forensics, delete the file, and rebuild the environment."
            : "Preserve a copy for forensics, then remove the package and rebuild the environment."
        return ([start, a.remediation].filter { !$0.isEmpty }).joined(separator: " ")
    }

    static func forPersistence(advisory a: Advisory) -> String {
        "The payload ran on this host and installed persistence: preserve the file for forensics, stop and disable the unit (systemctl --user disable --now), remove it, and treat the host as compromised. " + a.remediation
    }

    static let forStartupHook = "Read the file without running Python. If it is not yours, do not start Python from this environment: preserve a copy, delete the file, rebuild the environment, and rotate credentials it could reach."

    static let forIntegrity = "Installed files no longer match what the package manager recorded: compare against a clean copy of the release, and rebuild the environment from a verified source."
}
