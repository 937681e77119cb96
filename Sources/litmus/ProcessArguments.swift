// The Swift runtime on Linux builds `CommandLine.arguments` from /proc/self/cmdline, so
// without /proc (a chroot, a rescue shell, a minimal container) litmus would see no
// arguments. glibc passes argc and argv to every `.init_array` function of the executable,
// static or dynamic, before `main`; this one keeps them.

/// The argument vector as the kernel gave it, captured before `main` runs.
enum ProcessArguments {
    nonisolated(unsafe) static var count: Int32 = 0
    nonisolated(unsafe) static var vector: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?

    /// The arguments after the program name, or nil when none were captured (a C library
    /// that does not pass argv to initialisers) or they do not look like an argv.
    static var afterProgramName: [String]? {
        guard let vector, count >= 1, count < 1 << 20, vector[Int(count)] == nil else { return nil }
        var out: [String] = []
        for i in 1..<Int(count) {
            guard let argument = vector[i] else { return nil }
            out.append(String(cString: argument))
        }
        return out
    }
}

@used @section(".init_array")
let captureProcessArguments: @convention(c) (Int32, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                                            UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Void = { argc, argv, _ in
    ProcessArguments.count = argc
    ProcessArguments.vector = argv
}

// The static runtime's start-up code (its backtracer) asks where the Swift runtime lives to
// find a `swift-backtrace` helper; in a static executable that answer comes only from
// /proc/self/exe, and without /proc the runtime aborts ("Unable to obtain Swift runtime
// path"). Package.swift links with `--wrap=swift_copyAuxiliaryExecutablePath`, so the call
// lands here: there is no helper beside a copied binary anyway, and crash backtraces are
// simply not symbolicated. In a dynamic build the runtime's own call is not wrapped and this
// function is unused.
@_cdecl("__wrap_swift_copyAuxiliaryExecutablePath")
func noAuxiliaryExecutable(_ name: UnsafePointer<CChar>?) -> UnsafeMutablePointer<CChar>? { nil }
