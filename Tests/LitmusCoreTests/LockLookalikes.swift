/// Names and versions that resemble the compromised releases but are not them; shared by the
/// per-format tests. None may ever be flagged.
enum LockLookalikes {
    static let pairs: [(String, String)] = [
        ("litellm-proxy-extras", "1.82.7"), ("lite-llm", "1.82.8"), ("litellm", "1.82.70"),
        ("litellm", "1.82.7.post1"), ("litellm", "1.82.7rc1"), ("litellm", "1!1.82.8"),
    ]

    /// `[[header]]` tables with `name`/`version` for each pair.
    static func toml(header: String) -> String {
        pairs.map { "[[\(header)]]\nname = \"\($0.0)\"\nversion = \"\($0.1)\"\n" }.joined(separator: "\n")
    }
}
