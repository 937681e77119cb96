import LitmusCore

CLI.main(ProcessArguments.afterProgramName ?? Array(CommandLine.arguments.dropFirst()))
