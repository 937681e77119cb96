/// Help texts, generated from the option lists so they never drift from what is parsed.
enum Help {
    static let topLevel = """
    litmus — find the TeamPCP supply-chain compromise (litellm 1.82.7/1.82.8, telnyx 4.87.1/4.87.2)
    in Python projects and installed environments, offline, without running Python.

    Usage:
      litmus scan [PATH ...] [options]   scan files and directory trees (default: .)
      litmus audit [--root DIR] [options] audit a whole machine or mounted image: every environment,
                                         cache, startup hook and persistence file
      litmus fleet DIR|REPORT ... [options] merge many hosts' JSON reports into one fleet report
      litmus advisories [options]        list the advisories litmus knows
      litmus version                     print the version and the advisory data date
      litmus help [COMMAND]              show help

    Exit status: 0 clean; 1 findings at or above --fail-on; 2 usage, config or fatal error;
    3 scan incomplete (some path unreadable) and nothing at or above --fail-on.

    """

    static func command(_ name: String) -> String? {
        switch name {
        case "scan":
            return usage("litmus scan [PATH ...] [options]",
                         "Scans each PATH (file or directory tree) for requirements files, installed\n" +
                         "distributions (*.dist-info, *.egg-info) and indicator files such as\n" +
                         "litellm_init.pth. A file named on the command line is read as a requirements\n" +
                         "file when nothing else claims it.", ScanCommand.options)
        case "audit":
            return usage("litmus audit [--root DIR] [--home DIR ...] [options]",
                         "Audits a whole host (or a mounted image or container root) without running anything from it:\n" +
                         "every Python environment (system, user site, venvs, conda, pyenv, pipx, uv, poetry, pipenv,\n" +
                         "hatch, Jupyter kernels), pip and uv caches, unowned or modified startup hooks (*.pth,\n" +
                         "sitecustomize.py), RECORD integrity of the advisories' packages, and persistence files in\n" +
                         "every home. The report lists every environment covered.", AuditCommand.options)
        case "fleet":
            return usage("litmus fleet DIR|REPORT ... [options]",
                         "Merges litmus audit and scan JSON reports (every *.json under each DIR, and each REPORT)\n" +
                         "into one fleet report: per host (keyed by machine id and host name) its status — findings,\n" +
                         "no usable report, incomplete or clean — then per advisory and kind the affected hosts, those\n" +
                         "with critical indicators first, then every input that could not be used. Reads one report at\n" +
                         "a time. A fleet runner's failure record (kind litmus-fleet-failures) lists hosts that were\n" +
                         "unreachable or whose audit failed; they count as having no usable report.\n\n" +
                         "Exit status: 1 when a host has findings at or above --fail-on; else 3 when a host is\n" +
                         "incomplete or has no usable report; else 0; 2 for usage errors or no report files.", FleetCommand.options)
        case "advisories":
            return usage("litmus advisories [options]", "Lists the advisories compiled into litmus, plus any added with --advisories.",
                         AdvisoriesCommand.options)
        case "version":
            return "Usage: litmus version\n\nPrints the tool version and the date of the advisory data.\n"
        case "help":
            return topLevel
        default:
            return nil
        }
    }

    private static func usage(_ line: String, _ text: String, _ options: [OptionSpec]) -> String {
        var out = "Usage: \(line)\n\n\(text)\n\nOptions:\n"
        for o in options {
            let names = ([o.short].compactMap { $0 } + [o.long]).joined(separator: ", ") + (o.takesValue ? " \(o.valueName)" : "")
            out += "  \(names.padding(28)) \(o.help)\n"
        }
        return out
    }
}
