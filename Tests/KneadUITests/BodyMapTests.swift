import Foundation
import Testing
import KneadCore
@testable import KneadUI

@Suite("Body map model")
struct BodyMapTests {
    let map = BodyMap.standard

    @Test("Every glyph of the figures is one column, a scalar of its own and no letter, as a spot's fill takes it")
    func glyphsFillAsText() {
        typealias G = BodyMap.Glyph
        for glyph in [G.plain, G.worked, G.selected, G.avoid, G.active, G.outline] {
            let scalar = glyph.unicodeScalars.first!
            #expect(glyph.unicodeScalars.count == 1 && DisplayWidth.isSimple(scalar.value), "\(glyph)")
            #expect(DisplayWidth.of(glyph) == 1 && !glyph.isLetter && !glyph.isNumber, "\(glyph)")
        }
    }

    @Test("Every region has a patch on a figure, and no cell belongs to two regions")
    func everyRegionIsDrawn() {
        for region in Region.all {
            #expect((map.spots[region]?.count ?? 0) >= 2, "\(region.name) has no patch of two cells")
        }
        let all = map.spots.values.flatMap { $0 }
        #expect(Set(all).count == all.count)
        #expect(all.allSatisfy { $0.x < BodyMap.width && $0.y < BodyMap.height })
    }

    @Test("Every mark the map draws, the · outline too, has a legend entry that fits the 80x24 panel")
    func legendCoversEveryMark() {
        let marks: [Character] = [BodyMap.Glyph.plain, BodyMap.Glyph.worked, BodyMap.Glyph.selected, BodyMap.Glyph.avoid,
                                  BodyMap.Glyph.active, BodyMap.Glyph.outline, "⚠", "6"]
        #expect(Set(BodyMap.legend.map(\.mark)) == Set(marks.map(String.init)))
        // The map panel at 80x24 has 30 columns and two rows for the legend; larger ones more.
        for (width, rows) in [(30, 2), (40, 3), (60, 2), (100, 1)] {
            let lines = BodyMap.legendLines(width: width, maxLines: rows)
            #expect(lines.count <= rows)
            #expect(lines.allSatisfy { DisplayWidth.of($0) <= width }, "\(lines)")
            let text = lines.joined(separator: " ")
            for mark in marks { #expect(text.contains(mark), "\(mark) missing at \(width)x\(rows): \(lines)") }
        }
        #expect(BodyMap.legendLines(width: 60, maxLines: 4).joined().contains("outline"), "words where there is room")
        #expect(BodyMap.legendLines(width: 0, maxLines: 2).isEmpty)
    }

    @Test("The legend's lines kept for a size are the lines flowed for it, through more sizes than are kept")
    func legendKeptAsFlowed() {
        for pass in 0..<2 {
            for width in 1...90 {
                for rows in [1, 2, 3, 5] {
                    #expect(BodyMap.legendLines(width: width, maxLines: rows) == BodyMap.flowLegend(width: width, maxLines: rows),
                            "\(width)x\(rows), pass \(pass)")
                }
            }
        }
    }

    @Test("From any region, moving reaches every other region")
    func movesReachEverything() {
        var seen: Set<Region> = [Region.all[0]]
        var queue = [Region.all[0]]
        while let region = queue.popLast() {
            for direction in BodyMap.Direction.allCases {
                let next = map.move(region, direction)
                if seen.insert(next).inserted { queue.append(next) }
            }
        }
        #expect(seen == Set(Region.all))
    }

    @Test("Moves go where a therapist expects on the figures")
    func spatialMoves() throws {
        func r(_ a: BodyArea, _ s: Side) -> Region { Region(a, s)! }
        // Back figure: left is on the viewer's left, the spine runs down the middle.
        #expect(map.move(r(.upperBack, .left), .right) == Region(.thoracicSpine))
        #expect(map.move(Region(.thoracicSpine)!, .right) == r(.upperBack, .right))
        #expect(map.move(Region(.cervicalSpine)!, .down) == Region(.thoracicSpine))
        #expect(map.move(Region(.lumbarSpine)!, .down) == Region(.sacrum))
        #expect(map.move(r(.thighBack, .left), .down) == r(.calf, .left))
        // Front figure: the client's right is on the viewer's left.
        #expect(map.move(r(.chest, .right), .right) == r(.chest, .left))
        #expect(map.move(r(.knee, .left), .down) == r(.shin, .left))
        #expect(map.move(r(.thighFront, .right), .up) == r(.hip, .right))
        // From the front figure's right edge, right goes on to the back figure.
        #expect(map.spots[map.move(r(.upperArm, .left), .right)]?.first.map { $0.x >= BodyMap.backOffset } == true)
    }

    @Test("Jump letters name every area once; jumping again flips the side")
    func jumpLetters() throws {
        #expect(Set(BodyMap.areaLetters.map(\.0)) == Set(BodyArea.allCases))
        #expect(Set(BodyMap.areaLetters.map(\.1)).count == BodyArea.allCases.count)
        let leftShoulder = try #require(Region(.shoulder, .left))
        #expect(BodyMap.jump(to: .gluteal, from: leftShoulder) == Region(.gluteal, .left))
        #expect(BodyMap.jump(to: .shoulder, from: leftShoulder) == Region(.shoulder, .right))
        #expect(BodyMap.jump(to: .sacrum, from: leftShoulder) == Region(.sacrum))
        #expect(BodyMap.jump(to: .knee, from: Region(.sacrum)!) == Region(.knee, .left))
    }

    @Test("Big digits are five rows, every row as wide as the first")
    func bigDigits() {
        let lines = BigDigits.lines("1:02:59")
        #expect(lines.count == 5)
        #expect(Set(lines.map { DisplayWidth.of($0) }).count == 1)
        #expect(BigDigits.width("00:00") == 4 * 3 + 1 + 4)
    }
}
