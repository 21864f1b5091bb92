import ArgumentParser
import Foundation
import KneadCore
import KneadStore

/// The document formats `knead export` writes.
enum ExportFormat: String, CaseIterable, ExpressibleByArgument {
    case md, json, txt, fhir
}

extension Knead {
    /// Writes one session's note as Markdown, JSON or plain text.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write a session's note as Markdown, JSON or plain text.",
            discussion: """
            The note is composed exactly as the preview shows it, with billing units and any \
            amendments under the signed original. JSON carries schemaVersion and is documented \
            in docs/export-json.md; fhir writes a FHIR R4 Bundle, documented in docs/fhir.md. Exit status: 0 written; 1 unknown session, unreadable data or \
            an output file that exists (add --force); 2 bad usage.
            """)

        @Option(name: [.short, .long], help: ArgumentHelp("md, json, txt or fhir.", valueName: "format"))
        var format: ExportFormat = .md

        @OptionGroup var configOption: ConfigOption

        @OptionGroup var options: DocumentOptions

        func run() throws {
            let (state, fingerprint) = try options.loadSessionAndFingerprint(
                logging: .export, detail: "as \(format.rawValue)" + (options.output.map { " to \($0)" } ?? ""))
            let config = configOption.load()
            let composer = NoteComposer(catalog: config.techniqueCatalog, billingCodes: config.billingCodes, timeZone: .current)
            let now = try CommandClock.resolve().now()
            let document: String
            let seal = fingerprint.map { "Fingerprint: sha256:\($0) (check a copy with: knead verify --fingerprint \($0))" }
            switch format {
            case .md: document = NoteDocument.markdown(composer.compose(state, now: now)) + (seal.map { "\n`\($0)`\n" } ?? "")
            case .txt: document = NoteDocument.text(composer.compose(state, now: now)) + (seal.map { "\n\($0)\n" } ?? "")
            case .fhir:
                let care = try options.loadCarePlan(of: state)
                do {
                    document = try FHIRBundle.session(state, record: care.record, referral: care.referral, plan: care.plan,
                                                      composer: composer, now: now).json()
                } catch {
                    printError("knead: could not write the session as FHIR: \(error)")
                    throw ExitCode(1)
                }
            case .json:
                do {
                    var export = SessionExport(state, now: now, composer: composer)
                    export.fingerprint = fingerprint
                    document = try export.json()
                } catch {
                    printError("knead: could not write the session as JSON: \(error)")
                    throw ExitCode(1)
                }
            }
            try options.write(document)
        }
    }
}

extension DocumentOptions {
    /// The record, referral and plan of care of a session's client, for the FHIR bundle.
    func loadCarePlan(of state: SessionState) throws -> (record: ClientRecord?, referral: Referral?, plan: PlanOfCare?) {
        guard let client = state.client else { return (nil, nil, nil) }
        do {
            let location = try DataLocation.resolve(dataDir: dataDir, environment: ProcessInfo.processInfo.environment)
            let journal = try SQLiteJournal.open(at: location, clock: try CommandClock.resolve())
            defer { try? journal.close() }
            return (try journal.clientRecord(client.id), try journal.referral(of: client.id), try journal.plan(of: client.id))
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printError("knead: \(error)")
            throw ExitCode(1)
        }
    }
}
