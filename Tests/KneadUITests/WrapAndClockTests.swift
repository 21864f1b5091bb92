import Testing
@testable import KneadUI

@Suite("Wrapping text and the session clock")
struct WrapAndClockTests {
    @Test("words wrap at the width, counting the spaces between them and wide characters as two")
    func wrapping() {
        #expect(wrap("a b c d", width: 5) == ["a b c", "d"])
        #expect(wrap("one two three four", width: 9) == ["one two", "three", "four"])
        #expect(wrap("마사지 치료 기록", width: 7) == ["마사지", "치료", "기록"])
        #expect(wrap("마사지 치료 기록", width: 11) == ["마사지 치료", "기록"])
        #expect(wrap("abcdefghij xy", width: 4) == ["abcd", "efgh", "ij", "xy"])
        #expect(wrap("a\n\nb", width: 4) == ["a", "", "b"])
        #expect(wrap("a  b", width: 4) == ["a b"])
        for line in wrap("Treatment begun. ↑ ↓ choose a region, Enter works there, digits log pain.", width: 20) {
            #expect(DisplayWidth.of(line) <= 20, "\(line)")
        }
    }

    @Test("the clock reads minutes and seconds, and hours once there are any")
    func clock() {
        #expect(Formatting.clock(0) == "00:00")
        #expect(Formatting.clock(59.9) == "00:59")
        #expect(Formatting.clock(3599) == "59:59")
        #expect(Formatting.clock(3600) == "1:00:00")
        #expect(Formatting.clock(36061) == "10:01:01")
        #expect(Formatting.clock(-5) == "00:00")
    }
}
