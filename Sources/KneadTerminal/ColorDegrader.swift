import KneadUI

/// A style as the terminal can show it: colour indexes (-1 is the terminal's own colour)
/// and attributes.
public struct TerminalStyle: Hashable, Sendable {
    public var foreground: Int
    public var background: Int
    public var attributes: Set<TextAttribute>
    public init(foreground: Int = -1, background: Int = -1, attributes: Set<TextAttribute> = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }
}

/// Turns theme styles into what a terminal of a given colour depth can show.
///
/// Pure, so every rule is unit tested:
/// - 256 colours: indexes as they are.
/// - 16: indexes 16–255 go to the nearest of the 16 xterm colours by RGB distance.
/// - 8: as for 16, then a bright colour becomes its basic colour, and a bright foreground
///   adds bold (what most 8-colour terminals show as bright); a foreground nearest to grey
///   becomes white or black by its lightness, never bold black.
/// - none (or `NO_COLOR`): colours are dropped; a coloured background, which marks
///   selections and bars, becomes reverse video so it stays visible.
/// When degrading makes foreground and background equal, the background is dropped so
/// text never becomes invisible.
public enum ColorDegrader {
    /// The style of `style` at `depth`.
    public static func degrade(_ style: Style, to depth: ColorDepth) -> TerminalStyle {
        var result = TerminalStyle(attributes: style.attributes)
        let fg = index(style.foreground)
        let bg = index(style.background)
        switch depth {
        case .full:
            result.foreground = fg
            result.background = bg
        case .sixteen:
            result.foreground = fg < 0 ? fg : nearest16(fg)
            result.background = bg < 0 ? bg : nearest16(bg)
        case .eight:
            if fg >= 0 {
                let c = nearest16(fg)
                if c == 8 {
                    // A grey: bright black would become black (+bold), which vanishes on a dark
                    // background. Light greys and tans become white, dark greys black.
                    result.foreground = greyAsBasic(fg)
                } else {
                    result.foreground = c % 8
                    if c >= 8 { result.attributes.insert(.bold) }
                }
            }
            if bg >= 0 { result.background = nearest16(bg) % 8 }
        case .none:
            if bg >= 0 { result.attributes.insert(.reverse) }
            return result
        }
        if result.foreground >= 0, result.foreground == result.background, fg != bg {
            result.background = -1
        }
        return result
    }

    /// The nearest of the 16 basic xterm colours to a 256-colour index.
    public static func nearest16(_ index: Int) -> Int {
        guard index >= 16 else { return max(0, index) }
        let (r, g, b) = rgb(index)
        var best = 0
        var bestDistance = Int.max
        for candidate in 0..<16 {
            let (cr, cg, cb) = rgb(candidate)
            let distance = (cr - r) * (cr - r) + (cg - g) * (cg - g) + (cb - b) * (cb - b)
            if distance < bestDistance {
                best = candidate
                bestDistance = distance
            }
        }
        return best
    }

    /// White or black for a colour nearest to grey, by its perceived lightness: greys are only
    /// ever shown as greys, never as the yellow or red that RGB distance can pick.
    public static func greyAsBasic(_ index: Int) -> Int {
        let (r, g, b) = rgb(index)
        return 299 * r + 587 * g + 114 * b >= 96_000 ? 7 : 0
    }

    /// The RGB value xterm gives a colour index: the 16 basic colours, the 6×6×6 cube
    /// (16–231, levels 0, 95, 135, 175, 215, 255) and the grey ramp (232–255, 8 + 10·n).
    public static func rgb(_ index: Int) -> (Int, Int, Int) {
        switch index {
        case 0..<16:
            return basic[index]
        case 16..<232:
            let n = index - 16
            return (cubeLevels[n / 36], cubeLevels[(n / 6) % 6], cubeLevels[n % 6])
        case 232..<256:
            let v = 8 + 10 * (index - 232)
            return (v, v, v)
        default:
            return (0, 0, 0)
        }
    }

    private static func index(_ color: ThemeColor) -> Int {
        switch color {
        case .default: -1
        case .indexed(let n): min(max(n, 0), 255)
        }
    }

    private static let cubeLevels = [0, 95, 135, 175, 215, 255]

    /// xterm's default palette for 0–15.
    private static let basic: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0),
        (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0),
        (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
}
