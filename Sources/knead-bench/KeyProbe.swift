import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A key as a therapist feels it: the release `knead` in a pseudo-terminal, one byte written to
/// the terminal, and the time until the last byte of the redraw came back (the output then stays
/// silent for `settle`). The same measure as `ptyprobe.py`'s "settle", from inside the benchmark.
struct KeyProbe {
    struct Figures {
        /// Milliseconds from each byte written to the last byte of its redraw.
        var settle: [Double]
        /// Bytes of each redraw.
        var bytes: [Int]
    }

    let executable: String
    let columns: Int
    let rows: Int
    /// Silence that ends a redraw.
    var settle: Double = 0.015

    /// A running `knead` on a pseudo-terminal.
    final class Session {
        let master: Int32
        let pid: pid_t
        private var buffer = [UInt8](repeating: 0, count: 65_536)
        /// Everything read since the last `clear()`.
        private(set) var seen: [UInt8] = []

        init(master: Int32, pid: pid_t) {
            self.master = master
            self.pid = pid
        }

        func clear() { seen.removeAll(keepingCapacity: true) }

        /// Reads what is there within `timeout` seconds; returns the bytes read (0 on silence).
        @discardableResult
        func read(timeout: Double) -> Int {
            var fds = [pollfd(fd: master, events: Int16(POLLIN), revents: 0)]
            guard poll(&fds, 1, Int32(timeout * 1000)) > 0 else { return 0 }
            let count = Glibc.read(master, &buffer, buffer.count)
            guard count > 0 else { return 0 }
            seen.append(contentsOf: buffer[0..<count])
            return count
        }

        /// Waits until the output shows `marker`.
        func wait(for marker: String, timeout: Double = 20) -> Bool {
            let needle = Array(marker.utf8)
            let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(timeout * 1e9)
            while DispatchTime.now().uptimeNanoseconds < deadline {
                read(timeout: 0.05)
                if seen.count >= needle.count, seen.indices.dropLast(needle.count - 1).contains(where: {
                    seen[$0] == needle[0] && Array(seen[$0..<($0 + needle.count)]) == needle
                }) { return true }
            }
            return false
        }

        /// Reads until the output has been silent for `quiet` seconds.
        func drain(quiet: Double) {
            while read(timeout: quiet) > 0 {}
        }

        /// Writes bytes; returns the moment they were written.
        func send(_ bytes: [UInt8]) -> UInt64 {
            var copy = bytes
            let at = DispatchTime.now().uptimeNanoseconds
            _ = write(master, &copy, copy.count)
            return at
        }

        /// Writes a key and times its redraw: milliseconds to the last byte, and the bytes.
        func time(_ bytes: [UInt8], settle: Double) -> (ms: Double, bytes: Int) {
            time(settle: settle) { send(bytes) }
        }

        /// Times the redraw that `trigger` causes; `trigger` returns the moment it acted.
        func time(settle: Double, _ trigger: () -> UInt64) -> (ms: Double, bytes: Int) {
            let sent = trigger()
            var last = sent, total = 0
            var fds = [pollfd(fd: master, events: Int16(POLLIN), revents: 0)]
            // The first byte may take longer than the settle window (a write to disk first).
            var wait: Int32 = 1000
            while true {
                fds[0].revents = 0
                guard poll(&fds, 1, wait) > 0 else { break }
                let ready = DispatchTime.now().uptimeNanoseconds
                let count = Glibc.read(master, &buffer, buffer.count)
                guard count > 0 else { break }
                last = ready
                total += count
                wait = Int32(settle * 1000)
            }
            return (Double(last - sent) / 1e6, total)
        }

        /// Quits with Ctrl-C (twice if an overlay takes the first) and reaps the process.
        func stop() {
            var status: Int32 = 0
            for _ in 0..<50 {
                _ = send([3])
                drain(quiet: 0.05)
                if waitpid(pid, &status, WNOHANG) != 0 { close(master); return }
            }
            kill(pid, SIGKILL)
            _ = waitpid(pid, &status, 0)
            close(master)
        }
    }

    /// Starts `knead` with `arguments` and `environment` (added to a clean one) on a new pty.
    func start(arguments: [String], environment extra: [String], home: URL) throws -> Session {
        let started = try BenchTerminal.spawn(executable, arguments: arguments, environment: extra, home: home,
                                              columns: columns, rows: rows)
        return Session(master: started.master, pid: started.pid)
    }

    /// Times `keys` in turn, `count` of them, after the session shows `marker`.
    func measure(_ session: Session, keys: [[UInt8]], count: Int) -> Figures {
        var figures = Figures(settle: [], bytes: [])
        session.drain(quiet: 0.2)
        for i in 0..<count {
            let (ms, bytes) = session.time(keys[i % keys.count], settle: settle)
            figures.settle.append(ms)
            figures.bytes.append(bytes)
        }
        return figures
    }
}
