extension RecordFile {
    /// The RECORD path if it names a file inside the environment, or nil.
    ///
    /// RECORD is attacker-writable, and ``RecordEntry/path`` is returned verbatim; anything that
    /// opens, hashes or reports files from RECORD must pass each path through this first, so a
    /// hostile RECORD cannot make litmus read `/etc/shadow` or `../../root/.ssh/id_rsa`.
    /// Rejects: empty paths, absolute paths (`/x`, and `C:`-style drive prefixes), any `..`
    /// component, NUL bytes and other C0 control characters, and backslashes (a Windows
    /// separator that would hide a `..\` component from the check). `.` components and
    /// repeated slashes are dropped, so the result is a clean relative path.
    /// Legitimate RECORDs list `../../bin/script` for console scripts; those lie outside
    /// site-packages and are rejected too — callers that need them resolve them separately.
    public static func safeRelativePath(_ path: String) -> String? {
        guard !path.isEmpty, !path.hasPrefix("/") else { return nil }
        guard !path.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "\\") }) else { return nil }
        let components = path.split(separator: "/", omittingEmptySubsequences: true)
        // "C:..." as a first component is a drive-absolute or drive-relative Windows path.
        if let first = components.first.map(Array.init), first.count >= 2, first[1] == ":", first[0].isLetter { return nil }
        var kept: [Substring] = []
        for component in components {
            if component == ".." { return nil }
            if component != "." { kept.append(component) }
        }
        guard !kept.isEmpty else { return nil }
        return kept.joined(separator: "/")
    }
}
