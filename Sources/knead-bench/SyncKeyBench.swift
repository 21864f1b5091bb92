import Foundation
import KneadCore
import KneadStore
#if canImport(Glibc)
import Glibc
#endif

/// The key as a therapist feels it while the background sync pushes a whole practice: the
/// release `knead` in a pseudo-terminal on a copy of the 20,000-session practice (`knead-bench
/// generate`) with the sample practice's treatment added, first with no clinic server (the
/// baseline), then with `KNEAD_CLINIC_SERVER` naming an empty database, so that its sync worker
/// starts pushing the whole practice at once while keys are timed.
///
/// `swift run -c release knead-bench sync-keys --server URL [--large PATH]`
enum SyncKeyBench {
    static func main(_ arguments: [String]) throws {
        guard let i = arguments.firstIndex(of: "--server"), i + 1 < arguments.count else {
            print("usage: knead-bench sync-keys --server postgresql://…/empty_db [--large PATH]")
            throw GeneratorError("Name an empty clinic database with --server (createdb one first).")
        }
        let server = arguments[i + 1]
        var large = URL(fileURLWithPath: Bench.defaultLargeDatabase, isDirectory: true)
        if let j = arguments.firstIndex(of: "--large"), j + 1 < arguments.count { large = URL(fileURLWithPath: arguments[j + 1]) }
        guard FileManager.default.fileExists(atPath: large.appendingPathComponent("knead.sqlite").path) else {
            throw GeneratorError("No practice at \(large.path): run knead-bench generate \(large.path) first.")
        }
        guard let knead = StartupProbe.kneadBeside() else { throw GeneratorError("Build knead first: swift build -c release") }

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("knead-sync-keys-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("practice")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: large, to: data)
        let anchor = Bench.workingAfternoon(of: Date())
        let watcher = try SQLiteJournal.open(folder: data, clock: ManualClock(anchor))
        defer { try? watcher.close() }
        try SamplePractice.seed(into: watcher, now: anchor)
        let waiting = try watcher.syncWaiting()

        let home = folder.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let moment = ISO8601DateFormatter().string(from: anchor)
        let probe = KeyProbe(executable: knead, columns: 80, rows: 24)
        print("knead-bench sync-keys — \(waiting) rows waiting to be pushed (\(ProcessInfo.processInfo.activeProcessorCount) cores)")
        Bench.row("measure", "size", "figure", "target", "")
        print(String(repeating: "-", count: 100))
        for withServer in [false, true] {
            var environment = ["KNEAD_DEV_CLOCK=\(moment)", "TZ=\(TimeZone.current.identifier)"]
            if withServer { environment.append("KNEAD_CLINIC_SERVER=\(server)") }
            let before = try watcher.syncCursor("push")
            let session = try probe.start(arguments: ["--data-dir", data.path], environment: environment, home: home)
            defer { session.stop() }
            guard session.wait(for: "Resume", timeout: 60) else { throw GeneratorError("knead did not offer to resume the sample session.") }
            session.clear()
            _ = session.send(Array("y".utf8))
            guard session.wait(for: "Body map") else { throw GeneratorError("The route did not reach the treatment screen.") }
            session.drain(quiet: 0.2)
            // Keys spread over about 30 s, as a therapist's are, so that they meet the push's pages.
            var moves: [Double] = [], pains: [Double] = []
            for k in 0..<600 {
                if k % 5 == 4 {
                    pains.append(session.time(Array(["5", "4", "6", "3"][k % 4].utf8), settle: probe.settle).ms)
                } else {
                    moves.append(session.time(Array(["l", "j", "h", "k"][k % 4].utf8), settle: probe.settle).ms)
                }
                usleep(30_000)
            }
            let pushed = try watcher.syncCursor("push") - before
            moves.sort()
            pains.sort()
            print(withServer ? "while the worker pushes (\(pushed) rows pushed during the keys):" : "no clinic server (baseline):")
            Bench.row("key through a pty: body-map move, median", "80x24", Bench.format(Bench.percentile(moves, 0.5)),
                      "≤ 0.4 ms", Bench.mark(Bench.percentile(moves, 0.5) <= 0.4))
            Bench.row("  body-map move, p95 / max", "80x24",
                      "\(Bench.format(Bench.percentile(moves, 0.95))) / \(Bench.format(moves.last ?? 0))", "≤ 1 ms",
                      Bench.mark(Bench.percentile(moves, 0.95) <= 1))
            Bench.row("  pain check-in (to disk), median / p95 / max", "80x24",
                      "\(Bench.format(Bench.percentile(pains, 0.5))) / \(Bench.format(Bench.percentile(pains, 0.95))) / \(Bench.format(pains.last ?? 0))",
                      "≤ 1 ms", Bench.mark(Bench.percentile(pains, 0.5) <= 1))
        }
    }
}
