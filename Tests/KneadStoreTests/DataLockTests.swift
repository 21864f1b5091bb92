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

    @Test("The lock goes with its holder: a lock object dropped unreleased frees the folder")
    func droppedHolder() throws {
        let temp = try TemporaryFolder()
        do { _ = try DataLock.acquire(folder: temp.dataFolder, now: testClock().now()) }
        let lock = try DataLock.acquire(folder: temp.dataFolder, now: testClock().now())
        lock.release()
    }
}
