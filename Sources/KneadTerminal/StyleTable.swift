import CNcurses
import KneadUI

/// The ncurses attributes and colour pair of every style role of one theme.
///
/// Built once per theme and colour depth; allocates the pairs it needs through the
/// shared `ColorPairCache`, so a pair is initialised once however often themes change.
struct StyleTable {
    struct Entry {
        var attributes: attr_t
        var pair: Int16
    }

    let theme: Theme
    private var entries: [StyleRole: Entry] = [:]

    init(theme: Theme, depth: ColorDepth, pairs: inout ColorPairCache) {
        self.theme = theme
        for role in StyleRole.allCases {
            let style = ColorDegrader.degrade(theme.style(role), to: depth)
            let pair = depth == .none ? 0 : pairs.pair(foreground: style.foreground, background: style.background)
            entries[role] = Entry(attributes: Self.attributes(style.attributes), pair: pair)
        }
    }

    func entry(_ role: StyleRole) -> Entry {
        entries[role] ?? Entry(attributes: attr_t(A_NORMAL), pair: 0)
    }

    /// The ncurses attribute bits for a set of text attributes.
    static func attributes(_ set: Set<TextAttribute>) -> attr_t {
        var bits = attr_t(A_NORMAL)
        for attribute in set {
            switch attribute {
            case .bold: bits |= knead_a_bold()
            case .dim: bits |= knead_a_dim()
            case .underline: bits |= knead_a_underline()
            case .reverse: bits |= knead_a_reverse()
            case .italic: bits |= knead_a_italic()
            }
        }
        return bits
    }
}
