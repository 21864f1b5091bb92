import Foundation
import Testing
import KneadCore
@testable import KneadUI

/// The theme picker: reached with T from Today, every theme applied as the highlight moves,
/// Enter keeps it (and asks for it to be remembered), Esc puts the old one back.
@Suite("Theme picker")
final class ThemePickerTests {
    let userThemes = FileManager.default.temporaryDirectory.appendingPathComponent("knead-picker-\(UUID().uuidString)")

    deinit { try? FileManager.default.removeItem(at: userThemes) }

    /// The demo practice on Today, with the shipped themes and a folder of the therapist's own:
    /// one good theme and one broken file.
    func fixture() throws -> AppFixture {
        try FileManager.default.createDirectory(at: userThemes, withIntermediateDirectories: true)
        let sunset = BuiltInTheme.defaultText.replacingOccurrences(of: "name = \"default\"", with: "name = \"sunset\"")
            .replacingOccurrences(of: "[roles.selected]\nfg = \"black\"\nbg = \"cyan\"", with: "[roles.selected]\nfg = \"black\"\nbg = \"208\"")
        try sunset.write(to: userThemes.appendingPathComponent("sunset.theme"), atomically: true, encoding: .utf8)
        try "name = \"half\"\n[roles.normal]\nfg = \"red\"\n".write(to: userThemes.appendingPathComponent("half.theme"),
                                                                 atomically: true, encoding: .utf8)
        let f = try AppFixture()
        f.app.themeLoader = ThemeLoader(folders: [
            .init(url: userThemes, label: "your themes"),
            .init(url: ThemeTests.themesFolder, label: "checkout"),
        ])
        f.press(.character("n"))  // decline the resume offer
        return f
    }

    var pickerState: (KneadApp) -> ThemePicker? = { app in
        app.themePickerOverlay?.picker
    }

    @Test func snapshots() throws {
        let f = try fixture()
        f.press(.character("T"))
        #expect(pickerState(f.app) != nil)
        assertSnapshot(f.frame(80, 24), named: "theme-picker-80x24")
        f.press(.down)
        assertSnapshot(f.frame(120, 40), named: "theme-picker-120x40")
    }

    @Test func thePreviewShowsEveryStyleRole() throws {
        let f = try fixture()
        f.press(.character("T"))
        for (width, height) in [(80, 24), (120, 40)] {
            let canvas = f.frame(width, height).canvas
            let layout = ThemePickerLayout(width: width, height: height)
            var shown = Set<StyleRole>()
            for y in layout.preview.y..<layout.preview.maxY {
                for x in (layout.preview.x - 2)..<layout.preview.maxX { shown.insert(canvas[x, y].role) }
            }
            #expect(shown == Set(StyleRole.allCases), "\(width)x\(height) lacks \(Set(StyleRole.allCases).subtracting(shown))")
        }
    }

    @Test func movingAppliesTheThemeAndEscPutsTheOldOneBack() throws {
        let f = try fixture()
        let before = f.app.theme
        f.press(.character("T"))
        #expect(pickerState(f.app)?.highlighted?.name == "default")
        f.press(.down)
        #expect(f.app.theme.name == "dim-room", "the broken 'half' is skipped and dim-room applied at once")
        f.press(.down)
        #expect(f.app.theme.name == "high-contrast")
        f.press(.escape)
        #expect(f.app.theme == before)
        #expect(f.app.themeName == "default")
        #expect(pickerState(f.app) == nil)
        #expect(f.app.status?.text == "Theme unchanged: default.")
    }

    @Test func brokenFilesAreListedWithTheirErrorButCannotBeChosen() throws {
        let f = try fixture()
        f.press(.character("T"))
        let picker = try #require(pickerState(f.app))
        let half = try #require(picker.choices.firstIndex { $0.name == "half" })
        #expect(picker.choices[half].theme == nil)
        var moved = picker
        let selectable = moved.select(row: half)
        #expect(!selectable)
        let text = f.frame(80, 24).canvas.lines.joined(separator: "\n")
        #expect(text.contains("✗ half"))
        #expect(text.contains("half.theme in your themes: missing roles"))
    }

    @Test func enterKeepsTheThemeAndAsksForItToBeRemembered() throws {
        let f = try fixture()
        var remembered: [String] = []
        f.app.onThemeChosen = { name in
            remembered.append(name)
            return nil
        }
        f.press(.character("T"))
        for _ in 0..<4 { f.press(.down) }  // dim-room, high-contrast, light, monochrome
        f.press(.enter)
        #expect(remembered == ["monochrome"])
        #expect(f.app.theme.name == "monochrome")
        #expect(f.app.themeName == "monochrome")
        #expect(f.app.status?.text == "Theme monochrome kept; knead starts with it next time.")
        // Opening again starts on the theme in use.
        f.press(.character("T"))
        #expect(pickerState(f.app)?.highlighted?.name == "monochrome")
    }

    @Test func aThemeThatCannotBeSavedIsStillUsedAndTheTherapistIsTold() throws {
        let f = try fixture()
        f.app.onThemeChosen = { _ in "/home/x/.config/knead is not writable." }
        f.press(.character("T"), .down, .enter)
        #expect(f.app.theme.name == "dim-room")
        #expect(f.app.status?.kind == .error)
        #expect(f.app.status?.text.contains("not saved for next time: /home/x/.config/knead is not writable.") == true)
    }

    @Test func theUsersOwnThemeIsOfferedWithItsOrigin() throws {
        let f = try fixture()
        f.press(.character("T"))
        let text = f.frame(120, 40).canvas.lines.joined(separator: "\n")
        #expect(text.contains("sunset"))
        #expect(text.contains("your themes"))
        for _ in 0..<6 { f.press(.down) }
        #expect(f.app.theme.name == "sunset")
        #expect(f.app.theme.style(.selected).background == .indexed(208))
    }
}
