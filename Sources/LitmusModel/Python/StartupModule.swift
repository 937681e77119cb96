/// The file the import system loads for a top-level module from one `sys.path` directory, in
/// the order CPython's `FileFinder` tries: a package directory holding `__init__` with any
/// loader suffix, then a module file; within each, extension modules, then source (`.py`), then
/// sourceless bytecode (`.pyc`, the legacy location beside the source). A directory without an
/// `__init__` is a namespace portion that executes nothing. Names match case-sensitively, as on
/// Linux. Pure: the caller lists the directory (following links, as `stat` does).
public struct StartupModule: Sendable, Equatable {
    /// How the module is loaded.
    public enum Form: String, Sendable, Equatable {
        /// `name.py`.
        case source
        /// `name.pyc` without a source beside it.
        case bytecode
        /// `name.cpython-3XY-….so`, `name.abi3.so` or `name.so`.
        case extensionModule = "extension module"
        /// `name/__init__.*`.
        case package
    }

    /// The modules `site` imports at start-up: `sitecustomize` always, `usercustomize` when the
    /// user site is enabled.
    public static let hookNames = ["sitecustomize", "usercustomize"]

    /// The module name.
    public let name: String
    /// The file loaded, relative to the directory (`sitecustomize/__init__.py` for a package).
    public let file: String
    /// How it is loaded.
    public let form: Form
    /// Memberwise (explicit, so other modules can make one).
    package init(name: String, file: String, form: Form) {
        self.name = name
        self.file = file
        self.form = form
    }

    /// The file `import name` would load from a directory whose regular files (links followed)
    /// are `files` and whose subdirectories are `directories`; `packageFiles` lists the regular
    /// files of a subdirectory. `release` narrows the extension-module tags (nil: any CPython 3).
    public static func find(_ name: String, files: Set<String>, directories: Set<String>,
                            packageFiles: (String) -> Set<String>, release: CPythonRelease?) -> StartupModule? {
        if directories.contains(name) {
            let inside = packageFiles(name)
            if let initFile = firstMatch("__init__", in: inside, release: release) {
                return StartupModule(name: name, file: name + "/" + initFile.file, form: .package)
            }
        }
        guard let match = firstMatch(name, in: files, release: release) else { return nil }
        return StartupModule(name: name, file: match.file, form: match.form)
    }

    private static func firstMatch(_ stem: String, in files: Set<String>, release: CPythonRelease?) -> (file: String, form: Form)? {
        let extensions = files.filter { isExtensionModule($0, stem: stem, release: release) }.sorted()
        if let ext = extensions.first { return (ext, .extensionModule) }
        if files.contains(stem + ".py") { return (stem + ".py", .source) }
        if files.contains(stem + ".pyc") { return (stem + ".pyc", .bytecode) }
        return nil
    }

    /// `stem.so`, `stem.abi3.so` or `stem.cpython-3XY[t]-<platform>.so` for `release`.
    static func isExtensionModule(_ file: String, stem: String, release: CPythonRelease?) -> Bool {
        if file == stem + ".so" { return true }
        guard file.count > stem.count + 4, file.hasPrefix(stem + "."), file.hasSuffix(".so") else { return false }
        let middle = file.dropFirst(stem.count + 1).dropLast(3)
        if middle == "abi3" { return true }
        guard middle.hasPrefix("cpython-3") else { return false }
        let afterMajor = middle.dropFirst(9)
        guard let dash = afterMajor.firstIndex(of: "-") else { return false }
        var tag = afterMajor[..<dash]
        if tag.hasSuffix("t") { tag = tag.dropLast() }
        guard !tag.isEmpty, tag.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        guard let release else { return true }
        return tag == "\(release.minor)"
    }
}
