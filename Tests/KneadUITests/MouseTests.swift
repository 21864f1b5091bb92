import Foundation
import Testing
import KneadCore
@testable import KneadUI

/// Clicks and the wheel, in process: a click at the cell where a thing is drawn chooses it.
@Suite("Mouse")
struct MouseTests {
    func fixture(mouse: Bool = true) throws -> AppFixture {
        let f = try AppFixture()
        f.app.settings.mouse = mouse
        return f
    }

    func click(_ f: AppFixture, x: Int, y: Int) { f.app.handle(.mouse(MouseEvent(.left, x: x, y: y))) }

    /// The row of the first line that contains `text`.
    func row(of text: String, in frame: Frame) -> Int? {
        frame.canvas.lines.firstIndex { $0.contains(text) }
    }

    @Test func clickingARegionOnTheBodyMapSelectsIt() throws {
        let f = try fixture()
        f.press(.character("y"))  // resume the session in treatment
        for (width, height) in [(80, 24), (120, 40)] {
            _ = f.frame(width, height)
            let placement = try #require(f.app.mouseTargets.bodyMap)
            for region in [Region.all[3], Region.all[Region.all.count / 2], Region.all[Region.all.count - 1]] {
                let spot = try #require(BodyMap.standard.spots[region]?.last)
                let cell = Point(x: placement.origin.x + spot.x * placement.scale, y: placement.origin.y + spot.y * placement.scale)
                click(f, x: cell.x, y: cell.y)
                #expect(f.app.treatment.selected == region, "\(width)x\(height): \(region.name)")
                let frame = f.frame(width, height)
                #expect(frame.canvas[cell.x, cell.y].text == "█" || frame.canvas[cell.x, cell.y].role == .selected,
                        "the clicked region is drawn highlighted")
                #expect(frame.canvas.lines.joined().contains("▸ " + region.name))
            }
        }
    }

    @Test func clickingOutsideTheFiguresChangesNothing() throws {
        let f = try fixture()
        f.press(.character("y"))
        _ = f.frame(80, 24)
        let before = f.app.treatment.selected
        click(f, x: 1, y: 1)
        click(f, x: 79, y: 22)
        #expect(f.app.treatment.selected == before)
    }

    @Test func clickingARowOnTodayHighlightsIt() throws {
        let f = try fixture()
        f.press(.character("n"))  // decline the resume offer
        let frame = f.frame(80, 24)
        let rows = f.app.home.rows
        try #require(rows.count >= 2)
        let y = try #require(row(of: rows[1].client.name, in: frame))
        click(f, x: 30, y: y)
        #expect(f.app.home.selection == 1)
        let after = f.frame(80, 24)
        #expect(after.canvas.lines[y].contains("▸ "))
    }

    @Test func theWheelMovesTheHighlight() throws {
        let f = try fixture()
        f.press(.character("n"))
        _ = f.frame(80, 24)
        f.app.handle(.mouse(MouseEvent(.wheelDown, x: 10, y: 10)))
        #expect(f.app.home.selection == 1)
        f.app.handle(.mouse(MouseEvent(.wheelUp, x: 10, y: 10)))
        #expect(f.app.home.selection == 0)
    }

    @Test func clickingAClientRowHighlightsIt() throws {
        let f = try fixture()
        f.press(.character("n"), .character("c"))
        #expect(f.app.screen == .clients)
        let frame = f.frame(80, 24)
        let rows = try #require((f.app.current as? ClientsScreen)?.rows)
        try #require(rows.count >= 3)
        let y = try #require(row(of: rows[2].client.displayName, in: frame))
        click(f, x: 10, y: y)
        #expect((f.app.current as? ClientsScreen)?.selection == 2)
    }

    @Test func clickingAThemeInThePickerAppliesIt() throws {
        let f = try fixture()
        f.app.themeLoader = ThemeLoader(folders: [.init(url: ThemeTests.themesFolder, label: "checkout")])
        f.press(.character("n"), .character("T"))
        let frame = f.frame(80, 24)
        let y = try #require(row(of: "light", in: frame))
        let x = try #require(frame.canvas.lines[y].range(of: "light")).lowerBound.utf16Offset(in: frame.canvas.lines[y])
        click(f, x: x, y: y)
        #expect(f.app.theme.name == "light")
    }

    @Test func withTheMouseOffClicksAreIgnoredAndKeysWorkAsBefore() throws {
        let f = try fixture(mouse: false)
        f.press(.character("n"))
        let frame = f.frame(80, 24)
        let y = try #require(row(of: f.app.home.rows[1].client.name, in: frame))
        click(f, x: 30, y: y)
        f.app.handle(.mouse(MouseEvent(.wheelDown, x: 10, y: 10)))
        #expect(f.app.home.selection == 0)
        f.press(.down)
        #expect(f.app.home.selection == 1)
    }

    @Test func anyClickRestoresABlankedScreen() throws {
        let f = try fixture()
        f.press(.character("n"), .character("b"))
        #expect(f.app.overlays.last is BlankOverlay)
        f.app.handle(.mouse(MouseEvent(.right, x: 3, y: 3)))
        #expect(f.app.overlays.isEmpty)
    }
}
