import CNcurses
import KneadUI

/// Turns what `get_wch` returns into a `Key`. Pure: tests feed it codes directly.
///
/// `get_wch` gives `OK` and a character, or `KEY_CODE_YES` and a function-key code.
/// Terminals disagree about Backspace (DEL, BS or `KEY_BACKSPACE`), Enter (CR, LF or
/// `KEY_ENTER`), Home and End (`KEY_HOME`, `KEY_FIND`, `KEY_A1`, ...), so every variant
/// maps to one `Key`. Shifted and Ctrl/Alt-modified arrows map to the plain key.
/// ESC arrives alone once `set_escdelay` is short; Alt-x arrives as ESC then x.
public enum KeyDecoder {
    /// The key for one `get_wch` result, or nil for codes the app has no use for.
    /// - Parameters:
    ///   - status: `OK` for a character, `KEY_CODE_YES` for a function key.
    ///   - value: the character or key code.
    ///   - keyName: ncurses' name for a key code (`keyname`); used only for the codes
    ///     ncurses assigns at run time to modified keys, such as "kUP5" for Ctrl-↑.
    public static func decode(status: Int32, value: UInt32, keyName: (Int32) -> String? = { _ in nil }) -> Key? {
        if status == KEY_CODE_YES {
            guard let code = Int32(exactly: value) else { return nil }
            return functionKey(code) ?? modifiedKey(keyName(code))
        }
        guard status == OK else { return nil }
        return character(value)
    }

    /// Keys from a character value.
    static func character(_ value: UInt32) -> Key? {
        switch value {
        case 0x0D, 0x0A: return .enter
        case 0x09: return .tab
        case 0x1B: return .escape
        case 0x7F, 0x08: return .backspace
        case 0x01...0x1A:
            guard let letter = Unicode.Scalar(0x60 + value) else { return nil }
            return .control(Character(letter))
        default:
            guard let scalar = Unicode.Scalar(value), !DisplayWidth.isControl(scalar) else { return nil }
            return .character(Character(scalar))
        }
    }

    /// Keys from the fixed ncurses key codes.
    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_BACKSPACE: return .backspace
        case KEY_DC, KEY_SDC: return .delete
        case KEY_IC, KEY_SIC: return .insert
        case KEY_UP, KEY_SR: return .up
        case KEY_DOWN, KEY_SF: return .down
        case KEY_LEFT, KEY_SLEFT: return .left
        case KEY_RIGHT, KEY_SRIGHT: return .right
        case KEY_HOME, KEY_FIND, KEY_A1, KEY_SHOME: return .home
        case KEY_END, KEY_SELECT, KEY_C1, KEY_SEND: return .end
        case KEY_PPAGE, KEY_A3, KEY_SPREVIOUS: return .pageUp
        case KEY_NPAGE, KEY_C3, KEY_SNEXT: return .pageDown
        default:
            for n in 1...12 where code == knead_key_f(Int32(n)) { return .function(n) }
            return nil
        }
    }

    /// Keys from the names ncurses gives modified keys it learns from terminfo:
    /// "kUP5" is Ctrl-↑, "kLFT3" Alt-←, "kDC5" Ctrl-Del. The modifier is ignored.
    static func modifiedKey(_ name: String?) -> Key? {
        guard let name, name.hasPrefix("k") else { return nil }
        let base = name.prefix { !$0.isNumber }
        guard base.count < name.count else { return nil }  // only names with a modifier digit
        switch base {
        case "kUP": return .up
        case "kDN": return .down
        case "kLFT": return .left
        case "kRIT": return .right
        case "kHOM": return .home
        case "kEND": return .end
        case "kPRV": return .pageUp
        case "kNXT": return .pageDown
        case "kDC": return .delete
        case "kIC": return .insert
        default: return nil
        }
    }
}
