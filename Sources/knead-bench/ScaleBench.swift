import Foundation
import KneadCore
import KneadStore
import KneadUI

/// Figures on a large database: the day review, note search, a client's history, and the app's
/// start (open, read today, first frame into a canvas). `knead-bench scale PATH`.
enum ScaleBench {
    /// The median time of a day review over the last 60 days, and the sessions a day it showed.
    static func dayReview(_ journal: SQLiteJournal) -> (ms: Double, perDay: Int) {
        let calendar = ReviewCalendar(timeZone: .current)
        let today = calendar.day(of: Date())
        let days = (1...60).map { calendar.day(-$0, after: today) }
        var i = 0, rows = 0
        let review = Bench.measure(runs: 120) {
            let span = calendar.span(of: days[i % days.count])
            rows += (try? journal.sessionSummaries(startedFrom: span.from, to: span.to).reviewOrder().count) ?? 0
            i += 1
        }
        return (Bench.median(review), rows / max(1, i))
    }

    /// The median time of a note search, and how many sessions it showed.
    static func search(_ journal: SQLiteJournal, _ words: String) -> (ms: Double, hits: Int) {
        var hits = 0
        let search = Bench.measure(runs: 60) {
            hits = (try? journal.search(NoteSearch(words, limit: 50)).count) ?? 0
        }
        return (Bench.median(search), hits)
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

        for words in ["trigger", "gluteus medius", "headache", "tingling eased", "zzzz"] {
            var hits = 0
            let search = Bench.measure(runs: 60) {
                hits = (try? journal.search(NoteSearch(words, limit: 50)).count) ?? 0
            }
            print(Bench.pad("search \"\(words)\" (\(hits) sessions shown)", 50) + Bench.format(Bench.median(search)))
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
