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
            2 for bad usage, such as TEXT without a word.
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
            let journal = try records.openJournal()
            defer { try? journal.close() }
            let hits: [NoteSearchHit]
            do {
                var clientID: ClientID?
                if let client {
                    switch ClientLookup.find(client, in: try journal.clients()) {
                    case .found(let found): clientID = found.id
                    case .none:
                        printError("knead: no client matches \"\(Output.safe(client))\".")
                        throw ExitCode(1)
                    case .ambiguous(let clients):
                        printError("knead: \"\(Output.safe(client))\" matches \(clients.count) clients; give more of the name or the id.")
                        throw ExitCode(2)
                    }
                }
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
                let snippet = hit.snippet.map { part in
                    let text = Output.safe(part.text)
                    // Matched words stand out: reverse video on a terminal, [brackets] in a pipe.
                    guard part.isMatch else { return text }
                    return styled ? "\u{1B}[1;7m" + text + "\u{1B}[0m" : "[" + text + "]"
                }.joined()
                print("\(dates.date(hit.startedAt)) \(dates.time(hit.startedAt))  \(Output.safe(hit.client.name))  \(hit.source.rawValue)  \(snippet)")
            }
        }
    }
}
