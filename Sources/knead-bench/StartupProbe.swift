import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Starts the release `knead` binary in a pseudo-terminal, as a therapist's terminal would, and
/// measures the time from spawn to the first frame that shows a marker, and the peak memory
/// (resident set high-water mark, VmHWM) of the process, read until it exits.
struct StartupProbe {
    struct Run {
        var firstFrameMs: Double
        var peakKB: Int
        /// Whether the program mapped the Swift runtime as a shared library (a build without
        /// `--static-swift-stdlib`).
        var sharedSwiftRuntime: Bool
    }

    let executable: String
    let columns: Int
    let rows: Int

    /// `knead` beside this benchmark's own executable.
    static func kneadBeside() -> String? {
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let candidate = URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent("knead").path
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }

    /// Runs `knead --data-dir folder` once: waits for `marker`, quits with Ctrl-C, reaps it.
    func run(dataDir: URL, home: URL, marker: String, timeout: TimeInterval = 20) throws -> Run {
        let started = try BenchTerminal.spawn(executable, arguments: ["--data-dir", dataDir.path], home: home,
                                              columns: columns, rows: rows)
        let (master, pid, start) = (started.master, started.pid, started.spawnedAt)
        defer { close(master) }

        var seen: [UInt8] = []
        var firstFrame: Double?
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let needle = Array(marker.utf8)
        let deadline = Date(timeIntervalSinceNow: timeout)
        while firstFrame == nil, Date() < deadline {
            var fds = [pollfd(fd: master, events: Int16(POLLIN), revents: 0)]
            guard poll(&fds, 1, 50) > 0 else { continue }
            let count = read(master, &buffer, buffer.count)
            if count <= 0 { break }
            seen.append(contentsOf: buffer[0..<count])
            if Self.contains(seen, needle) {
                firstFrame = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            }
        }
        // The high-water mark of the new program's memory. Not wait4's ru_maxrss: posix_spawn
        // clones this process's memory before the exec, and Linux counts that clone's peak too.
        var peakKB = Self.highWaterKB(of: pid) ?? 0
        let sharedRuntime = Self.procFile("/proc/\(pid)/maps").contains("libswiftCore.so")
        var control: UInt8 = 3  // Ctrl-C quits from every screen
        _ = write(master, &control, 1)
        let quitAt = Date()
        // Keep draining so the child never blocks on a full terminal while it exits.
        var status: Int32 = 0
        var usage = rusage()
        var pressed = 1
        while wait4(pid, &status, WNOHANG, &usage) == 0 {
            if Date() > deadline.addingTimeInterval(5) { kill(pid, SIGKILL) }
            // An overlay on top (the offer to resume) takes the first Ctrl-C as its answer.
            if Date().timeIntervalSince(quitAt) > Double(pressed) * 0.2 {
                _ = write(master, &control, 1)
                pressed += 1
            }
            var fds = [pollfd(fd: master, events: Int16(POLLIN), revents: 0)]
            if poll(&fds, 1, 10) > 0 { _ = read(master, &buffer, buffer.count) }
            if let now = Self.highWaterKB(of: pid) { peakKB = max(peakKB, now) }
        }
        guard let firstFrame else {
            throw GeneratorError("knead did not show \"\(marker)\" within \(Int(timeout)) s.")
        }
        return Run(firstFrameMs: firstFrame, peakKB: peakKB, sharedSwiftRuntime: sharedRuntime)
    }

    /// A /proc file read to its end (Foundation stops /proc files, which report no size, at 4 KiB).
    static func procFile(_ path: String) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return "" }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(fd, &chunk, chunk.count)
            if count <= 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `VmHWM` from /proc: the peak resident memory of the process's current program.
    static func highWaterKB(of pid: pid_t) -> Int? {
        guard case let status = procFile("/proc/\(pid)/status"),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
        return Int(line.split(separator: " ").dropFirst().first ?? "")
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if Array(haystack[i..<(i + needle.count)]) == needle { return true }
        }
        return false
    }
}
