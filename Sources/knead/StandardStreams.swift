import ArgumentParser
import Foundation
import KneadCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one writer every command uses for standard output.
///
/// Everything written passes the one rule of ``SafeText`` (only ``styled(_:)``'s fixed escape
/// sequences pass raw). A write that fails ends the command: a closed pipe (`knead review | head
/// -1`) quietly, by SIGPIPE as Unix tools end; any other failure (a full disk, a closed or
/// broken standard output) with one line on standard error and exit status 1, so a script never
/// takes lost output for success.
enum StandardOutput {
    /// Writes a block of text (several lines; line feeds and tabs kept).
    static func write(_ text: String) {
        raw(SafeText.block(text))
    }

    /// Writes a line of text and a line feed.
    static func line(_ text: String = "") {
        raw(SafeText.block(text) + "\n")
    }

    /// Writes one of knead's own fixed escape sequences (highlighting), never user text.
    static func styled(_ sequence: String) {
        raw(sequence)
    }

    /// Writes bytes to file descriptor 1, all of them, or ends the command.
    private static func raw(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                systemWrite(1, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            if written > 0 {
                offset += written
                continue
            }
            let code = written < 0 ? errno : EIO
            if code == EINTR || code == EAGAIN { continue }
            fail(code)
        }
    }

    /// Ends the command after a failed write: quietly on a closed pipe, else with one sentence.
    private static func fail(_ code: Int32) -> Never {
        if code == EPIPE {
            // The reader has gone: end as `cat` or `grep` would, killed by SIGPIPE, saying nothing.
            signal(SIGPIPE, SIG_DFL)
            raise(SIGPIPE)
            exit(128 + SIGPIPE)
        }
        printError("knead: could not write to standard output (\(String(cString: strerror(code)))); the output is incomplete.")
        exit(1)
    }
}

/// Standard input, output and error as knead found them.
enum StandardStreams {
    /// Puts /dev/null, opened the wrong way round, on each of descriptors 0–2 that was closed
    /// (`knead review >&-`). Nothing knead opens later (the config file, a backup) can then land on
    /// descriptor 1 and receive the output, and a write still fails (EBADF), so the command says
    /// the output was lost instead of exiting 0.
    static func guardClosed() {
        for fd: Int32 in 0...2 where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            let opened = open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY)
            if opened >= 0, opened != fd {
                dup2(opened, fd)
                close(opened)
            }
        }
    }
}

/// Writes a message to standard error. Messages quote paths and names the user chose, so they pass
/// the one rule of ``SafeText`` (line breaks and tabs kept): nothing typed can drive the terminal.
/// A standard error that cannot be written is ignored: there is nowhere left to say so.
func printError(_ message: String, terminator: String = "\n") {
    let bytes = Array((SafeText.block(message) + terminator).utf8)
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeBytes { buffer in
            systemWrite(2, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
        }
        if written > 0 { offset += written } else if written < 0, errno == EINTR { continue } else { return }
    }
}

/// POSIX `write(2)`, named apart from the writer's own `write`.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(fd, buffer, count)
}
