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
        // `knead --help` describes the default command's options too, not only the subcommands.
        if ["--help", "-h", "help"].contains(CommandLine.arguments.dropFirst().first ?? ""), CommandLine.arguments.count == 2 {
            StandardOutput.write(rootHelp())
            Foundation.exit(0)
        }
        do {
            // The everyday launch skips swift-argument-parser, which reads its commands by reflection
            // (a third of the start's CPU): see QuickLaunch.
            let environment = ProcessInfo.processInfo.environment  // a dictionary built at each call: read once
            if let launch = QuickLaunch.launch(Array(CommandLine.arguments.dropFirst()), environment: environment) {
                try Run.open(dataDir: launch.dataDir, choices: AppChoices(), environment: environment)
                return
            }
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)  // what exit(withError:) does for an ExitCode: nothing printed
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

    /// The root help: the overview and the subcommands, with the options of `run` (the default
    /// command) in place of the root's own two, and both usages.
    static func rootHelp(columns: Int? = nil) -> String {
        let root = helpMessage(columns: columns)
        let run = helpMessage(for: Run.self, columns: columns)
        guard let rootUsage = root.range(of: "USAGE:"), let subcommands = root.range(of: "SUBCOMMANDS:"),
              let runUsage = run.range(of: "USAGE:"), let runOptions = run.range(of: "OPTIONS:") else { return root }
        let usage = run[runUsage.upperBound..<runOptions.lowerBound]
            .replacingOccurrences(of: "knead run", with: "knead").trimmingCharacters(in: .whitespacesAndNewlines)
        let options = run[runOptions.lowerBound...].trimmingCharacters(in: .whitespacesAndNewlines)
        return String(root[..<rootUsage.lowerBound])
            + "USAGE: \(usage)\n       knead <subcommand> [<options>]\n\n"
            + "OPTIONS (of knead run, the default):\n" + options.dropFirst("OPTIONS:".count).drop(while: { $0 == "\n" }) + "\n\n"
            + root[subcommands.lowerBound...]
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

/// Options every command that opens the app shares. The data folder is not one of them: `run`
/// has it, `demo` makes its own.
struct AppOptions: ParsableArguments {
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
        // A signature is text like any other: control characters and line breaks are refused.
        if let therapist, therapist.unicodeScalars.contains(where: SafeText.isUnsafe) {
            throw ValidationError("--therapist holds control characters or line breaks; give the name on one line.")
        }
        if let name = ProcessInfo.processInfo.environment["KNEAD_THERAPIST"], name.unicodeScalars.contains(where: SafeText.isUnsafe) {
            throw ValidationError("KNEAD_THERAPIST holds control characters or line breaks; set it to the name on one line.")
        }
    }

    /// What these options chose, as plain values.
    var choices: AppChoices {
        AppChoices(config: config, theme: theme, therapist: therapist, showNames: showNames, minutes: minutes, mouse: mouse)
    }
}

/// What the options of the app commands chose (all nil or off: `knead` with no options).
struct AppChoices: Equatable {
    var config: String?
    var theme: String?
    var therapist: String?
    var showNames: Bool?
    var minutes: Int?
    var mouse = false

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

        @Option(name: .long, help: ArgumentHelp("Folder that holds knead.sqlite (overrides KNEAD_DATA_DIR).", valueName: "folder"))
        var dataDir: String?

        @OptionGroup var options: AppOptions

        func validate() throws {
            if let dataDir, dataDir.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError("--data-dir needs a folder path.")
            }
        }

        func run() throws {
            try Self.open(dataDir: dataDir, choices: options.choices)
        }

        /// Opens the app on the data in `dataDir` (else KNEAD_DATA_DIR, else the default folder).
        /// Ends by throwing the exit status as an `ExitCode`.
        static func open(dataDir: String?, choices: AppChoices,
                         environment: [String: String] = ProcessInfo.processInfo.environment) throws {
            try Launcher.preflight(environment: environment)
            let development = try CommandClock.development(environment)
            let clock: any Clock = development?.clock ?? SystemClock()
            let journal: SQLiteJournal
            let location: DataLocation
            let lock: DataLock
            do {
                location = try DataLocation.resolve(dataDir: dataDir, environment: environment)
                // One writer per data folder: a second knead says who has it open and touches nothing.
                lock = try DataLock.acquire(folder: location.folder, now: clock.now())
                journal = try SQLiteJournal.open(at: location, clock: clock,
                                                 sparePages: try Launcher.sparePages(environment),
                                                 upgrading: { printError(Launcher.upgradeNotice) })
            } catch {
                let message = "\(error)"
                printError(message.hasPrefix("knead ") ? message : "knead: \(message)")
                throw ExitCode(1)
            }
            let status = Launcher.run(journal: journal, clock: clock, development: development,
                                      options: choices, environment: environment,
                                      dailyBackup: DailyBackup(location: location, clock: clock),
                                      newEntriesCheck: NewEntriesCheck(journal: journal), clinicSync: true)
            try? journal.close()
            lock.release()
            throw ExitCode(status)
        }
    }

    /// Opens the app on a throwaway database filled with a lived-in sample practice.
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "demo",
            abstract: "Try knead on a throwaway sample practice.",
            discussion: """
            Opens on a practice in the middle of its day: this morning's sessions signed (from midnight \
            until 04:30, yesterday's), eight weeks of \
            visits for several clients, one under a physician's referral with a plan of care and \
            outcome scores, so the day review (r), a client's history (h) and search (/) show \
            something at once. All of it is dated from today.

            The demo database is made in a private temporary folder and deleted on exit, unless \
            --keep is given; on exit knead says which. Exit status: as for run.
            """
        )

        /// Refused with a sentence instead of "unknown option"; not offered in the help.
        @Option(name: .long, help: .hidden)
        var dataDir: String?

        @OptionGroup var options: AppOptions

        @Flag(name: .long, help: "Keep the demo database and say on exit where it is.")
        var keep = false

        func validate() throws {
            if dataDir != nil {
                throw ValidationError("demo makes its own throwaway database; leave out --data-dir.")
            }
        }

        func run() throws {
            let environment = ProcessInfo.processInfo.environment
            try Launcher.preflight(environment: environment)
            let development = try CommandClock.development(environment)
            let clock: any Clock = development?.clock ?? SystemClock()
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("knead-demo-\(UUID().uuidString)")
            defer { printError(Self.farewell(folder: folder.path, kept: keep, exists: FileManager.default.fileExists(atPath: folder.path))) }
            defer { if !keep { try? FileManager.default.removeItem(at: folder) } }
            let journal: SQLiteJournal
            let now = clock.now()
            do {
                journal = try SQLiteJournal.open(folder: folder, clock: clock)
                try DemoSeeding.seed(journal, now: now, zone: .current)
            } catch {
                printError("knead: could not make the demo database: \(error)")
                throw ExitCode(1)
            }
            let status = Launcher.run(journal: journal, clock: clock, development: development,
                                      options: options.choices, environment: environment,
                                      notice: DemoPractice.notice(now: now, zone: .current))
            try? journal.close()
            throw ExitCode(status)
        }

        /// What happened to the demo data, said on the way out.
        static func farewell(folder: String, kept: Bool, exists: Bool) -> String {
            let safe = SafeText.line(folder)
            if kept {
                return "knead: the demo practice is kept in \(safe) — open it again with knead --data-dir \(safe) and delete that folder when you are done."
            }
            return exists
                ? "knead: the demo practice in \(safe) could not be deleted; delete that folder yourself."
                : "knead: the demo practice (\(safe)) is deleted; nothing of it is left. Run knead demo --keep to keep one."
        }
    }
}
