import ArgumentParser
import Foundation
import KneadUI

/// The config file as the commands that print records read it: for technique names and billing
/// codes. Its problems go to standard error, one per line; the output itself still comes.
enum CommandConfig {
    static func load(option: String? = nil) -> KneadConfig {
        let reading = ConfigFile.locate(option: option, environment: ProcessInfo.processInfo.environment).read()
        for diagnostic in reading.diagnostics { printError("\(diagnostic)") }
        return reading.config
    }
}

/// The `--config` option of the records commands that name techniques or count billing units.
struct ConfigOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Config file to read (overrides KNEAD_CONFIG; default $XDG_CONFIG_HOME/knead/config.toml).", valueName: "file"))
    var config: String?

    func validate() throws {
        if let config, config.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--config needs a file path.")
        }
    }

    /// The config as the command uses it; problems go to standard error.
    func load() -> KneadConfig { CommandConfig.load(option: config) }
}
