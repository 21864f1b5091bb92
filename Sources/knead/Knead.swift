import ArgumentParser
import Foundation
import KneadCore
import KneadStore
import KneadTerminal
import KneadUI

/// The version `knead --version` prints.
let kneadVersion = "0.1.0"

@main
struct Knead: ParsableCommand {
    /// Runs the command line; a usage error exits 2, as documented, not ArgumentParser's 64.
    static func main() {
        StandardStreams.guardClosed()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                printError(fullMessage(for: error))
                Foundation.exit(2)
            }
            // --help, --version and completion scripts go through the one writer too, so a full
            // or closed standard output is said, not lost.
            if code == .success, !(error is ExitCode) {
                let text = fullMessage(for: error)
                if !text.isEmpty { StandardOutput.write(text.hasSuffix("\n") ? text : text + "\n") }
                Foundation.exit(0)
            }
            exit(withError: error)
        }
    }

    static let configuration = CommandConfiguration(
        commandName: "knead",
        abstract: "A keyboard-driven session companion for massage therapists.",
        discussion: """
        Walks a treatment session from assessment through treatment and aftercare to a signed \
        SOAP note. Every action is saved the moment it is made.

        Data lives in $XDG_DATA_HOME/knead/knead.sqlite (~/.local/share/knead when unset); \
        --data-dir or KNEAD_DATA_DIR choose another folder.

        One knead at a time opens the data for writing: a second one says which process has it \
        open and exits 1. The records commands (review, history, search, export) still read it.

        Once a day knead copies the data to backups/ in the data folder and keeps 7 days of \
        these copies; knead backup makes one by hand, knead restore checks one and puts it back.

        Exit status: 0 after quitting; 1 when the data cannot be opened or is already open; 2 for bad usage or \
        when standard input and output are not a usable terminal; 128+N after saving on signal N \
        (129 SIGHUP, 130 SIGINT, 143 SIGTERM).
        """,
        version: kneadVersion,
        subcommands: [Run.self, Demo.self, Export.self, Handout.self, Review.self, History.self, Search.self, Report.self,
                      Backup.self, Restore.self, Sync.self, Verify.self, Audit.self, Config.self, Manual.self],
        defaultSubcommand: Run.self
    )
}

/// Options every command that opens the app shares.
struct AppOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Folder that holds knead.sqlite (overrides KNEAD_DATA_DIR).", valueName: "folder"))
    var dataDir: String?

    @Option(name: .long, help: ArgumentHelp("Config file to read (overrides KNEAD_CONFIG; default $XDG_CONFIG_HOME/knead/config.toml).", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Theme name or path to a .theme file (default: the config file's theme, else default).", valueName: "name"))
    var theme: String?

    @Option(name: .long, help: ArgumentHelp("Name signatures carry (default: $KNEAD_THERAPIST, else your login name).", valueName: "name"))
    var therapist: String?

    @Flag(name: .long, inversion: .prefixedNo, help: "Show client names on treatment screens instead of initials (default: the config file, else initials).")
    var showNames: Bool?

    @Option(name: .long, help: ArgumentHelp("Default planned session length in minutes (default: the config file, else 60).", valueName: "minutes"))
    var minutes: Int?

    @Flag(name: .long, help: "Use the mouse: click a region or a row, scroll with the wheel (Shift+drag still selects text).")
    var mouse = false

    func validate() throws {
        if let minutes, !plannedMinutesRange.contains(minutes) {
            throw ValidationError("--minutes must be from \(plannedMinutesRange.lowerBound) to \(plannedMinutesRange.upperBound).")
        }
        if let config, config.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--config needs a file path.")
        }
        if let dataDir, dataDir.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--data-dir needs a folder path.")
        }
        // A signature is text like any other: control characters and line breaks are refused.
        if let therapist, therapist.unicodeScalars.contains(where: SafeText.isUnsafe) {
            throw ValidationError("--therapist holds control characters or line breaks; give the name on one line.")
        }
        if let name = ProcessInfo.processInfo.environment["KNEAD_THERAPIST"], name.unicodeScalars.contains(where: SafeText.isUnsafe) {
            throw ValidationError("KNEAD_THERAPIST holds control characters or line breaks; set it to the name on one line.")
        }
    }

    /// The settings: these options first, then the config file, then the built-in defaults.
    func settings(environment: [String: String], config: KneadConfig = KneadConfig()) -> AppSettings {
        config.settings(therapist: therapist, plannedMinutes: minutes, showNames: showNames, environment: environment)
    }

    /// The theme asked for: this option first, then the config file, then the default.
    func themeName(config: KneadConfig) -> String {
        theme ?? config.theme ?? KneadConfig.Defaults.theme
    }
}

extension Knead {
    /// Opens the app on the therapist's data.
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run", abstract: "Open knead on your data (the default).",
            discussion: "Exit status: 0 after quitting; 1 when the data cannot be opened; 2 for bad usage or no usable terminal; 128+N after saving on signal N. A config file with problems does not stop knead: it starts with the defaults for what it could not read and says so."
        )

        @OptionGroup var options: AppOptions

        func run() throws {
            let environment = ProcessInfo.processInfo.environment
            try Launcher.preflight(environment: environment)
            let development = try CommandClock.development(environment)
            let clock: any Clock = development?.clock ?? SystemClock()
            let journal: SQLiteJournal
            let location: DataLocation
            let lock: DataLock
            do {
                location = try DataLocation.resolve(dataDir: options.dataDir, environment: environment)
                // One writer per data folder: a second knead says who has it open and touches nothing.
                lock = try DataLock.acquire(folder: location.folder, now: clock.now())
                journal = try SQLiteJournal.open(at: location, clock: clock,
                                                 sparePages: try Launcher.sparePages(environment))
            } catch {
                let message = "\(error)"
                printError(message.hasPrefix("knead ") ? message : "knead: \(message)")
                throw ExitCode(1)
            }
            let status = Launcher.run(journal: journal, clock: clock, development: development,
                                      options: options, environment: environment,
                                      dailyBackup: DailyBackup(location: location, clock: clock),
                                      notice: Launcher.tamperNotice(journal), clinicSync: true)
            try? journal.close()
            lock.release()
            throw ExitCode(status)
        }
    }

    /// Opens the app on a throwaway database filled with sample clients and sessions.
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "demo",
            abstract: "Try knead on a throwaway database of sample clients and sessions.",
            discussion: "The demo database is made in a private temporary folder and deleted on exit, unless --keep is given. Exit status: as for run."
        )

        @OptionGroup var options: AppOptions

        @Flag(name: .long, help: "Keep the demo database and print where it is.")
        var keep = false

        func validate() throws {
            if options.dataDir != nil {
                throw ValidationError("demo makes its own throwaway database; leave out --data-dir.")
            }
        }

        func run() throws {
            let environment = ProcessInfo.processInfo.environment
            try Launcher.preflight(environment: environment)
            let development = try CommandClock.development(environment)
            let clock: any Clock = development?.clock ?? SystemClock()
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("knead-demo-\(UUID().uuidString)")
            defer {
                if keep {
                    printError("knead: the demo database is kept in \(folder.path)")
                } else {
                    try? FileManager.default.removeItem(at: folder)
                }
            }
            let journal: SQLiteJournal
            do {
                journal = try SQLiteJournal.open(folder: folder, clock: clock)
                try SamplePractice.seed(into: journal, now: clock.now())
                try SampleCarePlan.seed(into: journal, now: clock.now(), zone: .current)
            } catch {
                printError("knead: could not make the demo database: \(error)")
                throw ExitCode(1)
            }
            let status = Launcher.run(journal: journal, clock: clock, development: development,
                                      options: options, environment: environment)
            try? journal.close()
            throw ExitCode(status)
        }
    }
}
