import CNcurses
import KneadUI
import Testing

@testable import KneadTerminal

/// What a keyboard (or a paste) can send that is not text: invalid code points, C1 controls,
/// bidi overrides. None of it may become a character the app stores or draws.
@Suite struct HostileKeyTests {
    @Test(arguments: [
        0xD800, 0xDFFF,          // UTF-16 surrogates: what a decoder makes of some invalid UTF-8
        0x110000, 0xFFFF_FFFF,   // beyond Unicode
        0x80, 0x9B, 0x9D, 0x9F,  // C1 controls, CSI and OSC among them
        0x202E, 0x2066, 0x2028,  // bidi override, isolate, line separator
        0x00, 0x1C, 0x1F,        // NUL and the C0 controls no letter names
    ] as [UInt32])
    func neverBecomesText(_ value: UInt32) {
        let key = KeyDecoder.decode(status: OK, value: value)
        if case .character = key { Issue.record("U+\(String(value, radix: 16)) became a character") }
    }

    @Test func anErrorStatusIsNoKey() {
        #expect(KeyDecoder.decode(status: ERR, value: 0x41) == nil)
    }

    @Test func escapeArrivesAsTheEscapeKey() {
        #expect(KeyDecoder.decode(status: OK, value: 0x1B) == .escape)
    }
}
