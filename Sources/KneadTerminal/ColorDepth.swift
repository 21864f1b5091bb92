/// How many colours the terminal can show, after honouring `NO_COLOR`.
public enum ColorDepth: Hashable, Sendable {
    /// Attributes only: a monochrome terminal, or the user set `NO_COLOR`.
    case none
    /// The eight basic colours; bright foregrounds become bold.
    case eight
    /// The eight basic colours and their bright forms.
    case sixteen
    /// The xterm 256-colour palette, used as is.
    case full

    /// The depth for a terminal.
    /// - Parameters:
    ///   - hasColors: what `has_colors()` says.
    ///   - colors: the terminal's `COLORS`.
    ///   - noColor: the value of `NO_COLOR`; any non-empty value turns colour off (no-color.org).
    public static func detect(hasColors: Bool, colors: Int, noColor: String?) -> ColorDepth {
        if let noColor, !noColor.isEmpty { return .none }
        guard hasColors else { return .none }
        switch colors {
        case 256...: return .full
        case 16..<256: return .sixteen
        case 8..<16: return .eight
        default: return .none
        }
    }
}
