import Testing
@testable import KneadTerminal

@Suite("Characters from terminal bytes: a bad byte drops only itself")
struct UTF8AssemblerTests {
    func assemble(_ bytes: [UInt8]) -> String {
        var assembler = UTF8Assembler()
        var out = String.UnicodeScalarView()
        for byte in bytes { if let scalar = assembler.feed(byte) { out.append(scalar) } }
        return String(out)
    }

    @Test("valid UTF-8 of every length arrives whole")
    func valid() {
        let text = "Aé마👩‍⚕️ Café"
        #expect(assemble(Array(text.utf8)) == text)
    }

    @Test("each kind of bad byte drops only itself (or the unfinished sequence it cuts), never what follows",
          arguments: [
            [0xFF] as [UInt8], [0xFE], [0x80], [0xBF], [0xC0], [0xC1], [0xF5],
            [0xE2, 0x82],              // cut short by the next character
            [0xF0, 0x9F, 0x98],        // cut short
            [0xC3],                    // cut short
            [0xE0, 0x80, 0x80],        // overlong
            [0xED, 0xA0, 0x80],        // a surrogate
            [0xF4, 0x90, 0x80, 0x80],  // beyond U+10FFFF
          ])
    func badBytes(_ bad: [UInt8]) {
        for after in ["e Lee", "é", "마", "👍", "\u{1B}"] {
            #expect(assemble(Array("Ann".utf8) + bad + Array(after.utf8)) == "Ann" + after, "\(bad) then \(after)")
        }
    }
}
