import Foundation
import KneadCore
import KneadStore
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension EndToEnd {
    /// Every command that writes to standard output, when that output is full, closed or a pipe
    /// nobody reads; and every records command on names and notes written to do harm.
    @Suite("Output streams: a full or closed standard output, hostile text in every records command")
    struct OutputStreams {
        static let now = Date(timeIntervalSince1970: 1_795_003_200)  // 2026-11-18 12:00 UTC

        /// A name that tries everything at once: bidi override and isolate, C1 controls (NEL, CSI,
        /// OSC), an ESC sequence, DEL, a line break that would start a Markdown heading.
        static let hostileName = "Eve \u{202E}evE\u{202C} \u{2066}iso\u{2069}\u{85}\u{9B}31m\u{9D}0;t\u{9C}\u{1B}[2J\u{7F}\n# Injected\u{2028}end"

        /// The sample practice plus a signed session of a client with the hostile name; returns its id.
        static func seeded(_ knead: KneadBinary) throws -> (session: SessionID, client: ClientID) {
            let journal = try SQLiteJournal.open(folder: knead.dataDir, clock: testClock())
            defer { try? journal.close() }
            try SamplePractice.seed(into: journal, now: now)
            let client = Client(id: ClientID("hostile-client"), name: hostileName, preferredName: hostileName)
            let r = Region(.neck, .right)!
            let state = try SamplePractice.record(journal, at: now.addingTimeInterval(-3600), client: client, minutes: 30, steps: [
                .command(.recordAssessment(Assessment(chiefComplaint: "trigger \(hostileName)",
                                                      painfulRegions: [RegionPain(region: r, score: PainScore(6)!)], consent: true))),
                .command(.beginTreatment),
                .command(.startWork(RegionWork(region: r, technique: Technique("effleurage"), pressure: .swedish))),
                .command(.note("trigger point \(hostileName)")),
                .wait(20), .command(.endTreatment),
                .command(.recordAftercare(Aftercare(postPain: PainScore(3)!, advice: [Aftercare.standardAdvice[0]],
                                                    homeCare: hostileName, plan: hostileName))),
                .command(.sign(by: hostileName)),
            ])
            return (state.id, client.id)
        }

        /// The day of the hostile session in the time zone the binary runs in (the harness runs knead
        /// in UTC, whatever the zone of the machine).
        static var hostileDay: String {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            let parts = calendar.dateComponents([.year, .month, .day], from: now.addingTimeInterval(-3600))
            return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
        }

        /// Every command that writes to standard output, with its arguments.
        static func writers(_ knead: KneadBinary, session: SessionID, client: ClientID) -> [(name: String, arguments: [String])] {
            let data = ["--data-dir", knead.dataDir.path]
            let id = String(session.rawValue.prefix(8))
            return [
                ("export md", ["export", id] + data), ("export json", ["export", id, "--format", "json"] + data),
                ("export txt", ["export", id, "--format", "txt"] + data), ("handout", ["handout", id] + data),
                ("review text", ["review", "--date", hostileDay] + data),
                ("review csv", ["review", "--date", hostileDay, "--format", "csv"] + data),
                ("review json", ["review", "--date", Self.hostileDay, "--format", "json"] + data),
                ("history", ["history", client.rawValue] + data), ("search", ["search", "trigger"] + data),
                ("audit", ["audit"] + data), ("restore list", ["restore"] + data),
                ("config --print-defaults", ["config", "--print-defaults"]), ("config --path", ["config", "--path"]),
                ("config --check", ["config", "--check"]), ("man", ["man"]),
                ("--help", ["--help"]), ("--version", ["--version"]), ("export --help", ["export", "--help"]),
                ("completion", ["--generate-completion-script", "bash"]),
            ]
        }

        enum Sink { case devFull, closedPipe, closedPipeIgnoringSIGPIPE, closed }

        /// Runs knead with standard output on /dev/full, on a pipe whose reader has gone, or closed.
        static func run(_ knead: KneadBinary, _ arguments: [String], stdout sink: Sink) throws
            -> (status: Int32, signal: Bool, stderr: String) {
            let process = Process()
            var writeEnd: Int32 = -1
            switch sink {
            case .devFull:
                process.executableURL = URL(fileURLWithPath: try KneadBinary.path())
                process.arguments = arguments
                process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
            case .closedPipe, .closedPipeIgnoringSIGPIPE:
                var fds: [Int32] = [0, 0]
                #expect(pipe(&fds) == 0)
                close(fds[0])  // nobody will ever read
                writeEnd = fds[1]
                if sink == .closedPipe {
                    process.executableURL = URL(fileURLWithPath: try KneadBinary.path())
                    process.arguments = arguments
                } else {
                    // A parent that ignores SIGPIPE passes that on: the write then fails with EPIPE.
                    process.executableURL = URL(fileURLWithPath: "/bin/sh")
                    process.arguments = ["-c", "trap '' PIPE; exec \"$0\" \"$@\"", try KneadBinary.path()] + arguments
                }
                process.standardOutput = FileHandle(fileDescriptor: writeEnd, closeOnDealloc: false)
            case .closed:
                process.executableURL = URL(fileURLWithPath: "/bin/sh")
                process.arguments = ["-c", "exec \"$0\" \"$@\" >&-", try KneadBinary.path()] + arguments
            }
            process.environment = knead.environment()
            process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
            let err = Pipe()
            process.standardError = err
            try process.run()
            if writeEnd >= 0 { close(writeEnd) }
            // Read standard error while knead runs and drain it once knead has exited, rather than
            // wait for its end-of-file: a child another test spawns at the same moment can inherit
            // the pipe's write end and hold it open (see KneadBinary.runPiped).
            let errFD = err.fileHandleForReading.fileDescriptor
            _ = fcntl(errFD, F_SETFL, fcntl(errFD, F_GETFL) | O_NONBLOCK)
            var errBytes = [UInt8]()
            var buffer = [UInt8](repeating: 0, count: 65_536)
            func drain() {
                while true {
                    let count = read(errFD, &buffer, buffer.count)
                    if count > 0 { errBytes += buffer[0..<count] } else if count < 0, errno == EINTR { continue } else { return }
                }
            }
            let deadline = DispatchTime.now() + 20
            while process.isRunning {
                if DispatchTime.now() > deadline {
                    process.terminate()
                    throw DriverError("knead \(arguments.joined(separator: " ")) did not finish within 20 s")
                }
                var fds = [pollfd(fd: errFD, events: Int16(POLLIN), revents: 0)]
                _ = poll(&fds, 1, 20)
                drain()
            }
            process.waitUntilExit()
            drain()
            return (process.terminationStatus, process.terminationReason == .uncaughtSignal, String(decoding: errBytes, as: UTF8.self))
        }

        @Test("a full or closed standard output: exit 1 and one sentence on standard error, for every command that writes")
        func fullOrClosedOutput() throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            let (session, client) = try Self.seeded(knead)
            for (name, arguments) in Self.writers(knead, session: session, client: client) {
                for sink in [Sink.devFull, .closed] {
                    let run = try Self.run(knead, arguments, stdout: sink)
                    #expect(!run.signal && run.status == 1, "\(name) \(sink): status \(run.status) signal \(run.signal) \(run.stderr)")
                    let lines = run.stderr.split(separator: "\n")
                    #expect(lines.count == 1, "\(name) \(sink): \(run.stderr)")
                    #expect(lines.last?.hasPrefix("knead: could not write to standard output") == true, "\(name) \(sink): \(run.stderr)")
                }
            }
        }

        @Test("a pipe whose reader has gone: knead ends quietly by SIGPIPE, as Unix tools do")
        func closedPipeIsQuiet() throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            let (session, client) = try Self.seeded(knead)
            for (name, arguments) in Self.writers(knead, session: session, client: client) {
                for sink in [Sink.closedPipe, .closedPipeIgnoringSIGPIPE] {
                    let run = try Self.run(knead, arguments, stdout: sink)
                    #expect(run.signal && run.status == SIGPIPE, "\(name) \(sink): status \(run.status) signal \(run.signal)")
                    #expect(run.stderr.isEmpty, "\(name) \(sink): \(run.stderr)")
                }
            }
        }

        /// Bytes that must never reach a terminal or a pipe raw: C0 but tab and line feed (and the
        /// CR of CSV's CRLF), DEL, C1, bidi embeddings, overrides and isolates, U+2028/9.
        static func unsafeScalars(_ text: String, allowCRLF: Bool = false) -> [Unicode.Scalar] {
            let scalars = Array(text.unicodeScalars)
            return scalars.enumerated().compactMap { i, s in
                let v = s.value
                if s == "\n" || s == "\t" { return nil }
                if allowCRLF, s == "\r", i + 1 < scalars.count, scalars[i + 1] == "\n" { return nil }
                let bad = v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v)
                    || (0x2066...0x2069).contains(v) || v == 0x2028 || v == 0x2029
                return bad ? s : nil
            }
        }

        @Test("hostile names and notes: no command writes a control, C1 or bidi character raw; JSON escapes them exactly")
        func hostileTextInEveryRecordsCommand() throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            let (session, client) = try Self.seeded(knead)
            for (name, arguments) in Self.writers(knead, session: session, client: client) {
                let run = try knead.runPiped(arguments)
                #expect(run.status == 0, "\(name): \(String(decoding: run.stderr, as: UTF8.self))")
                let out = String(decoding: run.stdout, as: UTF8.self)
                #expect(Self.unsafeScalars(out, allowCRLF: name == "review csv").isEmpty, "\(name): \(Self.unsafeScalars(out))")
                #expect(Self.unsafeScalars(String(decoding: run.stderr, as: UTF8.self)).isEmpty, "\(name) stderr")
            }
            let data = ["--data-dir", knead.dataDir.path]
            // JSON keeps the name exact, with \u escapes for what must not go raw.
            let export = try knead.runPiped(["export", String(session.rawValue.prefix(8)), "--format", "json"] + data)
            #expect(String(decoding: export.stdout, as: UTF8.self).contains(#"\u202e"#))
            #expect(String(decoding: export.stdout, as: UTF8.self).contains(#"\u0085"#))
            let decoded = try SessionExport.decode(json: Data(export.stdout))
            #expect(decoded.client.name == Self.hostileName)
            let review = try knead.runPiped(["review", "--date", Self.hostileDay, "--format", "json"] + data)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(review.stdout)) as? [String: Any])
            let names = (object["sessions"] as? [[String: Any]] ?? []).compactMap { $0["client"] as? String }
            #expect(names.contains(Self.hostileName))
            // Markdown: the name's line break cannot start a heading of its own.
            let md = String(decoding: try knead.runPiped(["export", String(session.rawValue.prefix(8))] + data).stdout, as: UTF8.self)
            #expect(md.split(separator: "\n").filter { $0.hasPrefix("# ") }.count == 1, "\(md)")
            #expect(!md.split(separator: "\n").contains { $0.hasPrefix("# Injected") })
        }
    }
}
