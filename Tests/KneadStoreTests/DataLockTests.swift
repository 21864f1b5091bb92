import Foundation
import Testing
@testable import KneadStore

@Suite("The data folder lock: one writer")
struct DataLockTests {
    @Test("A second acquire is refused naming the holder; after release it succeeds")
    func oneHolder() throws {
        let temp = try TemporaryFolder()
        let since = Date(timeIntervalSince1970: 1_795_000_000)
        #expect(DataLock.holder(folder: temp.dataFolder) == nil)
        let lock = try DataLock.acquire(folder: temp.dataFolder, now: since)
        #expect(try permissions(of: temp.dataFolder) == 0o700)
        #expect(try permissions(of: temp.dataFolder.appendingPathComponent(DataLock.fileName)) == 0o600)
        #expect(DataLock.holder(folder: temp.dataFolder) == DataLock.Holder(processID: getpid(), since: since))

        let error = #expect(throws: StoreError.alreadyOpen(processID: getpid(), since: since)) {
            try DataLock.acquire(folder: temp.dataFolder, now: testClock().now())
        }
        #expect(error?.description.hasPrefix("knead is already open on this data (process \(getpid()) since ") == true)
        #expect(error?.description.hasSuffix("Close it first, or use the other window.") == true)

        lock.release()
        #expect(DataLock.holder(folder: temp.dataFolder) == nil)
        let again = try DataLock.acquire(folder: temp.dataFolder, now: testClock().now())
        again.release()
    }

    @Test("A longer record left by an earlier holder is replaced whole; a 0644 lock file is tightened to 0600")
    func oldRecordReplaced() throws {
        let temp = try TemporaryFolder()
        try FileManager.default.createDirectory(at: temp.dataFolder, withIntermediateDirectories: true)
        let file = temp.dataFolder.appendingPathComponent(DataLock.fileName)
        try Data("4194304 1795000000.123456789\nleft over by an older knead\n".utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        let since = Date(timeIntervalSince1970: 1_795_000_001)
        let lock = try DataLock.acquire(folder: temp.dataFolder, now: since)
        defer { lock.release() }
        #expect(try String(contentsOf: file, encoding: .utf8) == "\(getpid()) \(since.timeIntervalSince1970)\n")
        #expect(try permissions(of: file) == 0o600)
        #expect(DataLock.holder(folder: temp.dataFolder) == DataLock.Holder(processID: getpid(), since: since))
    }

    @Test("The lock goes with its holder: a lock object dropped unreleased frees the folder")
    func droppedHolder() throws {
        let temp = try TemporaryFolder()
        do { _ = try DataLock.acquire(folder: temp.dataFolder, now: testClock().now()) }
        let lock = try DataLock.acquire(folder: temp.dataFolder, now: testClock().now())
        lock.release()
    }
}
