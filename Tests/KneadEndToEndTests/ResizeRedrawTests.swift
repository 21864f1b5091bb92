import Foundation
import Testing

extension EndToEnd {
    @Suite("A resize redraws the screen once")
    struct ResizeRedraw {
        /// The bytes the program writes until it has been quiet for a while.
        static func bytesUntilQuiet(_ terminal: PseudoTerminal, from start: Int) -> Int {
            var last = terminal.rawOutput.count
            var quietSince = Date()
            let deadline = Date(timeIntervalSinceNow: 10)
            while Date() < deadline {
                usleep(20_000)
                let now = terminal.rawOutput.count
                if now != last {
                    last = now
                    quietSince = Date()
                } else if Date().timeIntervalSince(quietSince) > 0.3 {
                    break
                }
            }
            return last - start
        }

        /// ncurses resizes its window on a SIGWINCH and would send that old frame, cleared and
        /// whole at the new size, at the next read of a key; then knead's new frame went whole
        /// again. Only the new frame may go: no more bytes than the same screen drawn first at that size.
        @Test("The redraw after a resize is no larger than a first frame at that size")
        func resizeSendsOneFrame() throws {
            let home = try KneadBinary()
            defer { home.removeHome() }
            let arguments = ["--data-dir", home.dataDir.path]
            let environment = home.environment()

            let fresh = try PseudoTerminal(executable: KneadBinary.path(), arguments: arguments,
                                           environment: environment, columns: 100, rows: 30)
            try fresh.waitFor("Today")
            let firstFrame = Self.bytesUntilQuiet(fresh, from: 0)
            try fresh.send(key: .ctrlC)
            #expect(try fresh.waitForExit() == .exited(0))

            let resized = try PseudoTerminal(executable: KneadBinary.path(), arguments: arguments,
                                             environment: environment, columns: 80, rows: 24)
            try resized.waitFor("Today")
            let before = resized.rawOutput.count + Self.bytesUntilQuiet(resized, from: resized.rawOutput.count)
            resized.resize(columns: 100, rows: 30)
            let redraw = Self.bytesUntilQuiet(resized, from: before)
            try resized.send(key: .ctrlC)
            #expect(try resized.waitForExit() == .exited(0))

            // The first frame also holds the start-up sequences (alternate screen, keypad, colours).
            #expect(redraw > firstFrame / 2, "the whole screen was redrawn: \(redraw) B")
            #expect(redraw <= firstFrame, "the resize sent \(redraw) B; a first frame at 100x30 is \(firstFrame) B")
        }
    }
}
