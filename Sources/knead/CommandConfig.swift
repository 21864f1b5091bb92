import Foundation
import KneadUI

/// The config file as the commands that print records read it: for technique names and billing
/// codes. Its problems go to standard error, one per line; the output itself still comes.
enum CommandConfig {
    static func load() -> KneadConfig {
        let reading = ConfigFile.locate(option: nil, environment: ProcessInfo.processInfo.environment).read()
        for diagnostic in reading.diagnostics { printError("\(diagnostic)") }
        return reading.config
    }
}
