import Foundation
import KneadCore
import KneadStore
import KneadUI

/// Figures on a large database: the day review, note search, a client's history, and the app's
/// start (open, read today, first frame into a canvas). `knead-bench scale PATH`.
enum ScaleBench {
    /// The median time of a day review over the 60 days before `latest` (the newest session, so
    /// the figure is the same on any date), and the sessions a day it showed.
    static func dayReview(_ journal: SQLiteJournal, latest: Date) -> (ms: Double, perDay: Int) {
        let calendar = ReviewCalendar(timeZone: .current)
        let today = calendar.day(of: latest)
        let days = (1...60).map { calendar.day(-$0, after: today) }
        var i = 0, rows = 0
        let review = Bench.measure(runs: 120) {
            let span = calendar.span(of: days[i % days.count])
            rows += (try? journal.sessionSummaries(startedFrom: span.from, to: span.to).reviewOrder().count) ?? 0
            i += 1
        }
        return (Bench.median(review), rows / max(1, i))
    }

    /// The median time of a note search, and how many entries it showed.
    static func search(_ journal: SQLiteJournal, _ words: String) -> (ms: Double, hits: Int) {
        let (ms, found) = search(journal, NoteSearch(words, limit: 50))
        return (ms, found.hits.count)
    }

    /// The median time of a note search, and what it found: the entries shown, how many it ranked,
    /// whether more matched.
    static func search(_ journal: SQLiteJournal, _ search: NoteSearch) -> (ms: Double, found: NoteSearchResults) {
        var found = NoteSearchResults.nothing
        let times = Bench.measure(runs: 60) {
            found = (try? journal.searchNotes(search)) ?? .nothing
        }
        return (Bench.median(times), found)
    }

    /// The searches the table times on a large practice: common words and rare ones, the first
    /// letter typed (find as you type), and older entries reached through a client and a year.
    /// Each with its label; `latest` is the newest session, so the year is the same on any date.
    static func searches(_ journal: SQLiteJournal, latest: Date) throws -> [(label: String, search: NoteSearch)] {
        var searches: [(String, NoteSearch)] = ["trigger", "gluteus medius", "headache", "tingling eased", "t", "zzzz"].map {
            ("\"\($0)\"", NoteSearch($0, limit: 50))
        }
        let calendar = ReviewCalendar(timeZone: .current)
        let from = calendar.calendar.date(byAdding: .year, value: -6, to: latest) ?? latest
        let to = calendar.calendar.date(byAdding: .year, value: -5, to: latest) ?? latest
        searches.append(("\"trigger\", a year 6 years back", NoteSearch("trigger", from: from, to: to, limit: 50)))
        // The client with the fewest visits of the generated ones (the last id), and the busiest.
        let clients = try journal.clients().filter { $0.id.rawValue.hasPrefix("client-") }.map(\.id).sorted { $0.rawValue < $1.rawValue }
        for client in [clients.last, clients.first].compactMap({ $0 }) {
            let visits = try journal.visits(of: client).count
            searches.append(("\"trigger\", one client (\(visits) visits)", NoteSearch("trigger", client: client, limit: 50)))
        }
        return searches
    }

    /// How the table writes what a search found: the entries shown, and of how many.
    static func describe(_ found: NoteSearchResults) -> String {
        found.isCapped ? "\(found.hits.count) of newest \(found.ranked)" : "\(found.hits.count) of \(found.ranked)"
    }

    /// How many sessions the journal holds, and when the newest started.
    static func sessionCount(_ journal: SQLiteJournal) throws -> (count: Int, latest: Date) {
        let all = try journal.sessions(startedFrom: .distantPast, to: .distantFuture)
        return (all.count, all.last?.startedAt ?? Date(timeIntervalSinceReferenceDate: 0))
    }

    /// The history screen's work for the client with the most visits (`client-0000` in a generated
    /// practice): the visits read, and the progress across them worked out. Median ms and visits.
    static func busiestHistory(_ journal: SQLiteJournal) throws -> (ms: Double, visits: Int)? {
        guard let busiest = try journal.clients().first(where: { $0.id.rawValue == "client-0000" }) else { return nil }
        var visits = 0
        let history = Bench.measure(runs: 15) {
            let progress = ClientProgress(visits: (try? journal.visits(of: busiest.id)) ?? [])
            visits = progress.visits.count
        }
        return (Bench.median(history), visits)
    }

    /// The client picker on a large practice: opening it (`n` on the today screen), a letter
    /// typed into the name (find as you type) and a letter taken away, each to a drawn frame.
    /// Medians, and the clients.
    static func pickerTyping(_ journal: SQLiteJournal, clock: any Clock) throws
        -> (open: Double, key: Double, delete: Double, clients: Int) {
        var opens: [Double] = [], keys: [Double] = [], deletes: [Double] = []
        var clients = 0
        for _ in 0..<7 {
            let app = KneadApp(journal: journal, clock: clock, theme: BuiltInTheme.default, settings: AppSettings(therapistName: "bench"))
            app.handle(.resized(width: 100, height: 30))
            if app.frame(width: 100, height: 30).canvas.text.contains("Resume") { app.handle(.key(.character("n"))) }
            var start = DispatchTime.now().uptimeNanoseconds
            app.handle(.key(.character("n")))
            _ = app.frame(width: 100, height: 30)
            opens.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            clients = try journal.clients().count
            for letter in "ana" {
                start = DispatchTime.now().uptimeNanoseconds
                app.handle(.key(.character(letter)))
                _ = app.frame(width: 100, height: 30)
                keys.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            for _ in 0..<3 {
                start = DispatchTime.now().uptimeNanoseconds
                app.handle(.key(.backspace))
                _ = app.frame(width: 100, height: 30)
                deletes.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            guard app.screen == .clientPicker else { throw GeneratorError("The picker route did not reach the client picker.") }
        }
        return (Bench.median(opens), Bench.median(keys), Bench.median(deletes), clients)
    }

    /// The app's start inside the process: it reads today and the unfinished sessions, then draws.
    static func appStart(_ journal: SQLiteJournal, clock: any Clock) -> Double {
        Bench.median(Bench.measure(runs: 30) {
            let app = KneadApp(journal: journal, clock: clock, theme: BuiltInTheme.default, settings: AppSettings(therapistName: "bench"))
            app.handle(.resized(width: 100, height: 30))
            _ = app.frame(width: 100, height: 30)
        })
    }

    /// `knead-bench history PATH`: the busiest client's history alone, read 50 times (for a
    /// profiler), and the client picker.
    static func history(_ arguments: [String]) throws {
        guard let path = arguments.first else { throw GeneratorError("usage: knead-bench history PATH") }
        let journal = try SQLiteJournal.open(folder: URL(fileURLWithPath: path, isDirectory: true), clock: SystemClock())
        defer { try? journal.close() }
        var visits = 0
        let read = Bench.measure(runs: 50) { visits = (try? journal.visits(of: ClientID("client-0000")).count) ?? 0 }
        let progress = Bench.measure(runs: 20) {
            _ = ClientProgress(visits: (try? journal.visits(of: ClientID("client-0000"))) ?? [])
        }
        print(Bench.pad("client history read (\(visits) visits)", 50) + Bench.format(Bench.median(read)))
        print(Bench.pad("read and progress worked out", 50) + Bench.format(Bench.median(progress)))
        let (open, key, delete, clients) = try pickerTyping(journal, clock: SystemClock())
        print(Bench.pad("client picker opens (\(clients) clients)", 50) + Bench.format(open))
        print(Bench.pad("client picker, a typed letter", 50) + Bench.format(key))
        print(Bench.pad("client picker, a letter taken away", 50) + Bench.format(delete))
    }

    static func main(_ arguments: [String]) throws {
        guard let path = arguments.first else {
            throw GeneratorError("usage: knead-bench scale PATH (a folder made by knead-bench generate)")
        }
        let folder = URL(fileURLWithPath: path, isDirectory: true)
        let openStart = DispatchTime.now().uptimeNanoseconds
        let journal = try SQLiteJournal.open(folder: folder, clock: SystemClock())
        let openMs = Double(DispatchTime.now().uptimeNanoseconds - openStart) / 1e6
        defer { try? journal.close() }
        let calendar = ReviewCalendar(timeZone: .current)
        let today = calendar.day(of: Date())

        print("knead-bench scale — medians on \(folder.path)")
        print(String(repeating: "-", count: 72))
        print(Bench.pad("open the journal (migrations checked)", 50) + Bench.format(openMs))

        // The day review of the last 60 days, each in turn, so no one day is always hot in cache.
        let days = (1...60).map { calendar.day(-$0, after: today) }
        var i = 0, rows = 0
        let review = Bench.measure(runs: 120) {
            let span = calendar.span(of: days[i % days.count])
            rows += (try? journal.sessionSummaries(startedFrom: span.from, to: span.to).reviewOrder().count) ?? 0
            i += 1
        }
        print(Bench.pad("day review (\(rows / max(1, i)) sessions a day, summaries)", 50) + Bench.format(Bench.median(review)))

        let latest = try sessionCount(journal).latest
        for (label, search) in try searches(journal, latest: latest) {
            let (ms, found) = self.search(journal, search)
            print(Bench.pad("search \(label) (\(describe(found)))", 62) + Bench.format(ms))
        }

        let busiest = try journal.clients().first { $0.id.rawValue == "client-0000" }
        if let busiest {
            var visits = 0
            let history = Bench.measure(runs: 10) {
                visits = (try? journal.visits(of: busiest.id).count) ?? 0
            }
            print(Bench.pad("client history (\(visits) visits, most of any client)", 50) + Bench.format(Bench.median(history)))
        }

        // Start-up inside the process: the app reads today and the unfinished sessions, then draws.
        let start = Bench.measure(runs: 30) {
            let app = KneadApp(journal: journal, clock: SystemClock(), theme: BuiltInTheme.default,
                               settings: AppSettings(therapistName: "bench"))
            app.handle(.resized(width: 100, height: 30))
            _ = app.frame(width: 100, height: 30)
        }
        print(Bench.pad("app start to first frame in a canvas", 50) + Bench.format(Bench.median(start)))
        print("Start to a frame on a terminal: ptyprobe (see README).")
    }
}
