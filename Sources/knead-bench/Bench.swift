import Foundation
import KneadCore
import KneadStore
import KneadTerminal
import KneadUI

/// Benchmarks: prints one table of medians of repeated runs, each figure beside its target.
/// Run with `swift run -c release --static-swift-stdlib knead-bench` (the build knead is installed as).
///
/// Rows: a keystroke's render (the app handles the key and draws the frame into a canvas) and
/// paint (the real painter on an ncurses screen writing to a file: ncurses' diff and the bytes
/// it would send) on every screen at 80x24 and 200x60; the durable append of one event with
/// `synchronous=FULL`; a pain check-in in this process, split into its handling (saved and
/// synced), render and paint; the release `knead` in a pseudo-terminal, from spawn to its first frame,
/// and its peak memory, on an empty and on the large database; the day review and note search
/// on the large database (`knead-bench generate /tmp/knead-bench-large` makes it, once).
@main
struct Bench {
    static let defaultLargeDatabase = "/tmp/knead-bench-large"

    static func main() throws {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            switch arguments.first {
            case "generate": return try PracticeGenerator.main(Array(arguments.dropFirst()))
            case "scale": return try ScaleBench.main(Array(arguments.dropFirst()))
            case "history": return try ScaleBench.history(Array(arguments.dropFirst()))
            case "sync-keys": return try SyncKeyBench.main(Array(arguments.dropFirst()))
            case "startup": return try startupOnly(Array(arguments.dropFirst()))
            case "keys": return try keysOnly(Array(arguments.dropFirst()))
            case "checkin": return try CheckInBench.main(Array(arguments.dropFirst()))
            case "seed": return try CheckInBench.seed(Array(arguments.dropFirst()))
            case "screens": return try screensOnly(Array(arguments.dropFirst()))
            default: break
            }
            var large = defaultLargeDatabase
            if let i = arguments.firstIndex(of: "--large"), i + 1 < arguments.count { large = arguments[i + 1] }
            try table(large: URL(fileURLWithPath: large, isDirectory: true))
        } catch {
            FileHandle.standardError.write(Data("knead-bench: \(error)\n".utf8))
            exit(1)
        }
    }

    static func table(large: URL) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("knead-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        // Every route is taken at 15:00 on the day the benchmark runs, whatever the hour: the
        // sample practice's sessions of the day are all there, on any date.
        let anchor = workingAfternoon(of: Date())
        let clock = ManualClock(anchor)
        let journal = try SQLiteJournal.open(folder: folder.appendingPathComponent("sample"), clock: clock)
        defer { try? journal.close() }
        try SamplePractice.seed(into: journal, now: anchor)

        print("knead-bench — medians of repeated runs (\(ProcessInfo.processInfo.activeProcessorCount) cores)")
        row("measure", "size", "figure", "target", "")
        print(String(repeating: "-", count: 100))
        try screens(in: folder, anchor: anchor)
        print(String(repeating: "-", count: 100))
        try appends(journal, clock: clock)
        print(String(repeating: "-", count: 100))
        try keysThroughTerminal(folder: folder, anchor: anchor)
        try CheckInBench.inCanvas(folder: folder.appendingPathComponent("check-ins"), anchor: anchor, count: 120)
        print(String(repeating: "-", count: 100))
        try startup(folder: folder, large: large)
        print(String(repeating: "-", count: 100))
        try queries(large: large, anchor: anchor)
    }

    // MARK: Screens

    /// `knead-bench screens [--route TEXT] [--runs N]`: only the render + paint rows, for the
    /// routes whose name contains TEXT, each timed over N keys (400 by default).
    static func screensOnly(_ arguments: [String]) throws {
        var filter: String?, runs = 400
        var rest = arguments[...]
        while let option = rest.popFirst() {
            switch option {
            case "--route":
                guard let text = rest.popFirst() else { throw GeneratorError("--route needs a text") }
                filter = text
            case "--runs":
                guard let text = rest.popFirst(), let count = Int(text), count > 0 else { throw GeneratorError("--runs needs a number above 0") }
                runs = count
            default:
                throw GeneratorError("usage: knead-bench screens [--route TEXT] [--runs N]")
            }
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("knead-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try screens(in: folder, anchor: workingAfternoon(of: Date()), only: filter, runs: runs)
    }

    static func screens(in folder: URL, anchor: Date, only filter: String? = nil, runs: Int = 400) throws {
        guard let painter = OffscreenPainter(width: 80, height: 24) else {
            throw GeneratorError("ncurses could not start an off-screen xterm-256color screen; is its terminfo installed?")
        }
        for route in ScreenRoute.all where filter.map(route.name.contains) ?? true {
            for (w, h) in [(80, 24), (200, 60)] {
                // A fresh sample practice each time: routes start, end and resume sessions.
                let clock = ManualClock(anchor)
                let journal = try SQLiteJournal.open(folder: folder.appendingPathComponent(UUID().uuidString), clock: clock)
                defer { try? journal.close() }
                try SamplePractice.seed(into: journal, now: anchor)
                let app = KneadApp(journal: journal, clock: clock, theme: BuiltInTheme.default,
                                   settings: AppSettings(therapistName: "bench"))
                app.handle(.resized(width: w, height: h))
                for key in route.keys { app.handle(.key(key)) }
                painter.resize(width: w, height: h)
                painter.paint(app.frame(width: w, height: h), theme: app.theme)
                var render: [Double] = [], paint: [Double] = [], total: [Double] = [], bytes: [Int] = []
                for run in 0..<(runs + 20) {
                    let t0 = DispatchTime.now().uptimeNanoseconds
                    app.handle(.key(route.strokes[run % route.strokes.count]))
                    let frame = app.frame(width: w, height: h)
                    let t1 = DispatchTime.now().uptimeNanoseconds
                    let written = painter.paint(frame, theme: app.theme)
                    let t2 = DispatchTime.now().uptimeNanoseconds
                    guard run >= 20 else { continue }  // warm-up
                    render.append(Double(t1 - t0) / 1e6)
                    paint.append(Double(t2 - t1) / 1e6)
                    total.append(Double(t2 - t0) / 1e6)
                    bytes.append(written)
                }
                let text = app.frame(width: w, height: h).canvas.text
                let reached = app.screen == route.screen && (route.marker.map { text.contains($0) } ?? true)
                let figure = "render \(format(median(render))) + paint \(format(median(paint)))"
                    + " = \(format(median(total))), \(bytes.sorted()[bytes.count / 2]) B"
                if reached {
                    row("key on \(route.name)", "\(w)x\(h)", figure, "< 1 ms", mark(median(total) < 1))
                } else {
                    row("key on \(route.name)", "\(w)x\(h)", "the route did not reach the screen", "", "✗")
                }
            }
        }
    }

    // MARK: Appends

    static func appends(_ journal: SQLiteJournal, clock: ManualClock) throws {
        var state = try SamplePractice.record(journal, at: clock.now(), client: SamplePractice.clients[4], minutes: 60, steps: [
            .command(.recordAssessment(Assessment(consent: true))), .command(.beginTreatment),
        ])
        var latencies: [Double] = []
        for i in 0..<500 {
            clock.advance(by: 1)
            guard case .success(let events) = decide(.checkIn(score: i % 11, region: nil), state, at: clock.now()) else { continue }
            let start = DispatchTime.now().uptimeNanoseconds
            try journal.append(events, to: state.id)
            latencies.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            for event in events { state.evolve(event) }
        }
        latencies.sort()
        row("append one event, synchronous=FULL, p50", "", format(percentile(latencies, 0.5)), "", "")
        row("append one event, synchronous=FULL, p99", "", format(percentile(latencies, 0.99)), "< 10 ms",
            mark(percentile(latencies, 0.99) < 10))
    }

    // MARK: Start-up

    /// `knead-bench startup [--large FOLDER] [--runs N]`: only the start-up rows (first frame and
    /// peak memory on an empty database, and on FOLDER when given), N starts each (default 7).
    static func startupOnly(_ arguments: [String]) throws {
        var large = URL(fileURLWithPath: "/nonexistent-knead-large", isDirectory: true)
        var runs = 7
        var rest = arguments[...]
        while let option = rest.popFirst() {
            switch option {
            case "--large":
                guard let path = rest.popFirst() else { throw GeneratorError("--large needs a folder") }
                large = URL(fileURLWithPath: path, isDirectory: true)
            case "--runs":
                guard let text = rest.popFirst(), let count = Int(text), count > 0 else { throw GeneratorError("--runs needs a number above 0") }
                runs = count
            default:
                throw GeneratorError("usage: knead-bench startup [--large FOLDER] [--runs N]")
            }
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("knead-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        row("measure", "size", "figure", "target", "")
        try startup(folder: folder, large: large, runs: runs, reportMissing: false)
    }

    static func startup(folder: URL, large: URL, runs: Int = 7, reportMissing: Bool = true) throws {
        guard let knead = StartupProbe.kneadBeside() else {
            row("first frame, peak memory", "", "build knead first: swift build -c release", "", "✗")
            return
        }
        let probe = StartupProbe(executable: knead, columns: 100, rows: 30)
        let home = folder.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let empty = folder.appendingPathComponent("empty")
        _ = try probe.run(dataDir: empty, home: home, marker: "Today")  // creates the database
        var databases = [("empty database", empty)]
        if FileManager.default.fileExists(atPath: large.appendingPathComponent(DataLocation.databaseFileName).path) {
            databases.append(("large database", large))
        }
        for (name, data) in databases {
            let starts = try (0..<runs).map { _ in try probe.run(dataDir: data, home: home, marker: "Today") }
            let frame = median(starts.map(\.firstFrameMs))
            let peak = Double(starts.map(\.peakKB).sorted()[starts.count / 2]) / 1024
            row("knead start to first frame, \(name)", "100x30", format(frame), "≤ 10 ms", mark(frame <= 10))
            row("knead peak memory (VmHWM), \(name)", "100x30", String(format: "%.1f MiB", peak), "≤ 26 MiB", mark(peak <= 26))
            if starts.contains(where: \.sharedSwiftRuntime), name == databases[0].0 {
                print("  (this knead uses the shared Swift libraries; the installed build is made with")
                print("   --static-swift-stdlib, which maps fewer pages: swift run -c release --static-swift-stdlib knead-bench)")
            }
        }
        if databases.count == 1, reportMissing { missingLarge(large) }
    }

    // MARK: Large database

    static func queries(large: URL, anchor: Date) throws {
        guard FileManager.default.fileExists(atPath: large.appendingPathComponent(DataLocation.databaseFileName).path) else {
            return missingLarge(large)
        }
        let clock = ManualClock(anchor)
        let journal = try SQLiteJournal.open(folder: large, clock: clock)
        defer { try? journal.close() }
        let (sessions, latest) = try ScaleBench.sessionCount(journal)
        print("large database: \(large.path), \(sessions) sessions")
        let (review, perDay) = ScaleBench.dayReview(journal, latest: latest)
        row("day review of a past day (\(perDay) sessions), large db", "", format(review), "< 20 ms", mark(review < 20))
        for (label, search) in try ScaleBench.searches(journal, latest: latest) {
            let (ms, found) = ScaleBench.search(journal, search)
            row("search \(label) (\(ScaleBench.describe(found)))", "", format(ms), "< 20 ms", mark(ms < 20))
        }
        if let (history, visits) = try ScaleBench.busiestHistory(journal) {
            row("client history (\(visits) visits, the most), large db", "", format(history), "≤ 20 ms", mark(history <= 20))
        }
        let (open, key, delete, clients) = try ScaleBench.pickerTyping(journal, clock: clock)
        row("client picker opens (\(clients) clients), large db", "100x30", format(open), "< 20 ms", mark(open < 20))
        row("client picker, a typed letter, large db", "100x30", format(key), "< 1 ms", mark(key < 1))
        row("client picker, a letter taken away, large db", "100x30", format(delete), "< 1 ms", mark(delete < 1))
        let start = ScaleBench.appStart(journal, clock: clock)
        row("app start to first frame in a canvas, large db", "100x30", format(start), "≤ 10 ms", mark(start <= 10))
    }

    static func missingLarge(_ large: URL) {
        row("large database", "", "missing: knead-bench generate \(large.path) (about 5 min, once)", "", "")
    }

    // MARK: Figures

    static func mark(_ met: Bool) -> String { met ? "✓" : "✗" }

    static func row(_ measure: String, _ size: String, _ figure: String, _ target: String, _ met: String) {
        print(pad(measure, 48) + pad(size, 8) + pad(figure, 46) + pad(target, 9) + met)
    }

    static func measure(runs: Int, _ body: () -> Void) -> [Double] {
        for _ in 0..<20 { body() }
        return (0..<runs).map { _ in
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        }
    }

    static func median(_ values: [Double]) -> Double { percentile(values.sorted(), 0.5) }

    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p))]
    }

    static func format(_ ms: Double) -> String { String(format: "%.3f ms", ms) }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
