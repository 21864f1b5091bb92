import ArgumentParser
import Foundation
import KneadCore
import KneadStore

/// The formats `knead report` writes.
enum ReportFormat: String, CaseIterable, ExpressibleByArgument {
    case md, txt, fhir
}

extension Knead {
    /// Writes the progress report for the referring physician.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Write a client's progress report for the referring physician.",
            discussion: """
            The referral and the visits given and remaining, regions and techniques, pain, PSFS \
            and PEG across visits with the changes that matter, goals, attendance and the \
            therapist's recommendation. --format fhir writes a FHIR R4 Bundle (docs/fhir.md). \
            CLIENT is found as in knead history. Exit status: 0 written; 1 no such client, \
            unreadable data or an output file that exists (add --force); 2 bad usage, including \
            a CLIENT that matches several clients.
            """)

        @Argument(help: ArgumentHelp("Client id, name, or part of a name.", valueName: "client"))
        var client: String

        @Option(name: .long, help: ArgumentHelp("Describe visits from this day on (YYYY-MM-DD); the referral's visits are still all counted.", valueName: "date"))
        var since: String?

        @Option(name: [.short, .long], help: ArgumentHelp("md, txt or fhir.", valueName: "format"))
        var format: ReportFormat = .md

        @Option(name: [.short, .long], help: ArgumentHelp("Write to this file (created private, 0600) instead of standard output.", valueName: "file"))
        var output: String?

        @Flag(name: .long, help: "Replace the output file if it exists.")
        var force = false

        @OptionGroup var configOption: ConfigOption

        @OptionGroup var records: RecordsOptions

        func validate() throws {
            if let since, CalendarDate(parsing: since) == nil {
                throw ValidationError("--since takes a date as YYYY-MM-DD, e.g. 2026-10-01.")
            }
            if let output, output.isEmpty { throw ValidationError("--output needs a file path.") }
            if force, output == nil { throw ValidationError("--force only applies with --output.") }
        }

        func run() throws {
            let clock = try CommandClock.resolve()
            let journal = try records.openJournal(clock: clock)
            defer { try? journal.close() }
            let document: String
            do {
                let chosen = try ClientLookup.resolve(client, in: try journal.clients())
                try AccessLogging.record(.report, client: chosen.id, detail: "as \(format.rawValue)" + (output.map { " to \($0)" } ?? ""),
                                         at: try records.location())
                try journal.reopenAfterAccessEntry()
                let record = try journal.clientRecord(chosen.id) ?? ClientRecord(client: chosen)
                let report = try journal.progressReport(for: record, since: since.flatMap(CalendarDate.init(parsing:)),
                                                        now: clock.now(), zone: .current,
                                                        catalog: configOption.load().techniqueCatalog)
                switch format {
                case .md: document = report.markdown()
                case .txt: document = report.text()
                case .fhir: document = try FHIRBundle.report(report).json()
                }
            } catch let exit as ExitCode {
                throw exit
            } catch {
                printError("knead: \(error)")
                throw ExitCode(1)
            }
            guard let output else {
                FileHandle.standardOutput.write(Data(document.utf8))
                return
            }
            do {
                try PrivateOutput.save(Data(document.utf8), to: output, replacing: force)
            } catch let error as DocumentError {
                printError("knead: \(error.message)")
                throw ExitCode(1)
            }
        }
    }
}
