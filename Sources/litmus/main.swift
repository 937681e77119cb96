import Foundation
import LitmusCore

exit(CLI.run(Array(CommandLine.arguments.dropFirst()), console: .standard))
