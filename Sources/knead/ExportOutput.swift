import ArgumentParser
import Foundation
import KneadCore
import KneadStore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Options of the commands that read one session and write a document: the data folder,
/// the session and where the document goes.
struct DocumentOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("The session's id, or a unique start of it.", valueName: "session"))
    var session: String

    @Option(name: .long, help: ArgumentHelp("Folder that holds knead.sqlite (overrides KNEAD_DATA_DIR).", valueName: "folder"))
    var dataDir: String?

    @Option(name: [.short, .long], help: ArgumentHelp("Write to this file (created private, 0600) instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(name: .long, help: "Replace the output file if it exists.")
    var force = false

    func validate() throws {
        if session.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("Give the session's id.") }
        if let dataDir, dataDir.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--data-dir needs a folder path.") }
        if let output, output.isEmpty { throw ValidationError("--output needs a file path.") }
        if force, output == nil { throw ValidationError("--force only applies with --output.") }
    }

    /// The session named on the command line, replayed from the data folder. Failures are
    /// printed as a sentence and become exit status 1.
    /// The access is recorded in the access log (`action`, the session and `detail`) before the
    /// session is read.
    func loadSession(logging action: AccessEntry.Action, detail: String) throws -> SessionState {
        try loadSessionAndFingerprint(logging: action, detail: detail).state
    }

    /// The session and its fingerprint (the chain hash of its last entry, see `knead verify`),
    /// recorded in the access log first.
    func loadSessionAndFingerprint(logging action: AccessEntry.Action, detail: String) throws -> (state: SessionState, fingerprint: String?) {
        let environment = ProcessInfo.processInfo.environment
        let clock = try CommandClock.resolve(environment)
        do {
            let location = try DataLocation.resolve(dataDir: dataDir, environment: environment)
            guard FileManager.default.fileExists(atPath: location.databaseFile.path) else {
                throw DocumentError("There is no knead data in \(location.folder.path). Check --data-dir or KNEAD_DATA_DIR.")
            }
            let journal = try SQLiteJournal.openForReading(at: location, clock: clock)
            defer { try? journal.close() }
            let wanted = session.trimmingCharacters(in: .whitespaces).lowercased()
            let matches = try journal.sessions(startedFrom: .distantPast, to: .distantFuture)
                .filter { $0.id.rawValue.lowercased().hasPrefix(wanted) }
            let exact = matches.first { $0.id.rawValue.lowercased() == wanted }
            guard let listing = exact ?? (matches.count == 1 ? matches.first : nil) else {
                throw DocumentError(matches.isEmpty
                    ? "No session has an id starting with \"\(terminalSafe(session))\". The id is shown under the note in knead."
                    : "\"\(terminalSafe(session))\" starts \(matches.count) session ids; give more of the id.")
            }
            try AccessLogging.record(action, client: listing.client.id, detail: "session \(listing.id.rawValue) \(detail)", at: location)
            try journal.reopenAfterAccessEntry()
            return (SessionState(id: listing.id, replaying: try journal.events(of: listing.id)),
                    try journal.fingerprint(of: listing.id))
        } catch let error as DocumentError {
            printError("knead: \(error.message)")
            throw ExitCode(1)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printError("knead: \(error)")
            throw ExitCode(1)
        }
    }

    /// Writes the document to standard output, or to the output file: created 0600, and never
    /// replacing a file unless --force was given.
    func write(_ document: String) throws {
        guard let output else {
            StandardOutput.write(document)
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

/// A failure of export or handout, as a sentence for the therapist.
struct DocumentError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// Writes health data to a file only its owner can read (0600).
enum PrivateOutput {
    static func save(_ data: Data, to path: String, replacing: Bool) throws {
        let url = URL(fileURLWithPath: path)
        if replacing {
            // A new private file beside the target, then an atomic rename over it.
            let temporary = url.deletingLastPathComponent()
                .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString.prefix(8)).tmp").path
            try create(temporary, data, shownAs: path)
            if rename(temporary, path) != 0 {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw DocumentError("Could not replace \(path): \(reason).")
            }
        } else {
            try create(path, data, shownAs: path)
        }
    }

    private static func create(_ path: String, _ data: Data, shownAs shown: String) throws {
        let outcome: NewPrivateFile.Outcome
        do {
            outcome = try NewPrivateFile.create(path, data)
        } catch {
            throw DocumentError(error.stage == .create
                ? "Could not create \(shown): \(error.reason)."
                : "Could not write \(shown): \(error.reason). Nothing was kept.")
        }
        if outcome == .exists { throw DocumentError("\(shown) already exists; nothing was written. Add --force to replace it.") }
    }
}
