import ArgumentParser
import Foundation
import KneadCore
import KneadUI
import KneadStore

extension Knead {
    /// Searches complaints, notes and amendments, best matches first.
    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "search",
            abstract: "Search complaints, notes and amendments.",
            discussion: """
            Every word must match the start of a word in the text (case and accents do not matter). \
            One line per session, best match first: date, time, client, where it matched, and the text \
            around the match. On a terminal the matched words are highlighted.

            Exit status: 0 when something matched; 1 when nothing did or the data cannot be read; \
            2 for bad usage, such as TEXT without a word, or a --client that matches several clients \
            (listed on standard output with their ids, as history does).
            """
        )

        @Argument(parsing: .remaining, help: ArgumentHelp("Words to find.", valueName: "text"))
        var text: [String]

        @Option(name: .long, help: ArgumentHelp("Only this client's notes (id or name, as for history).", valueName: "client"))
        var client: String?

        @Option(name: .long, help: "At most this many matching entries.")
        var limit: Int = 50

        @OptionGroup var records: RecordsOptions

        func validate() throws {
            if NoteSearch(text.joined(separator: " ")).words.isEmpty {
                throw ValidationError("Give a word to search for, e.g. knead search trigger point.")
            }
            if limit < 1 { throw ValidationError("--limit must be 1 or more.") }
        }

        func run() throws {
            let journal = try records.openJournal(clock: try CommandClock.resolve())
            defer { try? journal.close() }
            let hits: [NoteSearchHit]
            do {
                var clientID: ClientID?
                if let client {
                    clientID = try ClientLookup.resolve(client, in: try journal.clients()).id
                }
                try AccessLogging.record(.search, client: clientID, detail: text.joined(separator: " "), at: try records.location())
                try journal.reopenAfterAccessEntry()
                hits = try journal.search(NoteSearch(text.joined(separator: " "), client: clientID, limit: limit))
            } catch let exit as ExitCode {
                throw exit
            } catch {
                printError("knead: \(error)")
                throw ExitCode(1)
            }
            guard !hits.isEmpty else {
                printError("knead: nothing matched \"\(Output.safe(text.joined(separator: " ")))\"\(client == nil ? "" : " for that client"); try fewer or shorter words.")
                throw ExitCode(1)
            }
            let dates = Formatting()
            let styled = Output.isStyledTerminal
            for hit in hits {
                StandardOutput.write("\(dates.date(hit.startedAt)) \(dates.time(hit.startedAt))  \(Output.safe(hit.client.name))  \(hit.source.rawValue)  ")
                for part in hit.snippet {
                    // Matched words stand out: reverse video on a terminal, [brackets] in a pipe.
                    if part.isMatch { styled ? StandardOutput.styled("\u{1B}[1;7m") : StandardOutput.write("[") }
                    StandardOutput.write(Output.safe(part.text))
                    if part.isMatch { styled ? StandardOutput.styled("\u{1B}[0m") : StandardOutput.write("]") }
                }
                StandardOutput.line()
            }
        }
    }
}
