import Foundation
import KneadTerminal
import KneadUI
import KneadCore
import KneadStore

extension Bench {
    /// `knead-bench keys [--runs N] [--knead PATH]`: only the rows of keys through a pseudo-terminal
    /// (body-map moves, check-ins, resizes), N runs (default 3), with the `knead` beside the bench or PATH.
    static func keysOnly(_ arguments: [String]) throws {
        var runs = 3
        var knead: String?
        var rest = arguments[...]
        while let option = rest.popFirst() {
            switch option {
            case "--runs":
                guard let text = rest.popFirst(), let count = Int(text), count > 0 else { throw GeneratorError("--runs needs a number above 0") }
                runs = count
            case "--knead":
                guard let path = rest.popFirst() else { throw GeneratorError("--knead needs a path") }
                knead = path
            default:
                throw GeneratorError("usage: knead-bench keys [--runs N] [--knead PATH]")
            }
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("knead-keys-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        row("measure", "size", "figure", "target", "")
        try keysThroughTerminal(folder: folder, anchor: workingAfternoon(of: Date()), knead: knead, runs: runs)
        try resizeInCanvas(folder: folder.appendingPathComponent("resize"), anchor: workingAfternoon(of: Date()), count: 60 * runs)
    }

    /// The resize of the pty row in this process, split into its frame (the treatment screen
    /// rendered at the new size) and its paint (ncurses' whole screen drawn again and written to a
    /// file): 80x24 and 100x30 in turn, medians of `count`.
    static func resizeInCanvas(folder: URL, anchor: Date, count: Int) throws {
        let treatment = try TreatmentInProcess(folder: folder, anchor: anchor)
        defer { treatment.close() }
        let (app, painter) = (treatment.app, treatment.painter)
        var render: [Double] = [], paint: [Double] = []
        for i in 0..<count {
            let (w, h) = i % 2 == 0 ? (100, 30) : (80, 24)
            painter.resize(width: w, height: h)
            app.handle(.resized(width: w, height: h))
            let t0 = DispatchTime.now().uptimeNanoseconds
            let frame = app.frame(width: w, height: h)
            let t1 = DispatchTime.now().uptimeNanoseconds
            painter.paint(frame, theme: app.theme)
            let t2 = DispatchTime.now().uptimeNanoseconds
            render.append(Double(t1 - t0) / 1e6)
            paint.append(Double(t2 - t1) / 1e6)
        }
        row("resize in the process: frame at the new size", "80x24⇄100x30", format(median(render)), "", "")
        row("resize in the process: paint of the whole screen", "80x24⇄100x30", format(median(paint)), "", "")
    }

    /// A moment every route works at on any date: 15:00 today in this time zone, so the sample
    /// practice has this morning's signed session, one waiting for aftercare and one in treatment.
    static func workingAfternoon(of now: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        return calendar.startOfDay(for: now).addingTimeInterval(15 * 3600)
    }

    /// Keys through a real pseudo-terminal: the release `knead` resumes the sample practice's
    /// treatment (clock fixed by `KNEAD_DEV_CLOCK`), then each key's byte is written and the time
    /// to the last byte of its redraw measured. Three runs; medians and p95 over all keys.
    static func keysThroughTerminal(folder: URL, anchor: Date, knead named: String? = nil, runs: Int = 3) throws {
        guard let knead = named ?? StartupProbe.kneadBeside() else {
            row("key through a pty", "", "build knead first: swift build -c release", "", "✗")
            return
        }
        let home = folder.appendingPathComponent("pty-home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let moment = ISO8601DateFormatter().string(from: anchor)
        let probe = KeyProbe(executable: knead, columns: 80, rows: 24)
        var walk: [Double] = [], walkBytes: [Int] = [], pain: [Double] = [], resize: [Double] = []
        for run in 0..<runs {
            let data = folder.appendingPathComponent("pty-\(run)")
            let journal = try SQLiteJournal.open(folder: data, clock: ManualClock(anchor))
            try SamplePractice.seed(into: journal, now: anchor)
            try journal.close()
            let session = try probe.start(arguments: ["--data-dir", data.path],
                                          environment: ["KNEAD_DEV_CLOCK=\(moment)", "TZ=\(TimeZone.current.identifier)"],
                                          home: home)
            defer { session.stop() }
            guard session.wait(for: "Resume") else {
                row("key through a pty", "80x24", "knead did not offer to resume the sample session", "", "✗")
                return
            }
            session.clear()
            _ = session.send(Array("y".utf8))
            guard session.wait(for: "Body map") else {
                row("key through a pty", "80x24", "the route did not reach the treatment screen", "", "✗")
                return
            }
            let moves = probe.measure(session, keys: ["l", "j", "h", "k"].map { Array($0.utf8) }, count: 200)
            walk += moves.settle
            walkBytes += moves.bytes
            pain += probe.measure(session, keys: ["5", "4", "6", "3"].map { Array($0.utf8) }, count: 40).settle
            var size = winsize(ws_row: 24, ws_col: 80, ws_xpixel: 0, ws_ypixel: 0)
            for i in 0..<20 {
                size.ws_col = i % 2 == 0 ? 100 : 80
                size.ws_row = i % 2 == 0 ? 30 : 24
                session.drain(quiet: 0.05)
                let (ms, _) = session.time(settle: probe.settle) {
                    let start = DispatchTime.now().uptimeNanoseconds
                    _ = ioctl(session.master, UInt(TIOCSWINSZ), &size)  // the kernel sends SIGWINCH
                    return start
                }
                resize.append(ms)
            }
        }
        walk.sort()
        pain.sort()
        resize.sort()
        let bytes = walkBytes.sorted()[walkBytes.count / 2]
        row("key through a pty: body-map move, median", "80x24",
            "\(format(percentile(walk, 0.5))), \(bytes) B", "≤ 0.4 ms", mark(percentile(walk, 0.5) <= 0.4))
        row("key through a pty: body-map move, p95", "80x24", format(percentile(walk, 0.95)), "≤ 1 ms",
            mark(percentile(walk, 0.95) <= 1))
        row("key through a pty: pain check-in (to disk), median", "80x24", format(percentile(pain, 0.5)), "≤ 1 ms",
            mark(percentile(pain, 0.5) <= 1))
        row("resize redraw through a pty, median", "80x24", format(percentile(resize, 0.5)), "≤ 1 ms",
            mark(percentile(resize, 0.5) <= 1))
    }
}

/// The sample practice's treatment resumed by an app in the benchmark's own process, its first
/// frame painted on an off-screen ncurses screen at 80x24: where the in-process check-in and
/// resize rows start.
struct TreatmentInProcess {
    let app: KneadApp
    let journal: SQLiteJournal
    let painter: OffscreenPainter

    init(folder: URL, anchor: Date) throws {
        guard let painter = OffscreenPainter(width: 80, height: 24) else {
            throw GeneratorError("ncurses could not start an off-screen xterm-256color screen; is its terminfo installed?")
        }
        let clock = ManualClock(anchor)
        let journal = try SQLiteJournal.open(folder: folder, clock: clock)
        do {
            try SamplePractice.seed(into: journal, now: anchor)
        } catch {
            try? journal.close()
            throw error
        }
        let app = KneadApp(journal: journal, clock: clock, theme: BuiltInTheme.default, settings: AppSettings(therapistName: "bench"))
        app.handle(.resized(width: 80, height: 24))
        app.handle(.key(.character("y")))
        guard app.screen == .treatment else {
            try? journal.close()
            throw GeneratorError("The route did not reach the treatment screen.")
        }
        painter.paint(app.frame(width: 80, height: 24), theme: app.theme)
        (self.app, self.journal, self.painter) = (app, journal, painter)
    }

    func close() { try? journal.close() }
}
