import Foundation
import KneadCore
import KneadStore
import Testing

extension EndToEnd {
    /// The data files as the README promises them: `knead.sqlite` alone is the data after knead
    /// exits; files moved under a running knead lose nothing; backups refuse bad destinations.
    @Suite("The data files under the running app")
    struct DataFiles {
        /// A session in treatment with one check-in shown.
        private func sessionWithCheckIn(_ pty: PseudoTerminal) throws {
            try pty.startSession(client: "Ana Lima")
            try pty.assess(complaint: "Stiff after gardening", region: "left shoulder", score: 6)
            try pty.startWork(on: "left shoulder")
            try pty.checkIn(4, region: "left shoulder")
        }

        /// The events of the one session in `knead.sqlite` copied alone (no -wal, no -shm) to a new folder.
        private func eventsInCopyAlone(_ knead: KneadBinary) throws -> [SessionEvent] {
            let copy = knead.home.appendingPathComponent("copy-alone")
            try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: DataLocation(folder: knead.dataDir).databaseFile,
                                             to: copy.appendingPathComponent(DataLocation.databaseFileName))
            let journal = try SQLiteJournal.open(folder: copy, clock: testClock())
            defer { try? journal.close() }
            return try journal.unfinishedSessions().flatMap { try journal.events(of: $0.id) }
        }

        private func expectEverything(_ events: [SessionEvent], _ how: String) {
            let state = SessionState(id: SessionID("copy"), replaying: events)
            #expect(state.phase == .treatment, "\(how): phase \(state.phase)")
            #expect(state.checkIns.map(\.value.score.value) == [4], "\(how): check-ins \(state.checkIns.count)")
            #expect(state.assessment?.chiefComplaint == "Stiff after gardening", "\(how)")
        }

        @Test("After quitting, and after SIGTERM, knead.sqlite copied alone holds every event of the session")
        func oneFileIsTheData() throws {
            for how in ["quit", "SIGTERM"] {
                let knead = try KneadBinary()
                defer { knead.removeHome() }
                let pty = try knead.start()
                defer { pty.terminate() }
                try sessionWithCheckIn(pty)
                if how == "quit" {
                    try pty.send(key: .ctrlC)
                    #expect(try pty.waitForExit() == .exited(0))
                } else {
                    pty.kill(SIGTERM)
                    #expect(try pty.waitForExit() == .exited(143))
                }
                expectEverything(try eventsInCopyAlone(knead), how)
            }
        }

        @Test("The WAL deleted, or knead.sqlite moved away, while knead runs: the action waits, knead puts the data back and says so, nothing is lost")
        func filesMovedWhileRunning() throws {
            for damage in ["wal-deleted", "database-moved"] {
                let knead = try KneadBinary()
                defer { knead.removeHome() }
                let pty = try knead.start()
                defer { pty.terminate() }
                try sessionWithCheckIn(pty)
                let database = DataLocation(folder: knead.dataDir).databaseFile.path
                if damage == "wal-deleted" {
                    #expect(unlink(database + "-wal") == 0)
                } else {
                    for suffix in ["", "-wal", "-shm"] {
                        _ = rename(database + suffix, knead.home.appendingPathComponent("moved.sqlite" + suffix).path)
                    }
                }
                try pty.send("7")
                try pty.waitFor("Data files were put back", timeout: 10)
                try pty.send("5")
                try pty.waitFor("Pain 5 in the left shoulder logged")
                try pty.send(key: .ctrlC)
                #expect(try pty.waitForExit() == .exited(0), "\(damage)")

                let journal = try knead.openJournal()
                defer { try? journal.close() }
                let session = try #require(try journal.unfinishedSessions().first)
                let state = SessionState(id: session.id, replaying: try journal.events(of: session.id))
                #expect(state.checkIns.map(\.value.score.value) == [4, 7, 5], "\(damage): \(state.checkIns.map(\.value.score.value))")
            }
        }

        @Test("backup refuses an empty DEST and a missing folder/ (usage, 2) and a pipe or device even with --force (1, untouched)")
        func backupDestinations() throws {
            let knead = try RecordsCommands.seeded()
            defer { knead.removeHome() }
            let empty = try knead.runPiped(["backup", "", "--data-dir", knead.dataDir.path])
            #expect(empty.status == 2)
            #expect(String(decoding: empty.stderr, as: UTF8.self).contains("DEST is empty"))
            let missing = knead.home.appendingPathComponent("no-such-folder").path + "/"
            let noFolder = try knead.runPiped(["backup", missing, "--data-dir", knead.dataDir.path])
            #expect(noFolder.status == 2)
            #expect(String(decoding: noFolder.stderr, as: UTF8.self).contains("is not a folder"))
            #expect(!FileManager.default.fileExists(atPath: missing))

            let fifo = knead.home.appendingPathComponent("pipe").path
            #expect(mkfifo(fifo, 0o600) == 0)
            // A device node of the test's own, never a system one (as root, a regression would replace it).
            let device = knead.home.appendingPathComponent("device").path
            let devices = mknod(device, S_IFCHR | 0o600, dev_t((1 << 8) | 3)) == 0 ? [device] : []
            for path in [fifo] + devices {
                let run = try knead.runPiped(["backup", path, "--force", "--data-dir", knead.dataDir.path])
                #expect(run.status == 1, "\(path)")
                #expect(String(decoding: run.stderr, as: UTF8.self).contains("is not a regular file"))
                var info = stat()
                #expect(stat(path, &info) == 0 && info.st_mode & S_IFMT != S_IFREG, "\(path) was replaced")
            }
        }
    }
}
