import ArgumentParser
import Foundation
import KneadCore
import KneadUI
import KneadStore

extension Knead {
    /// Prints a day's review without the app: every session, unfinished first, and the totals.
    struct Review: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "review",
            abstract: "Print the review of a day's sessions (today by default).",
            discussion: """
            Sessions are listed unfinished first, then by time: duration against planned, regions, \
            techniques, pain before → after (! marks a change of 2 or more; a score in brackets is the last \
            check-in while no after score is recorded), check-ins, flags and billing units (8-minute rule), \
            then the totals. Days run midnight to midnight in the local time zone (TZ).

            With --clinic: the owner's day across the clinic, from what knead sync has pulled: each \
            therapist's sessions, minutes, unsigned notes and red flags, then the clinic's totals.

            Exit status: 0 when the day has sessions; 1 when it has none or the data cannot be read; \
            2 for bad usage, such as a date that is not YYYY-MM-DD.
            """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, csv, json
        }

        @Option(name: .long, help: ArgumentHelp("The day to review, YYYY-MM-DD (default: today).", valueName: "YYYY-MM-DD"))
        var date: String?

        @Option(name: .long, help: "Output format: text, csv or json.")
        var format: Format = .text

        @Flag(name: .long, help: "The clinic's day: each therapist's sessions, minutes, unsigned notes and red flags, from what knead sync has pulled.")
        var clinic = false

        @Option(name: .long, help: ArgumentHelp("With --clinic, the name for this machine's sessions (default: $KNEAD_THERAPIST, the config file, else your login name).", valueName: "name"))
        var therapist: String?

        @OptionGroup var configOption: ConfigOption

        @OptionGroup var records: RecordsOptions

        func validate() throws {
            if clinic && format == .csv {
                throw ValidationError("--clinic prints text or json; use --format text or --format json.")
            }
            if let date, day(date, today: try CommandClock.resolve().now()) == nil {
                throw ValidationError("--date \(date) is not a date; write it as YYYY-MM-DD, e.g. 2026-11-18.")
            }
        }

        /// The day a `--date` names, read against today (by the command's clock) for relative words.
        private func day(_ text: String, today: Date) -> Date? {
            ReviewCalendar(timeZone: .current).parse(text, today: today)
        }

        func run() throws {
            let clock = try CommandClock.resolve()
            let calendar = ReviewCalendar(timeZone: .current)
            let start = date.flatMap { day($0, today: clock.now()) } ?? calendar.day(of: clock.now())
            let journal = try records.openJournal(clock: clock)
            defer { try? journal.close() }
            let sessions: [SessionSummary]
            try AccessLogging.record(.review, detail: "\(Formatting().date(start)) as \(format.rawValue)",
                                     at: try records.location())
            try journal.reopenAfterAccessEntry()
            do {
                let span = calendar.span(of: start)
                sessions = try journal.sessionSummaries(startedFrom: span.from, to: span.to).reviewOrder()
            } catch {
                printError("knead: \(error)")
                throw ExitCode(1)
            }
            let config = configOption.load()
            if clinic {
                try printClinicDay(start, sessions, journal, config)
                return
            }
            let report = DayReport(day: start, sessions: sessions, dates: Formatting(), catalog: config.techniqueCatalog,
                                   codes: config.billingCodes)
            switch format {
            case .text:
                if sessions.isEmpty {
                    printError("knead: no sessions on \(report.dates.date(start)).")
                } else {
                    StandardOutput.write(report.text())
                }
            case .csv: StandardOutput.write(report.csv())
            case .json: StandardOutput.line(try report.json())
            }
            if sessions.isEmpty { throw ExitCode(1) }
        }

        private func printClinicDay(_ day: Date, _ sessions: [SessionSummary], _ journal: SQLiteJournal, _ config: KneadConfig) throws {
            let owners: [SessionID: String]
            do {
                owners = try journal.sessionOwners()
            } catch {
                printError("knead: \(error)")
                throw ExitCode(1)
            }
            let here = config.settings(therapist: therapist, plannedMinutes: nil, showNames: nil,
                                       environment: ProcessInfo.processInfo.environment).therapistName
            let report = ClinicDayReport(day: day, sessions: sessions.sorted { $0.startedAt < $1.startedAt },
                                         owners: owners, here: here, dates: Formatting())
            if sessions.isEmpty {
                printError("knead: no sessions on \(report.dates.date(day)) in this machine's copy of the clinic record; run knead sync first.")
                if format == .json { StandardOutput.line(try report.json()) }
                throw ExitCode(1)
            }
            switch format {
            case .json: StandardOutput.line(try report.json())
            default: StandardOutput.write(report.text())
            }
        }
    }
}
