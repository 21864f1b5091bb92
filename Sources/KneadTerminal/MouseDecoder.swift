import CNcurses
import KneadUI

/// Turns an ncurses mouse event (its button state and cell) into a `MouseEvent`.
/// Pure: tests pass the masks and states directly.
public enum MouseDecoder {
    /// The bits of ncurses' button state that Knead reads.
    public struct Masks: Sendable {
        public var left: UInt
        public var middle: UInt
        public var right: UInt
        public var wheelUp: UInt
        public var wheelDown: UInt

        public init(left: UInt, middle: UInt, right: UInt, wheelUp: UInt, wheelDown: UInt) {
            self.left = left
            self.middle = middle
            self.right = right
            self.wheelUp = wheelUp
            self.wheelDown = wheelDown
        }

        /// The masks of the ncurses this was built with.
        public static var ncurses: Masks {
            Masks(left: UInt(knead_button1_pressed()), middle: UInt(knead_button2_pressed()),
                  right: UInt(knead_button3_pressed()), wheelUp: UInt(knead_button4_pressed()),
                  wheelDown: UInt(knead_button5_pressed()))
        }
    }

    /// The event for a button state at a cell, or nil for what Knead does not use (releases,
    /// motion, positions off the screen).
    public static func decode(buttons: UInt, x: Int, y: Int, masks: Masks = .ncurses) -> MouseEvent? {
        guard x >= 0, y >= 0 else { return nil }
        let order: [(UInt, MouseEvent.Button)] = [
            (masks.wheelUp, .wheelUp), (masks.wheelDown, .wheelDown),
            (masks.left, .left), (masks.middle, .middle), (masks.right, .right),
        ]
        for (mask, button) in order where mask != 0 && buttons & mask != 0 {
            return MouseEvent(button, x: x, y: y)
        }
        return nil
    }
}
