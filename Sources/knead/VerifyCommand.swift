import ArgumentParser
import Foundation
import KneadCore
import KneadStore

extension Knead {
    /// Checks the journal's hashes and names the first entry changed, removed or inserted outside knead.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Check that every entry is as knead wrote it (or check a note's fingerprint).",
            discussion: """
            Every entry carries a hash of its content and of the entry before it in its session; \
            client records are chained per client, and a ledger chains every session started on this \
            machine. verify recomputes them all and names the first entry changed, removed or \
            inserted outside knead. It only reads: no file changes.

            --fingerprint checks a copy of a note: an exported note ends with its fingerprint, \
            and verify says whether the journal still holds that note exactly as it was when the \
            copy was made.

            Exit status: 0 when everything checks out (or the fingerprint is found intact); 1 when \
            something was changed, removed or inserted outside knead, the fingerprint is not found, \
            or the data cannot be read; 2 for bad usage.
            """
        )

        @Option(name: .long, help: ArgumentHelp("A fingerprint from an exported note (64 hex digits).", valueName: "hex"))
        var fingerprint: String?

        @OptionGroup var records: RecordsOptions

        /// How many findings are printed; the count says how many more there are.
        static let shownFindings = 20

        func validate() throws {
            if let fingerprint, Self.hex(fingerprint).count != 64 {
                throw ValidationError("--fingerprint needs the 64 hex digits printed under an exported note.")
            }
        }

        /// The hex digits of a fingerprint as printed ("sha256:" prefix, spaces and case ignored).
        static func hex(_ text: String) -> String {
            var text = text.lowercased()
            if text.hasPrefix("sha256:") { text.removeFirst("sha256:".count) }
            return text.filter { $0 != " " && $0 != "`" }.allSatisfy(\.isHexDigit) ? text.filter(\.isHexDigit) : ""
        }

        func run() throws {
            let journal = try records.openJournal(clock: try CommandClock.resolve())
            defer { try? journal.close() }
            let result: JournalVerification
            let match: FingerprintMatch?
            do {
                result = try journal.verify()
                match = try fingerprint.map { try journal.find(fingerprint: Self.hex($0)) } ?? nil
            } catch {
                printError("knead: \(error)")
                throw ExitCode(1)
            }
            if let fingerprint {
                try report(fingerprint: Self.hex(fingerprint), match: match, result: result)
            } else {
                try report(result, path: journal.databasePath)
            }
        }

        private func report(_ result: JournalVerification, path: String) throws {
            guard !result.isIntact else {
                print("The journal checks out: \(counted(result.sessions, "session")), \(counted(result.entries, "entry", plural: "entries")), "
                      + "\(counted(result.clients, "client")) with \(counted(result.recordVersions, "record version")); "
                      + "every entry is as knead wrote it.")
                return
            }
            let count = result.findings.count
            print("\(Output.safe(path)) was changed outside knead: \(counted(count, "problem")) found. The first:")
            for finding in result.findings.prefix(Self.shownFindings) { print("  - " + Output.safe(finding.description)) }
            if count > Self.shownFindings { print("  … and \(count - Self.shownFindings) more.") }
            print("Keep a copy of the data folder as it is, then restore the latest backup that verifies (knead restore).")
            throw ExitCode(1)
        }

        private func report(fingerprint: String, match: FingerprintMatch?, result: JournalVerification) throws {
            guard let match else {
                print("No entry of this journal has that fingerprint: the note was changed after the copy was made, "
                      + "or the copy did not come from this data.")
                throw ExitCode(1)
            }
            let problems = result.findings.filter { $0.description.contains("session \(match.session)") }
            guard problems.isEmpty else {
                print("The fingerprint is entry \(match.seq) of session \(Output.safe(match.session)), but that session was changed outside knead:")
                for finding in problems.prefix(Self.shownFindings) { print("  - " + Output.safe(finding.description)) }
                throw ExitCode(1)
            }
            let since = match.laterEntries == 0 ? "nothing was added since"
                : "\(counted(match.laterEntries, "entry", plural: "entries")) (amendments) were added since"
            print("The fingerprint is entry \(match.seq) of session \(Output.safe(match.session)): the journal still holds "
                  + "that note exactly as it was when the copy was made; \(since).")
        }
    }
}
