/// A mouse button pressed, or the wheel turned, at a cell of the screen.
/// Only sent when the mouse is turned on (`--mouse`); releases and drags are not reported.
public struct MouseEvent: Hashable, Sendable {
    public enum Button: Hashable, Sendable {
        case left, middle, right
        /// The wheel turned away from the user (scrolls up).
        case wheelUp
        /// The wheel turned towards the user (scrolls down).
        case wheelDown
    }

    public var button: Button
    /// The cell, column and row from the top left.
    public var position: Point

    public init(_ button: Button, x: Int, y: Int) {
        self.button = button
        position = Point(x: x, y: y)
    }
}
