import ArgumentParser
import Foundation
import KneadCore
import KneadStore
import KneadTerminal
import KneadUI

/// Wires a journal, the app and the terminal together and turns how the run ended into an exit status.
enum Launcher {
    /// Said on standard error before an existing database is brought up to this version: on a
    /// clinic's database some upgrades take minutes, before anything is on screen.
    static let upgradeNotice = "knead: bringing the data up to this version of knead, once. On a large practice this "
        + "can take a few minutes; stopping it loses nothing, and it starts again at the next open."

    /// Checks that standard input and output are a terminal knead can drive, before any data is touched.
    static func preflight(environment: [String: String]) throws {
        do {
            try TerminalPreflight.check(input: 0, output: 1, term: environment["TERM"])
        } catch {
            printError("\(error)")  // the message already names knead
            throw ExitCodeError.usage
        }
    }

    /// Runs the app on `journal`, reading the time from `clock` (the development clock when
    /// `development` is set, so that F9 moves it on).
    /// `newEntriesCheck` runs in the background from the first tick and its finding is shown when done.
    /// With `clinicSync` (the therapist's own data, never the demo's), a configured clinic server
    /// is synced in the background. `notice`, if any, is on the status line when the app opens.
    static func run(journal: SessionJournal, clock: any Clock, development: DevelopmentClock?,
                    options: AppChoices, environment: [String: String], dailyBackup: DailyBackup? = nil,
                    newEntriesCheck: NewEntriesCheck? = nil, clinicSync: Bool = false,
                    notice: String? = nil) -> Int32 {
        let configFile = ConfigFile.locate(option: options.config, environment: environment)
        let reading = configFile.read()
        let config = reading.config
        let loader = ThemeLoader.standard(environment: environment, executablePath: executablePath())
        let loaded = loader.load(options.themeName(config: config))
        let settings = options.settings(environment: environment, config: config)
        let clinic = ClinicWorkerLaunch.start(enabled: clinicSync, journal: journal, clock: clock, config: config,
                                              therapist: settings.therapistName, environment: environment)
        defer { clinic.worker?.stop() }
        let app = KneadApp(journal: journal, clock: clock, theme: loaded.theme, settings: settings,
                           keymap: config.keymap, catalog: config.techniqueCatalog,
                           clinicStatus: clinic.statusProvider(), clinicNotice: clinic.noticeProvider())
        if options.mouse { app.settings.mouse = true }  // --mouse turns it on whatever the config file says
        app.themeLoader = loader
        app.themeName = loaded.notice == nil ? options.themeName(config: config) : "default"
        // The picker keeps its choice in the same file the settings were read from.
        app.onThemeChosen = { name in
            do {
                try configFile.saveTheme(name)
                return nil
            } catch {
                return "\(error)"
            }
        }
        let notices = [reading.notice, loaded.notice, clinic.notice].compactMap { $0 }
        if !notices.isEmpty { app.notify(notices.joined(separator: " ")) }
        if let development { app.notify(development.notice) }
        if let notice { app.notify(notice) }  // the caller's own (the demo's night), said last
        var program: TerminalProgram = development.map { ClockSteppingProgram(app: app, clock: $0) } ?? app
        if let dailyBackup { program = DailyBackupProgram(inner: program, app: app, backup: dailyBackup) }
        if let store = journal as? SQLiteJournal { program = FileUpkeepProgram(inner: program, app: app, journal: store) }
        // The hashes of the entries added since the last open are checked after the first frame.
        if let newEntriesCheck { program = TamperCheckProgram(inner: program, app: app, check: newEntriesCheck) }
        // Under the terminal, a save's sync overlaps the drawing of the frame that shows it; the
        // runner sends that frame only once the sync is done (TerminalProgram.awaitSaved).
        let overlapping = journal as? SQLiteJournal
        overlapping?.overlapsSync = true
        let reason: ExitReason
        do {
            reason = try TerminalRunner.run(program, mouse: app.settings.mouse)
        } catch {
            overlapping?.overlapsSync = false
            printError("\(error)")
            return 2
        }
        // Saves made on the way out (waiting actions, forms) are not followed by a frame: their
        // syncs are waited for here, and one that failed is said and ends the run with status 1.
        overlapping?.overlapsSync = false
        do {
            try overlapping?.waitUntilSaved()
        } catch {
            printError("knead: \(error)")
            return 1
        }
        switch reason {
        case .finished: return 0
        case .signal(let number): return 128 + number
        case .hangup: return 129
        }
    }

    /// The path of the running binary, for finding themes installed beside it.
    static func executablePath() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}

/// Exit statuses thrown through ArgumentParser.
enum ExitCodeError {
    static let usage = ExitCode(2)
}
