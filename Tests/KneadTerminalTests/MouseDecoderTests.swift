import KneadUI
import Testing

@testable import KneadTerminal

@Suite("Mouse decoding")
struct MouseDecoderTests {
    let masks = MouseDecoder.Masks.ncurses

    @Test func theMasksOfThisNcursesAreDistinct() {
        let all = [masks.left, masks.middle, masks.right, masks.wheelUp, masks.wheelDown]
        #expect(!all.contains(0))
        #expect(Set(all).count == 5)
    }

    @Test func aPressIsItsButtonAtItsCell() {
        #expect(MouseDecoder.decode(buttons: masks.left, x: 12, y: 5) == MouseEvent(.left, x: 12, y: 5))
        #expect(MouseDecoder.decode(buttons: masks.right, x: 0, y: 0) == MouseEvent(.right, x: 0, y: 0))
        #expect(MouseDecoder.decode(buttons: masks.middle, x: 3, y: 4) == MouseEvent(.middle, x: 3, y: 4))
    }

    @Test func theWheelIsButtonsFourAndFive() {
        #expect(MouseDecoder.decode(buttons: masks.wheelUp, x: 40, y: 10)?.button == .wheelUp)
        #expect(MouseDecoder.decode(buttons: masks.wheelDown, x: 40, y: 10)?.button == .wheelDown)
    }

    @Test func releasesMotionAndOffScreenAreIgnored() {
        #expect(MouseDecoder.decode(buttons: 0, x: 1, y: 1) == nil)
        let test = MouseDecoder.Masks(left: 0b10, middle: 0b100, right: 0b1000, wheelUp: 0b1_0000, wheelDown: 0b10_0000)
        #expect(MouseDecoder.decode(buttons: 0b1, x: 1, y: 1, masks: test) == nil, "a release bit alone")
        #expect(MouseDecoder.decode(buttons: 0b10, x: -1, y: 1, masks: test) == nil)
        #expect(MouseDecoder.decode(buttons: 0b10, x: 2, y: 7, masks: test) == MouseEvent(.left, x: 2, y: 7))
        #expect(MouseDecoder.decode(buttons: 0b1_0010, x: 2, y: 7, masks: test)?.button == .wheelUp, "the wheel wins")
    }
}
