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
            One line per matching entry, best match first: date, time, client, where it matched, and \
            the text around the match. On a terminal the matched words are highlighted.

            Best match is bm25 relevance, as SQLite's full-text search defines it: how often the words \
            occur in the entry, against its length; with several words, also how rare each word is \
            among the entries of the journal's last 100,000 events (among all entries, in a smaller \
            practice).

            The newest 1,000 matching entries (those written last) are ranked; when more match, \
            standard error says that the lines are the best of those, and --client, --since or \
            --before (or since:2019 and before:2020-06 among the words, as in the app) reach older ones.

            Exit status: 0 when something matched; 1 when nothing did or the data cannot be read; \
            2 for bad usage, such as TEXT without a word, or a --client that matches several clients \
            (listed on standard output with their ids, as history does).
            """
        )

        @Argument(parsing: .remaining, help: ArgumentHelp("Words to find.", valueName: "text"))
        var text: [String]

        @Option(name: .long, help: ArgumentHelp("Only this client's notes (id or name, as for history).", valueName: "client"))
        var client: String?

        @Option(name: .long, help: ArgumentHelp("Only sessions started from this year, month or day on (YYYY, YYYY-MM or YYYY-MM-DD).", valueName: "date"))
        var since: String?

        @Option(name: .long, help: ArgumentHelp("Only sessions started before this year, month or day (YYYY, YYYY-MM or YYYY-MM-DD).", valueName: "date"))
        var before: String?

        @Option(name: .long, help: "At most this many matching entries.")
        var limit: Int = 50

        @OptionGroup var records: RecordsOptions

        /// The words and the dates as one search, the search window's rule: `--since 2019` is
        /// `since:2019` among the words.
        var typed: String {
            (text + [since.map { "since:" + $0 }, before.map { "before:" + $0 }].compactMap { $0 }).joined(separator: " ")
        }

        func search(client: ClientID?) throws(SearchDateError) -> NoteSearch {
            try NoteSearch.typed(typed, client: client, calendar: ReviewCalendar(timeZone: .current), limit: limit)
        }

        func validate() throws {
            // A date option is one date: glued into the words, "--since '2019 knee'" would add a
            // search word and "--since '2019 before:2020'" another date.
            for (name, value) in [("--since", since), ("--before", before)] {
                guard let value else { continue }
                if value.isEmpty || value.contains(where: { $0.isWhitespace || $0.isNewline }) || value.contains(":") {
                    throw ValidationError("\(name) takes one date: a year, a month or a day (YYYY, YYYY-MM or YYYY-MM-DD), e.g. \(name) 2019-03; not \"\(Output.safe(value))\".")
                }
            }
            let search: NoteSearch
            do {
                search = try self.search(client: nil)
            } catch {
                throw ValidationError(error.description)
            }
            if search.words.isEmpty {
                throw ValidationError("Give a word to search for, e.g. knead search trigger point.")
            }
            if limit < 1 { throw ValidationError("--limit must be 1 or more.") }
        }

        func run() throws {
            let journal = try records.openJournal(clock: try CommandClock.resolve())
            defer { try? journal.close() }
            let found: NoteSearchResults
            var dated = false
            do {
                var clientID: ClientID?
                if let client {
                    clientID = try ClientLookup.resolve(client, in: try journal.clients()).id
                }
                // The dates too, as the search window logs its words.
                try AccessLogging.record(.search, client: clientID, detail: typed, at: try records.location())
                try journal.reopenAfterAccessEntry()
                let search = try search(client: clientID)
                dated = search.from != nil || search.to != nil
                found = try journal.searchNotes(search)
            } catch let exit as ExitCode {
                throw exit
            } catch {
                printError("knead: \(error)")
                throw ExitCode(1)
            }
            let hits = found.hits
            guard !hits.isEmpty else {
                let narrowed = [client == nil ? nil : "for that client", dated ? "in those dates" : nil].compactMap { $0 }
                printError("knead: nothing matched \"\(Output.safe(text.joined(separator: " ")))\"\(narrowed.isEmpty ? "" : " " + narrowed.joined(separator: " and ")); try fewer or shorter words.")
                throw ExitCode(1)
            }
            if found.isCapped {
                // On standard error: the lines on standard output stay the matches alone.
                printError("knead: more than \(found.ranked.groupedDigits) entries match; these are the best \(hits.count) of the newest \(found.ranked.groupedDigits). Narrow with --client, --since or --before to reach older ones.")
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
