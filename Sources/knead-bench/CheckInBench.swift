import Foundation
import KneadCore
import KneadStore
import KneadTerminal
import KneadUI

/// The pain check-in on its own, for comparing two builds run by run and for profiling one:
///
/// - `knead-bench checkin [--runs N] [--keys N] [--knead PATH]`: the release `knead` (beside the
///   benchmark, or PATH) in a pseudo-terminal resumes the sample practice's treatment, as the
///   table's row does, and times N keys of check-ins per run (`5`, `4`, `6`, `3` in turn); prints
///   each run's median and p95, then the median of the runs' medians; and the same check-ins
///   in the benchmark's own process, split into the key's handling (decided and saved, synced),
///   the frame's render into a canvas, and its paint (ncurses on an off-screen terminal).
/// - `knead-bench seed FOLDER`: writes the sample practice into FOLDER and prints the moment and
///   the command that resume its treatment, to drive knead by hand under `strace` or `perf`.
enum CheckInBench {
    static let keys = ["5", "4", "6", "3"].map { Array($0.utf8) }

    static func main(_ arguments: [String]) throws {
        func value(_ name: String) -> String? {
            guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
            return arguments[i + 1]
        }
        let runs = value("--runs").flatMap(Int.init) ?? 3
        // Added to knead's environment, e.g. LD_PRELOAD=… of Benchmarks/nosync.c to time knead's own work alone.
        let extra = arguments.indices.filter { arguments[$0] == "--env" && $0 + 1 < arguments.count }.map { arguments[$0 + 1] }
        let count = value("--keys").flatMap(Int.init) ?? 40
        guard let knead = value("--knead") ?? StartupProbe.kneadBeside() else {
            throw GeneratorError("Build knead first (swift build -c release --product knead) or name one with --knead.")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("knead-checkin-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let anchor = Bench.workingAfternoon(of: Date())
        print("knead-bench checkin — \(knead), \(runs) runs of \(count) check-ins")
        var medians: [Double] = []
        for run in 0..<runs {
            let (times, cpu) = try measure(knead: knead, folder: folder.appendingPathComponent("run-\(run)"), anchor: anchor,
                                           count: count, environment: extra)
            let figures = times.sorted()
            let median = Bench.percentile(figures, 0.5)
            medians.append(median)
            Bench.row("pain check-in through a pty, run \(run + 1)", "80x24",
                      "median \(Bench.format(median)), p95 \(Bench.format(Bench.percentile(figures, 0.95)))"
                        + (cpu.map { ", knead's CPU \(Bench.format($0)) each" } ?? ""), "", "")
        }
        let overall = Bench.median(medians)
        Bench.row("pain check-in through a pty, median of runs", "80x24", Bench.format(overall), "≤ 1 ms",
                  Bench.mark(overall <= 1))
        try inCanvas(folder: folder.appendingPathComponent("canvas"), anchor: anchor, count: count * runs)
    }

    /// Check-ins in this process on the sample practice's treatment: the key handled (decided,
    /// appended and synced), the frame rendered, and painted; medians of each part.
    static func inCanvas(folder: URL, anchor: Date, count: Int) throws {
        let treatment = try TreatmentInProcess(folder: folder, anchor: anchor)
        defer { treatment.close() }
        let (app, painter) = (treatment.app, treatment.painter)
        guard let before = app.session?.events.count else { throw GeneratorError("The route did not reach the treatment screen.") }
        var handle: [Double] = [], render: [Double] = [], paint: [Double] = []
        for i in 0..<count {
            let t0 = DispatchTime.now().uptimeNanoseconds
            app.handle(.key(.character(Character(UnicodeScalar(keys[i % keys.count][0])))))
            let t1 = DispatchTime.now().uptimeNanoseconds
            let frame = app.frame(width: 80, height: 24)
            let t2 = DispatchTime.now().uptimeNanoseconds
            painter.paint(frame, theme: app.theme)
            let t3 = DispatchTime.now().uptimeNanoseconds
            handle.append(Double(t1 - t0) / 1e6)
            render.append(Double(t2 - t1) / 1e6)
            paint.append(Double(t3 - t2) / 1e6)
        }
        guard app.session?.events.count == before + count else {
            throw GeneratorError("Not every check-in was saved: \((app.session?.events.count ?? 0) - before) of \(count).")
        }
        Bench.row("pain check-in in the process: handle (to disk)", "80x24", Bench.format(Bench.median(handle)), "", "")
        Bench.row("pain check-in in the process: render", "80x24", Bench.format(Bench.median(render)), "", "")
        Bench.row("pain check-in in the process: paint", "80x24", Bench.format(Bench.median(paint)), "", "")
    }

    /// Seeds a fresh sample practice in `folder`, starts `knead` on it, resumes the treatment and
    /// times `count` check-ins: milliseconds from each key's byte to the last byte of its redraw,
    /// and the CPU time knead's main thread spent a check-in (`/proc/PID/schedstat`: on the CPU,
    /// not waiting for the disk), when it can be read.
    static func measure(knead: String, folder: URL, anchor: Date, count: Int,
                        environment extra: [String] = []) throws -> (times: [Double], cpu: Double?) {
        let home = folder.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let data = folder.appendingPathComponent("data")
        let journal = try SQLiteJournal.open(folder: data, clock: ManualClock(anchor))
        try SamplePractice.seed(into: journal, now: anchor)
        try journal.close()
        let probe = KeyProbe(executable: knead, columns: 80, rows: 24)
        let session = try probe.start(arguments: ["--data-dir", data.path], environment: environment(anchor) + extra, home: home)
        defer { session.stop() }
        guard session.wait(for: "Resume") else { throw GeneratorError("knead did not offer to resume the sample session.") }
        session.clear()
        _ = session.send(Array("y".utf8))
        guard session.wait(for: "Body map") else { throw GeneratorError("The route did not reach the treatment screen.") }
        session.drain(quiet: 0.2)
        let before = onCPU(session.pid)
        let times = probe.measure(session, keys: keys, count: count).settle
        let after = onCPU(session.pid)
        let cpu = before.flatMap { b in after.map { Double($0 - b) / 1e6 / Double(count) } }
        return (times, cpu)
    }

    /// Nanoseconds a process's main thread has run on a CPU, from `/proc/PID/schedstat`.
    static func onCPU(_ pid: pid_t) -> UInt64? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/schedstat", encoding: .utf8) else { return nil }
        return text.split(separator: " ").first.flatMap { UInt64($0) }
    }

    /// The environment the benchmark runs `knead` in: the fixed moment, this time zone.
    static func environment(_ anchor: Date) -> [String] {
        ["KNEAD_DEV_CLOCK=\(ISO8601DateFormatter().string(from: anchor))", "TZ=\(TimeZone.current.identifier)"]
    }

    static func seed(_ arguments: [String]) throws {
        guard let path = arguments.first else { throw GeneratorError("usage: knead-bench seed FOLDER") }
        let anchor = Bench.workingAfternoon(of: Date())
        let data = URL(fileURLWithPath: path, isDirectory: true)
        let journal = try SQLiteJournal.open(folder: data, clock: ManualClock(anchor))
        try SamplePractice.seed(into: journal, now: anchor)
        try journal.close()
        let moment = ISO8601DateFormatter().string(from: anchor)
        print("Sample practice written to \(data.path). Resume its treatment (answer y) with:")
        print("  KNEAD_DEV_CLOCK=\(moment) knead --data-dir \(data.path)")
    }
}
