import ArgumentParser
import Foundation
import KneadUI

extension Knead {
    /// Shows where the config file is, checks it, or prints a commented default one.
    struct Config: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "config",
            abstract: "Check the config file, show where it is, or print a commented default one.",
            discussion: """
            The config file is --config FILE, else $KNEAD_CONFIG, else \
            $XDG_CONFIG_HOME/knead/config.toml (~/.config/knead/config.toml when unset). It sets the theme, \
            the therapist's name, planned minutes, the check-in reminder, the privacy default, techniques and \
            billing codes, aftercare advice and key bindings. Command-line options win over it.

            To start one: knead config --print-defaults > ~/.config/knead/config.toml
            With no option, knead config checks the file, as --check does.

            Exit status: 0 when the file is fine, or absent from the usual place (the defaults apply); \
            1 when it has problems, or a file named by --config or KNEAD_CONFIG is missing or unreadable; \
            2 for bad usage.
            """
        )

        @Option(name: .long, help: ArgumentHelp("Config file to use (overrides KNEAD_CONFIG).", valueName: "file"))
        var config: String?

        @Flag(name: .long, help: "Write a commented config file with every setting at its default to standard output.")
        var printDefaults = false

        @Flag(name: .long, help: "Read the config file and list its problems, each with its line; exit 1 if there are any.")
        var check = false

        @Flag(name: .long, help: "Print the path the config file is read from.")
        var path = false

        func validate() throws {
            if [printDefaults, check, path].filter({ $0 }).count > 1 {
                throw ValidationError("Choose one of --print-defaults, --check and --path.")
            }
            if let config, config.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError("--config needs a file path.")
            }
        }

        func run() throws {
            let file = ConfigFile.locate(option: config, environment: ProcessInfo.processInfo.environment)
            if printDefaults {
                StandardOutput.write(KneadConfig.defaultFileText)
                return
            }
            if path {
                StandardOutput.line(Output.safe(file.path))
                return
            }
            // --check, and the default with no flag: report on the file.
            let reading = file.read()
            for diagnostic in reading.diagnostics { printError("\(diagnostic)") }
            if !reading.diagnostics.isEmpty {
                let count = reading.diagnostics.count
                printError("knead: \(count) problem\(count == 1 ? "" : "s") in the config file; each setting concerned keeps its default.")
                throw ExitCode(1)
            }
            StandardOutput.line(file.exists ? "\(Output.safe(file.path)): no problems." : "\(Output.safe(file.path)) does not exist: every setting has its default.")
        }
    }
}
