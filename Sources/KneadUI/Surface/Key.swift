/// A keystroke as the app sees it, decoded by the terminal layer.
public enum Key: Hashable, Sendable {
    /// A printable character, including non-ASCII text.
    case character(Character)
    /// A control chord: `.control("a")` is Ctrl-A.
    case control(Character)
    case enter, tab, backTab, escape, backspace, delete, insert
    case up, down, left, right, home, end, pageUp, pageDown
    /// F1…F12.
    case function(Int)

    /// A short name for help screens and hint bars: "Enter", "Ctrl-A", "↑", "F1".
    public var label: String {
        switch self {
        case .character(" "): "Space"
        case .character(let c): String(c)
        case .control(let c): "Ctrl-\(String(c).uppercased())"
        case .enter: "Enter"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .escape: "Esc"
        case .backspace: "Backspace"
        case .delete: "Del"
        case .insert: "Ins"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .function(let n): "F\(n)"
        }
    }
}

/// What reaches the app from outside: keys, a new terminal size, the passing of time, a request to stop.
public enum Input: Hashable, Sendable {
    case key(Key)
    case resized(width: Int, height: Int)
    /// Sent about once a second so timers move.
    case tick
    /// The process was asked to stop (SIGTERM, SIGHUP, SIGINT): save and finish.
    case terminate
    /// A click or a turn of the wheel, when the mouse is turned on.
    case mouse(MouseEvent)
}

/// A position on the screen, column and row from the top left.
public struct Point: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }
}

/// One picture of the app: what to draw and where the text cursor is (nil hides it).
public struct Frame: Sendable {
    public var canvas: Canvas
    public var cursor: Point?
    public init(canvas: Canvas, cursor: Point? = nil) {
        self.canvas = canvas
        self.cursor = cursor
    }
}

/// An interactive program the terminal layer runs: inputs in, frames out.
///
/// The terminal layer knows nothing of screens or sessions; the app knows nothing of ncurses.
public protocol TerminalProgram: AnyObject {
    /// Applies one input.
    func handle(_ input: Input)
    /// Draws the current state at the given size.
    func frame(width: Int, height: Int) -> Frame
    /// True once the program wants to exit.
    var isFinished: Bool { get }
    /// The colours and attributes of each style role.
    var theme: Theme { get }
    /// Waits until everything the inputs so far changed is on disk. The runner calls it after
    /// drawing a frame and before sending it, so a save's sync and the drawing overlap.
    /// Returns true when the wait changed what the frame should show (a save failed): the
    /// runner then draws the frame again.
    func awaitSaved() -> Bool
}
