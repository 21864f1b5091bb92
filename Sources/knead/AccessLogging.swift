import ArgumentParser
import Foundation
import KneadCore
import KneadStore
import KneadUI
#if canImport(Glibc)
import Glibc
#endif

/// How the commands that read records put their access in the access log.
///
/// The entry is appended through a short write connection of its own (opened, one insert,
/// closed) before the command reads, so a read-only command still leaves its line, and nothing
/// is shown that was not logged: when the entry cannot be written the command says so and
/// exits 1 without showing anything.
enum AccessLogging {
    /// Who is at the keyboard: `KNEAD_THERAPIST`, else the login name.
    static func who(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let name = environment["KNEAD_THERAPIST"], !name.trimmingCharacters(in: .whitespaces).isEmpty { return name }
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return environment["USER"] ?? "uid \(getuid())"
    }

    /// Records one access; exits 1 with a sentence when it cannot be recorded. Where there is no
    /// data at all there is nothing to view or copy: the command says so itself.
    static func record(_ action: AccessEntry.Action, client: ClientID? = nil, detail: String = "",
                       at location: DataLocation) throws {
        guard FileManager.default.fileExists(atPath: location.databaseFile.path) else { return }
        let environment = ProcessInfo.processInfo.environment
        let entry = AccessEntry(at: try CommandClock.resolve(environment).now(), who: who(environment), action: action, client: client, detail: detail)
        do {
            try SQLiteJournal.recordAccess(entry, at: location)
        } catch {
            printError("knead: this \(action.rawValue) could not be recorded in the access log, so it was not done: \(error)")
            throw ExitCode(1)
        }
    }
}

extension Knead {
    /// Prints the access log: who viewed, exported, searched or copied what, and when.
    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "audit",
            abstract: "Print the access log: every view of a record, history, export, review, search and backup.",
            discussion: """
            One line per access, oldest first: date and time, who (KNEAD_THERAPIST or the login name), \
            what was done, the client's id and what exactly (a session, a day, the words searched for, \
            a file). With CLIENT, only the accesses to that client's data (CLIENT as for history). The \
            log cannot be changed or shortened: the database refuses it. Reading the log is itself logged.

            Exit status: 0 printed; 1 the data cannot be read or no client matches; 2 for bad usage, \
            including a CLIENT that matches several clients (listed on standard output with their ids).
            """
        )

        @Argument(help: ArgumentHelp("Only this client's accesses: id, name or part of a name.", valueName: "client"))
        var client: String?

        @OptionGroup var records: RecordsOptions

        func run() throws {
            let location = try records.location()
            let journal = try records.openJournal(clock: try CommandClock.resolve())
            defer { try? journal.close() }
            do {
                let clients = try journal.clients()
                let chosen = try client.map { try ClientLookup.resolve($0, in: clients) }
                try AccessLogging.record(.audit, client: chosen?.id, at: location)
                try journal.reopenAfterAccessEntry()
                let names = Dictionary(clients.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
                let dates = Formatting()
                var rows = [["Date", "Time", "Who", "What", "Client", "Detail"]]
                for entry in try journal.accessLog(client: chosen?.id) {
                    let name = entry.client.map { id in "\(id.rawValue) \(names[id].map(Output.safe) ?? "")" } ?? "-"
                    rows.append([dates.date(entry.at), dates.time(entry.at), Output.safe(entry.who), entry.action.rawValue,
                                 name.trimmingTrailingSpaces(), Output.safe(entry.detail)])
                }
                for line in Output.table(rows) { StandardOutput.line(line) }
            } catch let exit as ExitCode {
                throw exit
            } catch {
                printError("knead: \(error)")
                throw ExitCode(1)
            }
        }
    }
}
