import Foundation
import Testing

extension EndToEnd {
    @Suite("Typing: a byte that is not UTF-8 drops only itself")
    struct Typing {
        @Test("an invalid UTF-8 byte in a burst of typing drops only itself, the text around it arrives")
        func invalidByteDropsOnlyItself() throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            let pty = try knead.start()
            defer { pty.terminate() }
            try pty.waitFor("No sessions yet today")
            try pty.send("n")
            try pty.waitFor("No clients yet: type a name")
            // One burst: a stray 0xFF, a lone continuation byte, a truncated 3-byte sequence, and
            // valid two- and three-byte characters after each.
            try pty.send(bytes: Array("Ann".utf8) + [0xFF] + Array("e Lé".utf8) + [0x80] + Array("e".utf8)
                         + [0xE2, 0x82] + Array("-마".utf8))
            _ = try pty.waitFor("Anne Lée-마")
        }
    }
}
