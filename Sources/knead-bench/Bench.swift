import Foundation
import KneadCore
import KneadStore
import KneadUI

/// Benchmarks: prints medians of repeated runs. Run with `swift run -c release knead-bench`.
///
/// Measures what a keystroke costs before ncurses: the app handling the key and rendering the
/// frame into a canvas, per screen and size; and the durable append of one event with
/// `synchronous=FULL`. Terminal painting needs a terminal and is measured with ptyprobe.
@main
struct Bench {
    static func main() throws {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            switch arguments.first {
            case "generate": return try PracticeGenerator.main(Array(arguments.dropFirst()))
            case "scale": return try ScaleBench.main(Array(arguments.dropFirst()))
            default: break
            }
        } catch {
            FileHandle.standardError.write(Data("knead-bench: \(error)\n".utf8))
            exit(1)
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("knead-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let journal = try SQLiteJournal.open(folder: folder)
        defer { try? journal.close() }
        let now = Date()
        try SamplePractice.seed(into: journal, now: now)

        print("knead-bench — medians of repeated runs")
        print(String(repeating: "-", count: 64))
        print(pad("render (key + frame into canvas)", 40) + pad("size", 10) + "median")
        let screens: [(String, [Key])] = [
            ("today", [.character("n")]),
            ("treatment", [.character("y")]),
            ("note preview", [.character("n"), .enter]),
        ]
        for (name, keys) in screens {
            for (w, h) in [(80, 24), (200, 60)] {
                let app = KneadApp(journal: journal, clock: SystemClock(), theme: BuiltInTheme.default,
                                   settings: AppSettings(therapistName: "bench"))
                for key in keys { app.handle(.key(key)) }
                app.handle(.resized(width: w, height: h))
                // A key that moves a selection and redraws, as during treatment.
                let samples = measure(runs: 400) {
                    app.handle(.key(.down))
                    _ = app.frame(width: w, height: h)
                }
                print(pad(name, 40) + pad("\(w)x\(h)", 10) + format(median(samples)))
            }
        }

        // Treatment: a walk around the body map, one key per frame, as during a session.
        for (w, h) in [(80, 24), (120, 40), (200, 60)] {
            let app = KneadApp(journal: journal, clock: SystemClock(), theme: BuiltInTheme.default,
                               settings: AppSettings(therapistName: "bench"))
            app.handle(.key(.character("y")))
            app.handle(.resized(width: w, height: h))
            let walk: [Key] = [.character("l"), .character("j"), .character("h"), .character("k")]
            var step = 0
            let samples = measure(runs: 400) {
                app.handle(.key(walk[step % walk.count]))
                step += 1
                _ = app.frame(width: w, height: h)
            }
            print(pad("treatment, body map move (hjkl)", 40) + pad("\(w)x\(h)", 10) + format(median(samples)))
        }

        print(String(repeating: "-", count: 64))
        var state = try SamplePractice.record(journal, at: now, client: SamplePractice.clients[4], minutes: 60, steps: [
            .command(.recordAssessment(Assessment(consent: true))), .command(.beginTreatment),
        ])
        var latencies: [Double] = []
        for i in 0..<300 {
            guard case .success(let events) = decide(.checkIn(score: i % 11, region: nil), state, at: Date()) else { continue }
            let start = DispatchTime.now().uptimeNanoseconds
            try journal.append(events, to: state.id)
            latencies.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            for event in events { state.evolve(event) }
        }
        latencies.sort()
        print(pad("append one event (synchronous=FULL)", 50) + "p50 " + format(percentile(latencies, 0.5))
              + "  p99 " + format(percentile(latencies, 0.99)))
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
