import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where the passphrase of an encrypted backup comes from: never a config file, never the
/// command line (other users see it in `ps`), never echoed, logged or stored.
///
/// In order: `--passphrase-fd N` (read to the end or the first line break, for scripts and
/// password managers), `KNEAD_BACKUP_PASSPHRASE`, else the terminal (`/dev/tty`) with echo off,
/// asked twice when a backup is made so a typing slip cannot lock the copy for good.
struct PassphraseSource {
    var fileDescriptor: Int32?
    var environment: [String: String]

    /// The shortest passphrase accepted for a new encrypted backup.
    static let minimumLength = 8

    /// The passphrase, or an exit with a sentence: 2 when none can be had, 1 when reading fails.
    func read(confirming: Bool) throws -> String {
        let passphrase: String
        if let fd = fileDescriptor {
            guard let text = try? Self.readAll(fd) else {
                printError("knead: could not read the passphrase from file descriptor \(fd).")
                throw ExitCode(1)
            }
            passphrase = text
        } else if let text = environment["KNEAD_BACKUP_PASSPHRASE"] {
            passphrase = text
        } else {
            passphrase = try Self.ask(confirming: confirming)
        }
        if passphrase.isEmpty {
            printError("knead: the passphrase is empty; give one (it is never stored, so keep it safe).")
            throw ExitCode(2)
        }
        if confirming, passphrase.count < Self.minimumLength {
            printError("knead: the passphrase must have at least \(Self.minimumLength) characters; a longer one of several words is better.")
            throw ExitCode(2)
        }
        return passphrase
    }

    /// Ctrl-C typed at the terminal prompt (read as a byte: signals are off while it asks).
    struct Cancelled: Error {}

    /// The text on a descriptor up to EOF or the first line break; on the terminal, Ctrl-C cancels.
    private static func readAll(_ fd: Int32, cancelOnControlC: Bool = false) throws(Cancelled) -> String? {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let n = Glibc.read(fd, &byte, 1)
            if n == 0 { break }
            if n < 0 { if errno == EINTR { continue }; return nil }
            if cancelOnControlC {
                // The terminal is read key by key (no line editing, no signals): edit here.
                switch byte {
                case 0x03: throw Cancelled()
                case 0x0D, 0x0A: return String(decoding: bytes, as: UTF8.self)
                case 0x04 where bytes.isEmpty: return ""
                case 0x7F, 0x08:
                    while let last = bytes.popLast(), last & 0xC0 == 0x80 {}  // one whole character
                    continue
                case 0x15: bytes.removeAll(); continue
                default: break
                }
            }
            if byte == 0x0A { break }
            bytes.append(byte)
            if bytes.count > 4096 { return nil }
        }
        if bytes.last == 0x0D { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Asks on the terminal with echo off; twice when confirming.
    private static func ask(confirming: Bool) throws -> String {
        let tty = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard tty >= 0 else {
            printError("knead: an encrypted backup needs a passphrase: run it in a terminal, or give --passphrase-fd N or KNEAD_BACKUP_PASSPHRASE.")
            throw ExitCode(2)
        }
        defer { close(tty) }
        let first = try prompt("Passphrase (not shown): ", tty)
        guard confirming else { return first }
        let second = try prompt("The same passphrase again: ", tty)
        guard first == second else {
            printError("knead: the two passphrases differ; nothing was written.")
            throw ExitCode(1)
        }
        return first
    }

    /// One line from the terminal with echo off; the terminal's modes are put back however it
    /// ends. The terminal is read key by key with signals off, so Ctrl-C arrives as a byte and
    /// cancels here, after the modes are back, instead of killing knead with echo still off;
    /// Backspace and Ctrl-U edit as usual.
    private static func prompt(_ question: String, _ tty: Int32) throws -> String {
        var saved = termios()
        let haveModes = tcgetattr(tty, &saved) == 0
        if haveModes {
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO | ISIG | ICANON)
            withUnsafeMutableBytes(of: &quiet.c_cc) { cc in
                cc[Int(VMIN)] = 1
                cc[Int(VTIME)] = 0
            }
            tcsetattr(tty, TCSAFLUSH, &quiet)
        }
        // Asked only once echo is off, so nothing typed after the question can show.
        _ = question.withCString { write(tty, $0, strlen($0)) }
        let line: String?
        do {
            line = try readAll(tty, cancelOnControlC: true)
        } catch {
            if haveModes { tcsetattr(tty, TCSAFLUSH, &saved) }
            _ = write(tty, "\n", 1)
            printError("knead: cancelled; nothing was written.")
            throw ExitCode(130)
        }
        if haveModes { tcsetattr(tty, TCSAFLUSH, &saved) }
        _ = write(tty, "\n", 1)
        guard let line else {
            printError("knead: could not read the passphrase from the terminal.")
            throw ExitCode(1)
        }
        return line
    }
}
