import Synchronization

/// The semantic style of a cell. Themes map each role to colours and attributes.
public enum StyleRole: String, CaseIterable, Codable, Sendable {
    case normal, title, border, muted, selected, warning, danger, success, accent
    case hint, hintKey, statusBar, banner, input, inputFocused
    case painNone, painMild, painModerate, painSevere
    case pressure0, pressure1, pressure2, pressure3, pressure4, pressure5
    case timer, timerOver
}

/// One cell of the canvas: a grapheme, its width, and its style.
///
/// A wide grapheme occupies two cells; the second holds an empty string with width 0
/// and marks the trailing half, as ratatui does.
///
/// A cell is plain bits: copied, compared and freed without reference counting, so a frame's
/// 2,000 to 12,000 cells are made, drawn over and diffed as memory. It holds its grapheme's UTF-8
/// in the cell itself when it is 15 bytes or fewer (every letter, mark, rule and emoji a screen
/// draws). A longer grapheme (a family emoji, a letter under many marks) is kept once in
/// ``LongGraphemes``, and the cell holds its number there: the same bytes always get the same
/// number, so two cells are equal exactly when their bytes are.
public struct Cell: Hashable, Sendable {
    /// UTF-8 bytes 0–7, and 8–14 with their count in the last byte of the 16, in memory order; or,
    /// when that last byte is ``longMark``, the grapheme's number in ``LongGraphemes`` in `low`.
    private var low: UInt64
    private var high: UInt64
    /// 0 for a trailing half, else the columns; a width outside 0–2 (no caller makes one) stays
    /// out of range, so the painter draws a substitute for it, not a trailing half.
    private var storedWidth: Int8
    public var role: StyleRole

    /// Most UTF-8 bytes kept in the cell itself.
    static let inlineCapacity = 15
    /// The last byte of a cell whose grapheme is in ``LongGraphemes``.
    private static let longMark: UInt8 = 0xFF

    public static let blank = Cell(scalar: " ", role: .normal)

    public init(text: String, width: Int, role: StyleRole) {
        self.init(text: text, width: width, role: role, longGraphemes: .shared)
    }

    /// A cell whose long grapheme, if it has one, is numbered in `longGraphemes` (tests: a table
    /// that is full). Its `text` reads the shared table.
    init(text: String, width: Int, role: StyleRole, longGraphemes: LongGraphemes) {
        (low, high) = Self.bits(of: text, longGraphemes)
        storedWidth = Int8(clamping: width)
        self.role = role
    }

    /// A one-column cell of one scalar: what most of a frame is made of, without a `String`.
    @inline(__always)
    init(scalar: Unicode.Scalar, role: StyleRole) {
        let v = scalar.value
        let bytes: UInt64, count: UInt64
        switch v {
        case ..<0x80:
            (bytes, count) = (UInt64(v), 1)
        case ..<0x800:
            (bytes, count) = (UInt64(0xC0 | v >> 6) | UInt64(0x80 | v & 0x3F) << 8, 2)
        case ..<0x10000:
            (bytes, count) = (UInt64(0xE0 | v >> 12) | UInt64(0x80 | v >> 6 & 0x3F) << 8 | UInt64(0x80 | v & 0x3F) << 16, 3)
        default:
            (bytes, count) = (UInt64(0xF0 | v >> 18) | UInt64(0x80 | v >> 12 & 0x3F) << 8
                | UInt64(0x80 | v >> 6 & 0x3F) << 16 | UInt64(0x80 | v & 0x3F) << 24, 4)
        }
        low = UInt64(littleEndian: bytes)
        high = UInt64(bigEndian: count)
        storedWidth = 1
        self.role = role
    }

    /// The last byte of the 16 in memory: the inline byte count, or ``longMark``.
    private var countByte: UInt8 { UInt8(truncatingIfNeeded: UInt64(bigEndian: high)) }

    /// The grapheme; empty for the trailing half of a wide one.
    public var text: String {
        get {
            let count = countByte
            if count == Self.longMark { return LongGraphemes.shared.text(number: Int(low)) }
            return withUnsafeBytes(of: (low, high)) { raw in
                String(decoding: UnsafeRawBufferPointer(rebasing: raw.prefix(Int(count))), as: UTF8.self)
            }
        }
        set { (low, high) = Self.bits(of: newValue, .shared) }
    }

    /// The scalar, when the grapheme is exactly one (most cells), without making a `String`.
    public var singleScalar: Unicode.Scalar? {
        let count = countByte
        guard count >= 1, count <= 4 else { return nil }
        let b0 = UInt32(truncatingIfNeeded: UInt64(littleEndian: low))
        let lead = b0 & 0xFF
        let value: UInt32
        switch count {
        case 1: value = lead
        case 2: value = (lead & 0x1F) << 6 | (b0 >> 8 & 0x3F)
        case 3: value = (lead & 0x0F) << 12 | (b0 >> 8 & 0x3F) << 6 | (b0 >> 16 & 0x3F)
        default: value = (lead & 0x07) << 18 | (b0 >> 8 & 0x3F) << 12 | (b0 >> 16 & 0x3F) << 6 | (b0 >> 24 & 0x3F)
        }
        // The byte count says how long the first scalar is only when its lead byte agrees.
        let expected: UInt8 = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        guard expected == count else { return nil }
        return Unicode.Scalar(value)
    }

    public var width: Int {
        get { Int(storedWidth) }
        set { storedWidth = Int8(clamping: newValue) }
    }

    /// True for the trailing half of a wide grapheme.
    public var isContinuation: Bool { storedWidth == 0 }

    /// The byte count sits in the last byte of the 16 in memory (`bigEndian` of the second word
    /// puts its low byte there), after the at most 15 bytes of text.
    private static func bits(of text: String, _ longGraphemes: LongGraphemes) -> (UInt64, UInt64) {
        var text = text
        return text.withUTF8 { utf8 in
            guard utf8.count <= inlineCapacity else {
                guard let number = longGraphemes.number(of: utf8) else {
                    // The table is full (an input made to fill it): U+FFFD stands in.
                    return bits(of: "\u{FFFD}", longGraphemes)
                }
                return (UInt64(number), UInt64(bigEndian: UInt64(longMark)))
            }
            var pair: (UInt64, UInt64) = (0, 0)
            withUnsafeMutableBytes(of: &pair) { raw in
                raw.copyMemory(from: UnsafeRawBufferPointer(utf8))
                raw[15] = UInt8(utf8.count)
            }
            return pair
        }
    }
}

extension Cell: CustomStringConvertible {
    /// The grapheme, its width and role, as test failures show a cell.
    public var description: String {
        "Cell(\(text.unicodeScalars.map { "U+" + String($0.value, radix: 16, uppercase: true) }.joined(separator: " ")) \"\(DisplayWidth.sanitized(text))\", width \(width), \(role))"
    }
}

/// The graphemes of more than ``Cell/inlineCapacity`` UTF-8 bytes that cells have held, each kept
/// once for the life of the process and numbered in the order first seen. The same bytes always
/// get the same number, and only the same bytes: two canonically equivalent spellings stay two
/// graphemes, so the terminal gets the bytes the frame holds.
///
/// Such graphemes are rare (a family emoji, a letter under many marks), and a screen draws the
/// same ones at every frame. A text made to hold ever new or ever longer ones (a letter under
/// thousands of marks) stops growing the table at ``capacity`` graphemes or ``byteCapacity``
/// bytes (65,536 and 4 MiB for the shared one): cells of graphemes past either show U+FFFD.
final class LongGraphemes: Sendable {
    static let shared = LongGraphemes(capacity: 65_536, byteCapacity: 4 << 20)
    /// Most graphemes kept.
    let capacity: Int
    /// Most UTF-8 bytes kept, all graphemes together.
    let byteCapacity: Int

    init(capacity: Int, byteCapacity: Int) {
        self.capacity = capacity
        self.byteCapacity = byteCapacity
    }

    private struct Table {
        var texts: [String] = []
        var numbers: [[UInt8]: Int] = [:]
        var bytes = 0
    }

    private let table = Mutex(Table())

    /// The number of these bytes, given one if they are new; nil when the table is full.
    func number(of utf8: UnsafeBufferPointer<UInt8>) -> Int? {
        let key = Array(utf8)
        return table.withLock { table in
            if let number = table.numbers[key] { return number }
            guard table.texts.count < capacity, table.bytes + key.count <= byteCapacity else { return nil }
            table.bytes += key.count
            table.texts.append(String(decoding: key, as: UTF8.self))
            table.numbers[key] = table.texts.count - 1
            return table.texts.count - 1
        }
    }

    /// The grapheme a number was given to.
    func text(number: Int) -> String {
        table.withLock { table in table.texts.indices.contains(number) ? table.texts[number] : "\u{FFFD}" }
    }

    /// How many graphemes are kept (tests).
    var count: Int { table.withLock { $0.texts.count } }
}
