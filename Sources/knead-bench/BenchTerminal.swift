import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Starts a program on a new pseudo-terminal in a clean environment, as a user's terminal would:
/// its own session, the pty as its controlling terminal and standard streams.
enum BenchTerminal {
    /// A started program: the master side of its terminal, its process id, and the moment just
    /// before it was spawned (`DispatchTime` nanoseconds), for timing its start.
    struct Started {
        let master: Int32
        let pid: pid_t
        let spawnedAt: UInt64
    }

    /// Spawns `executable` with `arguments` on a `columns`x`rows` pty; `extra` is added to a clean
    /// environment whose home and settings folders are under `home`.
    static func spawn(_ executable: String, arguments: [String], environment extra: [String] = [], home: URL,
                      columns: Int, rows: Int) throws -> Started {
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        var master: Int32 = -1, slave: Int32 = -1
        guard openpty(&master, &slave, nil, nil, &size) == 0 else { throw GeneratorError("openpty failed.") }
        _ = fcntl(master, F_SETFD, FD_CLOEXEC)
        _ = fcntl(slave, F_SETFD, FD_CLOEXEC)
        guard let slaveName = ttyname(slave).map({ String(cString: $0) }) else {
            close(slave)
            close(master)
            throw GeneratorError("The pseudo-terminal has no name.")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, slaveName, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, 0x80)  // POSIX_SPAWN_SETSID on glibc
        let environment = [
            "TERM=xterm-256color", "LANG=C.UTF-8", "HOME=\(home.path)", "KNEAD_THERAPIST=bench",
            "XDG_CONFIG_HOME=\(home.appendingPathComponent("config").path)",
            "XDG_STATE_HOME=\(home.appendingPathComponent("state").path)", "PATH=/usr/bin:/bin",
        ] + extra
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        let spawnedAt = DispatchTime.now().uptimeNanoseconds
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        close(slave)
        guard spawned == 0 else {
            close(master)
            throw GeneratorError("Could not start \(executable): \(String(cString: strerror(spawned))).")
        }
        return Started(master: master, pid: pid, spawnedAt: spawnedAt)
    }
}
