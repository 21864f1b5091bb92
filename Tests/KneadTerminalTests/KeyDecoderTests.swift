import CNcurses
import KneadUI
import Testing

@testable import KneadTerminal

@Suite("Key decoding")
struct KeyDecoderTests {
    private func character(_ value: UInt32) -> Key? {
        KeyDecoder.decode(status: OK, value: value)
    }

    private func function(_ code: Int32) -> Key? {
        KeyDecoder.decode(status: KEY_CODE_YES, value: UInt32(code))
    }

    @Test("every Backspace variant is .backspace")
    func backspace() {
        #expect(character(0x7F) == .backspace)
        #expect(character(0x08) == .backspace)
        #expect(function(KEY_BACKSPACE) == .backspace)
    }

    @Test("CR, LF and KEY_ENTER are .enter")
    func enter() {
        #expect(character(0x0D) == .enter)
        #expect(character(0x0A) == .enter)
        #expect(function(KEY_ENTER) == .enter)
    }

    @Test("Tab, Shift-Tab, Escape, Delete, Insert")
    func editingKeys() {
        #expect(character(0x09) == .tab)
        #expect(function(KEY_BTAB) == .backTab)
        #expect(character(0x1B) == .escape)
        #expect(function(KEY_DC) == .delete)
        #expect(function(KEY_IC) == .insert)
    }

    @Test("arrows, including the shifted codes some terminals send")
    func arrows() {
        #expect(function(KEY_UP) == .up)
        #expect(function(KEY_DOWN) == .down)
        #expect(function(KEY_LEFT) == .left)
        #expect(function(KEY_RIGHT) == .right)
        #expect(function(KEY_SR) == .up)
        #expect(function(KEY_SF) == .down)
        #expect(function(KEY_SLEFT) == .left)
        #expect(function(KEY_SRIGHT) == .right)
    }

    @Test("Home, End and paging in every spelling")
    func homeEndPaging() {
        for code in [KEY_HOME, KEY_FIND, KEY_A1, KEY_SHOME] { #expect(function(code) == .home) }
        for code in [KEY_END, KEY_SELECT, KEY_C1, KEY_SEND] { #expect(function(code) == .end) }
        for code in [KEY_PPAGE, KEY_A3] { #expect(function(code) == .pageUp) }
        for code in [KEY_NPAGE, KEY_C3] { #expect(function(code) == .pageDown) }
    }

    @Test("F1 to F12", arguments: 1...12)
    func functionKeys(n: Int) {
        #expect(function(knead_key_f(Int32(n))) == .function(n))
    }

    @Test("F13 and beyond are ignored")
    func highFunctionKeys() {
        #expect(function(knead_key_f(13)) == nil)
        #expect(function(knead_key_f(0)) == nil)
    }

    @Test("printable text, accented and Korean, is .character")
    func text() {
        #expect(character(0x61) == .character("a"))
        #expect(character(0x20) == .character(" "))
        #expect(character(0xE9) == .character("é"))
        #expect(character(0xB9C8) == .character("마"))
        #expect(character(0x1F44D) == .character("👍"))
    }

    @Test("control bytes 1–26 are Ctrl-letters, except Backspace, Tab and Enter")
    func controlBytes() {
        #expect(character(0x01) == .control("a"))
        #expect(character(0x03) == .control("c"))
        #expect(character(0x11) == .control("q"))
        #expect(character(0x1A) == .control("z"))
        #expect(character(0x08) == .backspace)
        #expect(character(0x09) == .tab)
        #expect(character(0x0A) == .enter)
        #expect(character(0x0D) == .enter)
    }

    @Test("NUL, other control characters, surrogates and unknown codes give nil")
    func unknown() {
        #expect(character(0x00) == nil)
        #expect(character(0x1C) == nil)
        #expect(character(0x85) == nil)
        #expect(character(0x202E) == nil)
        #expect(character(0xD800) == nil)
        #expect(function(KEY_MOUSE) == nil)
        #expect(function(KEY_RESIZE) == nil)
        #expect(function(KEY_B2) == nil)
        #expect(KeyDecoder.decode(status: ERR, value: 0x61) == nil)
    }

    @Test("modified arrows named by terminfo map to the plain key")
    func modifiedKeys() {
        let names: [Int32: String] = [600: "kUP5", 601: "kLFT3", 602: "kRIT6", 603: "kDN2", 604: "kHOM5",
                                      605: "kEND3", 606: "kDC5", 607: "kPRV5", 608: "kNXT5", 609: "kIC3",
                                      610: "kxOUT", 611: "kUP"]
        func decode(_ code: Int32) -> Key? {
            KeyDecoder.decode(status: KEY_CODE_YES, value: UInt32(code), keyName: { names[$0] })
        }
        #expect(decode(600) == .up)
        #expect(decode(601) == .left)
        #expect(decode(602) == .right)
        #expect(decode(603) == .down)
        #expect(decode(604) == .home)
        #expect(decode(605) == .end)
        #expect(decode(606) == .delete)
        #expect(decode(607) == .pageUp)
        #expect(decode(608) == .pageDown)
        #expect(decode(609) == .insert)
        #expect(decode(610) == nil)
        #expect(decode(611) == nil)
        #expect(decode(612) == nil)
    }
}
