import Foundation
import KneadCore
import KneadStore
import Testing

/// A power cut simulated honestly: the real `knead` runs with an I/O recorder preloaded; each
/// action is taken as it appeared on screen, and the data files are rebuilt as only the writes
/// synced by then would have left them on disk. Every shown action must be in them.
@Suite("A power cut loses nothing that was on screen", .serialized, .timeLimit(.minutes(3)))
struct PowerCutTests {
    static let seed: UInt64 = 0x706F_7765_7263  // "powerc"

    /// A knead whose data folder exists (made and synced beforehand, as after a first run) and
    /// whose writes under its home are recorded.
    private func recorded(_ knead: KneadBinary) throws -> (log: URL, environment: [String: String]) {
        try FileManager.default.createDirectory(at: knead.dataDir, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let log = knead.home.appendingPathComponent("io.log")
        return (log, IORecorder.environment(library: try IORecorder.build(), log: log, watch: knead.home))
    }

    /// The files as a power cut at `moment` would leave them, in a new folder (`root`, to remove
    /// afterwards), and the data folder inside it.
    private func afterPowerCut(_ knead: KneadBinary, log: [UInt8], at moment: Int, baseline: PowerCut) throws -> (root: URL, data: URL) {
        var cut = baseline
        cut.replay(log, upTo: moment)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("knead-powercut-\(UUID().uuidString.prefix(8))")
        try cut.rebuild(into: root)
        return (root, root.appendingPathComponent(knead.dataDir.lastPathComponent))
    }

    @Test("At the moment each action of a session appeared on screen, the synced writes alone hold it")
    func everyShownActionSurvives() throws {
        var generator = SeededGenerator(seed: Self.seed)
        let steps = StormStep.script(&generator, treatmentSteps: 24)
        let knead = try KneadBinary()
        defer { knead.removeHome() }
        let (log, environment) = try recorded(knead)
        let baseline = try PowerCut(root: knead.home)
        let pty = try knead.start(extraEnvironment: environment)
        defer { pty.terminate() }

        var shown = ShownSession()
        var moments: [(moment: Int, shown: ShownSession, step: Int)] = []
        for (index, step) in steps.enumerated() {
            try perform(step, on: pty)
            step.apply(&shown)
            moments.append((IORecorder.moment(log), shown, index))
        }
        pty.kill(SIGKILL)
        _ = try pty.waitForExit()

        let bytes = Array(try Data(contentsOf: log))
        for (moment, shown, index) in moments {
            let (root, data) = try afterPowerCut(knead, log: bytes, at: moment, baseline: baseline)
            defer { try? FileManager.default.removeItem(at: root) }
            #expect(root.lastPathComponent.hasPrefix("knead-powercut-"))
            let saved = try savedSession(in: data)
            #expect(shown.matches(saved), "power cut after step \(index) (\(steps[index].kind)): shown \(shown), on disk \(saved.checkIns.count) check-ins, phase \(saved.phase)")
        }
    }

    @Test("One pain check-in: its writes reach the WAL and are synced before the screen shows it")
    func oneCheckInIsSynced() throws {
        let knead = try KneadBinary()
        defer { knead.removeHome() }
        let (log, environment) = try recorded(knead)
        let baseline = try PowerCut(root: knead.home)
        let pty = try knead.start(extraEnvironment: environment)
        defer { pty.terminate() }
        try pty.startSession(client: "Ana Lima")
        try pty.assess(complaint: "Stiff after gardening", region: "left shoulder", score: 6)
        try pty.startWork(on: "left shoulder")
        usleep(2_500_000)  // past the idle checkpoint
        // And past the daily backup, which runs in the background from the first tick: on a loaded
        // machine it can still be writing its partial copy 2.5 s in, and those writes are not the check-in's.
        try Self.waitForDailyBackup(in: knead.dataDir.appendingPathComponent("backups"))
        let before = IORecorder.moment(log)
        try pty.checkIn(4, region: "left shoulder")
        let after = IORecorder.moment(log)
        pty.kill(SIGKILL)
        _ = try pty.waitForExit()

        let bytes = Array(try Data(contentsOf: log))
        var cut = baseline
        cut.replay(bytes, upTo: before)
        cut.syncs = [:]
        cut.unsyncedWrites = [:]
        cut.replay(bytes, from: before, upTo: after)
        let wal = knead.dataDir.appendingPathComponent("knead.sqlite-wal").path
        let walSyncs = cut.syncs[wal] ?? 0
        #expect(walSyncs >= 1, "the check-in's commit synced the WAL \(walSyncs) times")
        let unsynced = cut.unsyncedWrites.filter { $0.value > 0 && !$0.key.hasSuffix("-shm") }
        #expect(unsynced.isEmpty, "writes not synced when the check-in showed: \(unsynced)")
    }

    /// Waits until the backups folder holds a finished daily backup and nothing partial.
    static func waitForDailyBackup(in folder: URL, timeout: TimeInterval = 30) throws {
        let deadline = Date(timeIntervalSinceNow: timeout)
        while Date() < deadline {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            if names.contains(where: { $0.hasPrefix("daily-") && $0.hasSuffix(".sqlite") }),
               !names.contains(where: { $0.contains(".partial") }) {
                return
            }
            usleep(50_000)
        }
        throw DriverError("no finished daily backup in \(folder.path) after \(timeout) s")
    }

    /// Sends a step's keys and waits for the screen to confirm it.
    private func perform(_ step: StormStep, on pty: PseudoTerminal) throws {
        switch step.kind {
        case .start: try pty.startSession(client: "Ana Lima")
        case .assess: try pty.assess(complaint: "Stiff after gardening", region: "left shoulder", score: 6)
        case .startWork: try pty.startWork(on: "left shoulder")
        case .treatment:
            try pty.send(step.keys)
            try pty.waitFor(step.confirmation)
        case .endTreatment:
            try pty.send("a")
            try pty.waitFor("y yes    n no")
            try pty.send("y")
            try pty.waitFor("▸ Pain after")
        case .aftercare:
            try pty.send("3")
            try pty.waitFor("Pain after, overall  3")
            for _ in 0..<6 { try pty.send(key: .tab) }
            try pty.waitFor("▸ Plan: how often")
            try pty.type("Weekly for a month")
            try pty.send(key: .f2)
            try pty.waitFor("exactly what will be signed")
        case .sign:
            try pty.send("s")
            try pty.waitFor("y yes    n no")
            try pty.send("y")
            try pty.waitFor("Signed and locked")
        }
    }

    /// The one session in a rebuilt data folder, replayed (an empty state when there is none).
    private func savedSession(in data: URL) throws -> SessionState {
        let journal = try SQLiteJournal.open(folder: data, clock: testClock())
        defer { try? journal.close() }
        let sessions = try journal.sessions(startedFrom: .distantPast, to: .distantFuture)
        guard let session = sessions.first else { return SessionState(id: SessionID("none")) }
        return SessionState(id: session.id, replaying: try journal.events(of: session.id))
    }
}

/// `knead backup`, `knead restore` and the daily copy, each under the I/O recorder: what they
/// report done is on disk when they report it, as only synced writes would leave it.
@Suite("Backups and restore survive a power cut once reported done", .serialized, .timeLimit(.minutes(3)))
struct BackupPowerCutTests {
    private func rebuilt(_ knead: KneadBinary, baseline: PowerCut, log: URL) throws -> PowerCut {
        var cut = baseline
        let bytes = Array(try Data(contentsOf: log))
        cut.replay(bytes, upTo: bytes.count)
        return cut
    }

    private func expectOnDisk(_ path: String, in cut: PowerCut, _ what: String) throws {
        let actual = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let durable = cut.durableBytes(path)
        #expect(durable != nil, "\(what): \(path) would not exist after a power cut")
        #expect(durable == actual, "\(what): \(path) would be \(durable?.count ?? 0) bytes after a power cut, not \(actual.count)")
    }

    @Test("knead backup's copy and restore's data and kept copy are synced, with their folders, before the command ends")
    func backupAndRestore() throws {
        let knead = try EndToEnd.RecordsCommands.seeded()
        defer { knead.removeHome() }
        let log = knead.home.appendingPathComponent("io.log")
        let environment = IORecorder.environment(library: try IORecorder.build(), log: log, watch: knead.home)
        let usb = knead.home.appendingPathComponent("usb")
        try FileManager.default.createDirectory(at: usb, withIntermediateDirectories: true)
        var baseline = try PowerCut(root: knead.home)

        let copy = usb.appendingPathComponent("friday.sqlite").path
        let backup = try knead.runPiped(["backup", copy, "--data-dir", knead.dataDir.path], extraEnvironment: environment)
        #expect(backup.status == 0)
        try expectOnDisk(copy, in: try rebuilt(knead, baseline: baseline, log: log), "knead backup")

        // Into a new folder knead makes (the folder's name must be synced too).
        let nested = usb.appendingPathComponent("new/deeper/monday.sqlite").path
        #expect(try knead.runPiped(["backup", nested, "--data-dir", knead.dataDir.path], extraEnvironment: environment).status == 0)
        try expectOnDisk(nested, in: try rebuilt(knead, baseline: baseline, log: log), "knead backup into new folders")

        // A session added after the backup, then the backup restored over it.
        let journal = try knead.openJournal()
        try journal.append([SessionEvent(at: EndToEnd.RecordsCommands.now, .started(SessionStart(
            client: Client(id: ClientID("late"), name: "Late Client"), plannedMinutes: 30)))], to: SessionID("late"))
        try journal.close()
        try? FileManager.default.removeItem(at: log)
        baseline = try PowerCut(root: knead.home)
        let restore = try knead.runPiped(["restore", copy, "--yes", "--data-dir", knead.dataDir.path], extraEnvironment: environment)
        #expect(restore.status == 0, "\(String(decoding: restore.stderr, as: UTF8.self))")
        let cut = try rebuilt(knead, baseline: baseline, log: log)
        let live = DataLocation(folder: knead.dataDir).databaseFile.path
        try expectOnDisk(live, in: cut, "knead restore")
        let kept = try FileManager.default.contentsOfDirectory(atPath: knead.dataDir.appendingPathComponent("backups").path)
            .filter { $0.hasPrefix("before-restore-") }
        #expect(kept.count == 1)
        for name in kept { try expectOnDisk(knead.dataDir.appendingPathComponent("backups/" + name).path, in: cut, "kept copy") }
        // The restored data, as a power cut would leave it, opens with the backup's four sessions.
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("knead-powercut-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: root) }
        try cut.rebuild(into: root)
        let restored = try SQLiteJournal.open(folder: root.appendingPathComponent(knead.dataDir.lastPathComponent), clock: testClock())
        defer { try? restored.close() }
        #expect(try restored.sessions(startedFrom: .distantPast, to: .distantFuture).count == 4)
    }

    @Test("The daily copy is on disk, with the backups folder, once it has its name")
    func dailyCopy() throws {
        let knead = try EndToEnd.RecordsCommands.seeded()
        defer { knead.removeHome() }
        let log = knead.home.appendingPathComponent("io.log")
        let environment = IORecorder.environment(library: try IORecorder.build(), log: log, watch: knead.home)
        let baseline = try PowerCut(root: knead.home)
        let terminal = try knead.start(extraEnvironment: environment)
        defer { terminal.terminate() }
        _ = try terminal.waitFor("Today")
        let folder = knead.dataDir.appendingPathComponent("backups")
        var made: [String] = []
        for _ in 0..<150 where made.isEmpty {
            made = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
                .filter { $0.hasPrefix("daily-") && $0.hasSuffix(".sqlite") }
            if made.isEmpty { Thread.sleep(forTimeInterval: 0.1) }
        }
        let name = try #require(made.first, "no daily backup appeared within 15 s")
        Thread.sleep(forTimeInterval: 0.5)  // the rename is followed by the folder's sync
        terminal.kill(SIGKILL)
        _ = try terminal.waitForExit()
        try expectOnDisk(folder.appendingPathComponent(name).path, in: try rebuilt(knead, baseline: baseline, log: log), "daily copy")
    }
}
