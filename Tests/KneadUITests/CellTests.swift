import Testing
@testable import KneadUI

@Suite("A cell keeps its grapheme byte for byte")
struct CellTests {
    /// Scalars at every UTF-8 length and its edges, and a stride through the rest.
    static let scalars: [Unicode.Scalar] = {
        let edges: [UInt32] = [0x20, 0x41, 0x7E, 0x7F, 0x80, 0xA0, 0xE9, 0x7FF, 0x800, 0x2500, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF,
                               0x10000, 0x1D400, 0x1F44D, 0x10FFFF]
        let stride = Array(Swift.stride(from: UInt32(0x20), through: 0x10FFFF, by: 97))
        return (edges + stride).compactMap(Unicode.Scalar.init)
    }()

    @Test("A cell made from a scalar is the cell made from its text, and gives the scalar back")
    func scalarCells() {
        for scalar in Self.scalars {
            let cell = Cell(scalar: scalar, role: .accent)
            #expect(cell == Cell(text: String(scalar), width: 1, role: .accent), "U+\(String(scalar.value, radix: 16))")
            #expect(cell.text == String(scalar))
            #expect(cell.singleScalar == scalar)
        }
    }

    @Test("Text is kept byte for byte, in the cell up to 15 bytes and whole beyond")
    func textByteForByte() {
        let texts = ["", " ", "é", "e\u{301}", "마", "👍", "👍🏽", "👩‍⚕️", "🇰🇷", "👨‍👩‍👧‍👦", "a\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}",
                     String(repeating: "\u{301}", count: 7), "a" + String(repeating: "\u{301}", count: 7),
                     "x" + String(repeating: "\u{35C}", count: 40)]
        for text in texts {
            let cell = Cell(text: text, width: 1, role: .normal)
            #expect(Array(cell.text.utf8) == Array(text.utf8), "\(Array(text.utf8))")
        }
        // Every length across the inline edge, odd and even.
        for count in 0...40 {
            for base in ["e", "é"] {
                let text = base + String(repeating: "\u{301}", count: count)  // 1 or 2, and 2·count bytes
                #expect(Array(Cell(text: text, width: 1, role: .normal).text.utf8) == Array(text.utf8), "\(text.utf8.count) bytes")
            }
        }
    }

    @Test("Two spellings of one letter are two cells, so the terminal gets the bytes the frame holds")
    func canonicalSpellingsStayApart() {
        #expect(Cell(text: "é", width: 1, role: .normal) != Cell(text: "e\u{301}", width: 1, role: .normal))
        // Marks of different combining classes (230 and 220): the two orders are canonically
        // equivalent, so `String` calls them equal, and more than 15 bytes, so kept whole.
        let long = "e" + String(repeating: "\u{301}\u{323}", count: 4)
        let reordered = "e" + String(repeating: "\u{323}\u{301}", count: 4)
        #expect(long == reordered, "the test's two spellings are one text to String")
        #expect(Cell(text: long, width: 1, role: .normal) == Cell(text: long, width: 1, role: .normal))
        #expect(Cell(text: long, width: 1, role: .normal) != Cell(text: reordered, width: 1, role: .normal))
        #expect(Cell(text: reordered, width: 1, role: .normal).text.utf8.elementsEqual(reordered.utf8))
    }

    @Test("Only a grapheme of exactly one scalar has a single scalar")
    func singleScalarOnlyForOne() {
        for text in ["", "e\u{301}", "👍🏽", "🇰🇷", "ab", "👨‍👩‍👧‍👦", "é\u{301}"] {
            #expect(Cell(text: text, width: 1, role: .normal).singleScalar == nil, "\(Array(text.unicodeScalars))")
        }
        #expect(Cell(text: "마", width: 2, role: .normal).singleScalar == "마")
    }

    @Test("Width, role and the trailing half survive being set")
    func fields() {
        var cell = Cell(text: "마", width: 2, role: .title)
        #expect(cell.width == 2 && cell.role == .title && !cell.isContinuation)
        cell.text.append("\u{301}")
        #expect(cell.text == "마\u{301}")
        cell.width = 0
        #expect(cell.isContinuation)
        // A width no caller makes is not taken for a trailing half.
        #expect(!Cell(text: "x", width: -1, role: .normal).isContinuation)
        #expect(Cell(text: "", width: 0, role: .normal).isContinuation)
    }

    @Test("A cell is plain bits: copied, compared and freed as memory")
    func plainBits() {
        #expect(_isPOD(Cell.self))
        #expect(MemoryLayout<Cell>.stride == 24)
    }

    @Test("A long grapheme is kept once, by its bytes, and a full table gives U+FFFD")
    func longGraphemesTable() {
        let table = LongGraphemes(capacity: 2, byteCapacity: 1 << 20)
        let long = "e" + String(repeating: "\u{301}\u{323}", count: 4)
        let reordered = "e" + String(repeating: "\u{323}\u{301}", count: 4)
        let number = Array(long.utf8).withUnsafeBufferPointer { table.number(of: $0) }
        #expect(number == 0)
        #expect(Array(long.utf8).withUnsafeBufferPointer { table.number(of: $0) } == 0)
        #expect(Array(reordered.utf8).withUnsafeBufferPointer { table.number(of: $0) } == 1)
        #expect(table.count == 2)
        #expect(table.text(number: 1).utf8.elementsEqual(reordered.utf8))
        let third = "x" + String(repeating: "\u{35C}", count: 9)
        #expect(Array(third.utf8).withUnsafeBufferPointer { table.number(of: $0) } == nil)
        #expect(table.count == 2)
        let cell = Cell(text: third, width: 1, role: .normal, longGraphemes: table)
        #expect(cell.text == "\u{FFFD}" && cell.width == 1)
        // Bytes count too: a grapheme under thousands of marks cannot fill memory.
        let small = LongGraphemes(capacity: 100, byteCapacity: 40)
        let twenty = "e" + String(repeating: "\u{301}", count: 9) + "x"  // not one grapheme: only bytes matter here
        #expect(Array(twenty.utf8).count == 20)
        #expect(Array(twenty.utf8).withUnsafeBufferPointer { small.number(of: $0) } == 0)
        #expect(Array((twenty + "y").utf8.dropLast()).withUnsafeBufferPointer { small.number(of: $0) } == 0, "the same bytes")
        let other = "a" + String(repeating: "\u{301}", count: 9) + "x"
        #expect(Array(other.utf8).withUnsafeBufferPointer { small.number(of: $0) } == 1)
        #expect(Array(("b" + other.dropFirst()).utf8).withUnsafeBufferPointer { small.number(of: $0) } == nil, "41 bytes of 40")
        // The shared table numbers the same bytes once however many cells hold them.
        let shared = LongGraphemes.shared
        let a = Cell(text: long, width: 1, role: .normal), b = Cell(text: long, width: 1, role: .title)
        #expect(a.text.utf8.elementsEqual(long.utf8) && b.text.utf8.elementsEqual(long.utf8))
        #expect(Array(long.utf8).withUnsafeBufferPointer { shared.number(of: $0) }
                == Array(long.utf8).withUnsafeBufferPointer { shared.number(of: $0) })
    }
}
