import Glibc
import Testing
import KneadUI
@testable import KneadTerminal

/// A frame reaches the terminal in one `write`: the painter's ncurses screen writes into a
/// datagram socket, where every write arrives as its own message, and a redraw that changes
/// cells on many lines must arrive as one.
extension NcursesGlobalTests {
    @Suite("One write per frame")
    struct OneWritePerFrameTests {
        /// A canvas with `mark` written at the start of every other line.
        static func frame(_ mark: String, width: Int = 80, height: Int = 24) -> Frame {
            var canvas = Canvas(width: width, height: height)
            for y in stride(from: 0, to: height, by: 2) {
                _ = canvas.put(String(repeating: mark, count: 10), x: 3, y: y)
            }
            return Frame(canvas: canvas, cursor: nil)
        }

        /// Messages waiting on a socket, and their bytes.
        static func messages(_ socket: Int32) -> (count: Int, bytes: Int) {
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            var count = 0, bytes = 0
            while true {
                let n = recv(socket, &buffer, buffer.count, Int32(MSG_DONTWAIT))
                if n <= 0 { return (count, bytes) }
                count += 1
                bytes += n
            }
        }

        @Test("A redraw that changes twelve lines leaves in one write")
        func oneWrite() throws {
            var pair: [Int32] = [0, 0]
            #expect(socketpair(AF_UNIX, Int32(SOCK_SEQPACKET.rawValue), 0, &pair) == 0)
            defer { close(pair[1]) }
            let output = try #require(fdopen(pair[0], "w"))
            let painter = try #require(OffscreenPainter(width: 80, height: 24, output: output))
            painter.paint(Self.frame("a"), theme: BuiltInTheme.default)
            _ = Self.messages(pair[1])
            for mark in ["b", "c", "d"] {
                painter.paint(Self.frame(mark), theme: BuiltInTheme.default)
                let (count, bytes) = Self.messages(pair[1])
                #expect(bytes > 12 * 10, "the twelve changed lines were sent")
                #expect(count == 1, "the redraw left in \(count) writes")
            }
        }
    }
}
