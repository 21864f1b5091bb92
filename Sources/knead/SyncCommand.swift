import ArgumentParser
import Foundation
import KneadCore
import KneadStore
import KneadSync

extension Knead {
    /// Pushes this machine's records to the clinic's PostgreSQL server and pulls everyone else's.
    struct Sync: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sync",
            abstract: "Send your records to the clinic server and fetch the other therapists' (once).",
            discussion: """
            The server is the first of: --server, KNEAD_CLINIC_SERVER, [clinic] server in the config \
            file. It is a libpq address such as postgresql://clinic-db/knead or \
            postgresql://knead@/clinic?host=/run/postgresql. The password never goes in the address: \
            libpq reads ~/.pgpass or PGPASSWORD. TLS is used when the server offers it; add \
            ?sslmode=require (or set PGSSLMODE) to insist on it.

            Knead works on without the server: what waits is sent at the next sync.

            Exit status: 0 when both sides hold the same; 1 when the sync could not complete or the \
            server refused some records (the message says which and what to do); 2 for bad usage.
            """
        )

        @Option(name: .long, help: ArgumentHelp("The clinic server (overrides KNEAD_CLINIC_SERVER and the config file).", valueName: "URL"))
        var server: String?

        @Flag(name: .long, help: "Say what waits to be sent and how the last sync went; contacts no server.")
        var status = false

        @Option(name: .long, help: ArgumentHelp("Name the clinic shows for you (default: $KNEAD_THERAPIST, the config file, else your login name).", valueName: "name"))
        var therapist: String?

        @OptionGroup var configOption: ConfigOption

        @OptionGroup var records: RecordsOptions

        func run() throws {
            let environment = ProcessInfo.processInfo.environment
            let config = configOption.load()
            let location = try records.location()
            let journal: SQLiteJournal
            do {
                journal = try SQLiteJournal.open(at: location, clock: SystemClock())
            } catch {
                printError("knead: \(error)")
                throw ExitCode(1)
            }
            defer { try? journal.close() }
            if status {
                try printStatus(journal)
                return
            }
            let address: ServerAddress
            do {
                guard let resolved = try ServerAddress.resolve(option: server, environment: environment,
                                                               config: config.clinicServer) else { throw SyncError.noServer }
                address = resolved
            } catch {
                printError("knead: \(error)")
                throw ExitCode(1)
            }
            let name = config.settings(therapist: therapist, plannedMinutes: nil, showNames: nil, environment: environment).therapistName
            do {
                let outcome = try ClinicSync(journal: journal, address: address, therapist: name).run()
                print("Synced with \(address.display)\(outcome.usedTLS ? " over TLS" : ""): sent \(outcome.pushed), received \(outcome.pulled).")
                if let notice = outcome.clockNotice { printError("knead: \(notice)") }
                if outcome.refused > 0 {
                    printError("knead: the clinic server refused \(outcome.refused) of this machine's records; they are kept here. knead sync --status lists why.")
                    throw ExitCode(1)
                }
            } catch let error as SyncError {
                printError("knead: \(error)")
                throw ExitCode(1)
            }
        }

        private func printStatus(_ journal: SQLiteJournal) throws {
            let status: LocalSyncStatus
            do {
                status = try journal.localSyncStatus()
            } catch {
                printError("knead: \(error)")
                throw ExitCode(1)
            }
            let formatter = ISO8601DateFormatter()
            formatter.timeZone = .current
            print("Waiting to be sent: \(status.waiting)")
            print("Last sync: \(status.lastSuccess.map(formatter.string(from:)) ?? "never")")
            if let offline = status.offlineSince { print("Offline since: \(formatter.string(from: offline))") }
            if let error = status.lastError { print("Last problem: \(Output.safe(error))") }
            if !status.refused.isEmpty {
                print("Refused by the server (kept here): \(status.refused.count)")
                for reason in Set(status.refused).sorted() { print("  \(Output.safe(reason))") }
            }
            if status.clientsToReconcile > 0 {
                print("Clients edited on two machines apart, to reconcile: \(status.clientsToReconcile)")
                for conflict in (try? journal.clientsWithConflictingVersions()) ?? [] {
                    let name = conflict.versions.first?.record.client.name ?? conflict.client.rawValue
                    let fields = conflict.differingFields
                    print("  \(Output.safe(name)): \(conflict.versions.count) versions"
                          + (fields.isEmpty ? "" : ", differing in \(fields.joined(separator: ", "))"))
                    for (index, version) in conflict.versions.enumerated() {
                        print("    saved \(formatter.string(from: version.savedAt)) by \(Output.safe(version.savedBy ?? "this machine"))"
                              + (index == 0 ? " (shows)" : ""))
                    }
                }
                print("  Open each client's record, check it and save it to reconcile the versions.")
            }
        }
    }
}
