import Foundation
import Testing

extension EndToEnd {
    @Suite("The terminal sends arrow keys the way knead reads them from the first frame on")
    struct KeypadMode {
        /// xterm's "keypad transmit" (application cursor keys), in which ↑ arrives as ESC O A, the
        /// encoding terminfo names for it; out of it, ↑ arrives as ESC [ A.
        static let transmit = "\u{1B}[?1h\u{1B}="
        static let local = "\u{1B}[?1l\u{1B}>"

        /// Start-up suspends and resumes ncurses once (for one write per frame), and the suspend
        /// leaves keypad-transmit mode; ncurses turned it back on only at its first read of a key,
        /// a second after the first frame at worst, so an arrow pressed at once arrived as Esc.
        @Test("By the first frame the terminal is in keypad-transmit mode")
        func keypadTransmitByTheFirstFrame() throws {
            let home = try KneadBinary()
            defer { home.removeHome() }
            let terminal = try home.start()
            try terminal.waitFor("Today")
            let raw = terminal.rawOutput
            let on = raw.lastRange(of: Self.transmit)?.lowerBound
            let off = raw.lastRange(of: Self.local)?.lowerBound ?? -1
            #expect(on != nil && on! > off, "keypad transmit at \(String(describing: on)), its end at \(off)")
            try terminal.send(key: .ctrlC)
            #expect(try terminal.waitForExit() == .exited(0))
        }
    }
}
