import CNcurses
import Glibc

/// A self-pipe that turns SIGTERM, SIGHUP and SIGINT into a readable byte.
///
/// The C handler in the shim writes the signal number into the pipe (async-signal-safe);
/// the input loop polls the read end beside standard input. SIGPIPE is ignored so a
/// vanished terminal gives write errors instead of killing the process.
/// It must be installed before `newterm`: ncurses installs its own SIGTERM handler, which
/// exits without running our code, only where it finds the default handler.
final class SignalPipe {
    /// The end the input loop polls.
    let readDescriptor: Int32
    private let writeDescriptor: Int32
    private var isInstalled = true

    /// Creates the pipe (non-blocking, close-on-exec) and installs the handlers.
    init() throws(TerminalError) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw .signalSetupFailed(errno: errno) }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, fcntl(fd, F_GETFD) | FD_CLOEXEC)
        }
        readDescriptor = fds[0]
        writeDescriptor = fds[1]
        guard knead_install_signal_handlers(writeDescriptor) == 0 else {
            let code = errno
            knead_restore_signal_handlers()
            close(fds[0])
            close(fds[1])
            throw .signalSetupFailed(errno: code)
        }
    }

    /// The number of the first signal waiting in the pipe, if any. Drains the pipe.
    func takeSignal() -> Int32? {
        var first: Int32?
        var byte: UInt8 = 0
        while read(readDescriptor, &byte, 1) == 1 {
            if first == nil { first = Int32(byte) }
        }
        return first
    }

    /// Restores the default signal actions and closes the pipe. Safe to call twice.
    func uninstall() {
        guard isInstalled else { return }
        isInstalled = false
        knead_restore_signal_handlers()
        close(readDescriptor)
        close(writeDescriptor)
    }

    deinit { uninstall() }
}
