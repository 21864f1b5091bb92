import CNcurses
import KneadUI

/// What to draw for one cell: its grapheme, or a substitute when ncurses would disagree.
///
/// The canvas decides widths with `DisplayWidth`; ncurses and the terminal use `wcwidth`.
/// Where the two disagree about a grapheme's first scalar, drawing it would shift
/// everything after it, so a "?" padded to the cell width is drawn instead.
enum CellGlyph: Equatable {
    /// One spacing character alone (most cells), without an array.
    case character(wchar_t)
    /// A spacing character followed by at most four zero-width ones, as `setcchar` takes them.
    case grapheme([wchar_t])
    /// Draw "?" and pad with spaces to the cell width.
    case substitute

    /// Most combining characters one ncurses cell holds besides its spacing character.
    static let maximumCombining = 4

    /// The glyph for a cell drawn `width` columns wide: a cell of one scalar is measured from the
    /// cell's own bytes, without making its text; the rest as ``of(text:width:measure:)`` says.
    static func of(_ cell: Cell, width: Int, measure: (wchar_t) -> Int32 = { wcwidth($0) }) -> CellGlyph {
        guard let scalar = cell.singleScalar else { return of(text: cell.text, width: width, measure: measure) }
        let character = wchar_t(bitPattern: scalar.value)
        return (width == 1 || width == 2) && measure(character) == Int32(width) ? .character(character) : .substitute
    }

    /// The glyph for a cell's text and width, measured with `measure` (normally `wcwidth`).
    static func of(text: String, width: Int, measure: (wchar_t) -> Int32 = { wcwidth($0) }) -> CellGlyph {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, width == 1 || width == 2 else { return .substitute }
        let firstCharacter = wchar_t(bitPattern: first.value)
        guard measure(firstCharacter) == Int32(width) else { return .substitute }
        var characters = [firstCharacter]
        for scalar in scalars.dropFirst() {
            let character = wchar_t(bitPattern: scalar.value)
            // A second spacing character (the next part of a ZWJ sequence, a skin tone)
            // would take cells of its own in ncurses: keep only what came before it.
            guard measure(character) == 0, scalar.value != 0x200D else { break }
            guard characters.count <= maximumCombining else { break }
            characters.append(character)
        }
        return .grapheme(characters)
    }
}
