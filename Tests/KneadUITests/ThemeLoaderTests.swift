import Foundation
import Testing
@testable import KneadUI

/// Where themes are found, in what order, and what the therapist is told when they are not.
@Suite("Theme search order")
final class ThemeLoaderTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("knead-themes-\(UUID().uuidString)")

    deinit { try? FileManager.default.removeItem(at: root) }

    /// Writes the default theme's text under another name, so the test can see which file won.
    func theme(_ name: String, in folder: String, file: String = "default") throws {
        let url = root.appendingPathComponent(folder)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let text = BuiltInTheme.defaultText.replacingOccurrences(of: "name = \"default\"", with: "name = \"\(name)\"")
        try text.write(to: url.appendingPathComponent("\(file).theme"), atomically: true, encoding: .utf8)
    }

    func standard(_ environment: [String: String]) -> ThemeLoader {
        ThemeLoader.standard(environment: environment, executablePath: root.path + "/prefix/bin/knead",
                             currentDirectory: root.appendingPathComponent("cwd").path)
    }

    @Test func theSearchOrderIsUserThenEnvironmentThenInstalledThenCheckoutThenCurrentFolder() {
        let loader = standard(["HOME": root.path + "/home", "XDG_CONFIG_HOME": root.path + "/config", "KNEAD_THEMES_DIR": root.path + "/env"])
        let paths = loader.searchPaths.map(\.path)
        #expect(paths.count == 5)
        #expect(paths[0] == root.path + "/config/knead/themes")
        #expect(paths[1] == root.path + "/env")
        #expect(paths[2] == root.path + "/prefix/share/knead/Themes")
        #expect(paths[3].hasSuffix("/Themes") && FileManager.default.fileExists(atPath: paths[3] + "/default.theme"), "the checkout")
        #expect(paths[4] == root.path + "/cwd/Themes")
        #expect(loader.folders.map(\.label) == ["your themes", "KNEAD_THEMES_DIR", "installed", "checkout", "current folder"])
    }

    @Test func withoutXDGConfigHomeTheUserFolderIsUnderHome() {
        let loader = standard(["HOME": root.path + "/home"])
        #expect(loader.searchPaths.first?.path == root.path + "/home/.config/knead/themes")
        #expect(loader.searchPaths.count == 4, "no KNEAD_THEMES_DIR")
    }

    @Test func anInstalledBinaryFindsShareKneadThemesBeforeTheCheckout() throws {
        try theme("installed copy", in: "prefix/share/knead/Themes")
        let loaded = standard(["HOME": root.path + "/home"]).load("default")
        #expect(loaded.theme.name == "installed copy")
        #expect(loaded.notice == nil)
    }

    @Test func theUserFolderWinsOverEverythingElse() throws {
        try theme("installed copy", in: "prefix/share/knead/Themes")
        try theme("env copy", in: "env")
        try theme("my copy", in: "config/knead/themes")
        let environment = ["HOME": root.path + "/home", "XDG_CONFIG_HOME": root.path + "/config", "KNEAD_THEMES_DIR": root.path + "/env"]
        #expect(standard(environment).load("default").theme.name == "my copy")
        try FileManager.default.removeItem(at: root.appendingPathComponent("config"))
        #expect(standard(environment).load("default").theme.name == "env copy")
    }

    @Test func withNoThemeFolderAtAllTheBuiltInDefaultIsUsedAndTheTherapistIsTold() {
        let loader = ThemeLoader(searchPaths: [root.appendingPathComponent("none"), root.appendingPathComponent("nothing")])
        let loaded = loader.load("default")
        #expect(loaded.theme == BuiltInTheme.default)
        #expect(loaded.notice?.contains("built-in copy of the default theme") == true)
        #expect(loader.choices().map(\.name) == ["default"])
        #expect(loader.choices().first?.origin == "built in")
    }

    @Test func aBrokenFileFallsBackAndNamesTheProblem() throws {
        let folder = root.appendingPathComponent("broken")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "name = \"x\"\n[roles.normal]\nfg = \"red\"\n".write(to: folder.appendingPathComponent("x.theme"), atomically: true, encoding: .utf8)
        let loaded = ThemeLoader(searchPaths: [folder]).load("x")
        #expect(loaded.theme == BuiltInTheme.default)
        #expect(loaded.notice?.contains("missing roles") == true)
        #expect(loaded.notice?.contains("Using the built-in default theme.") == true)
    }

    @Test func choicesListEveryThemeOnceWithItsOriginAndBrokenFilesWithTheirError() throws {
        try theme("mine", in: "config/knead/themes", file: "sunset")
        try theme("my default", in: "config/knead/themes", file: "default")
        try "not toml [".write(to: root.appendingPathComponent("config/knead/themes/broken.theme"), atomically: true, encoding: .utf8)
        let choices = standard(["HOME": root.path, "XDG_CONFIG_HOME": root.path + "/config"]).choices()
        let names = choices.map(\.name)
        #expect(names.first == "default")
        #expect(Set(["dim-room", "light", "high-contrast", "monochrome", "sunset", "broken"]).isSubset(of: Set(names)))
        #expect(names.count == Set(names).count, "each name once")
        #expect(choices.first { $0.name == "default" }?.theme?.name == "my default", "the user's file shadows the shipped one")
        #expect(choices.first { $0.name == "sunset" }?.origin == "your themes")
        #expect(choices.first { $0.name == "dim-room" }?.origin == "checkout")
        let broken = try #require(choices.first { $0.name == "broken" })
        #expect(broken.theme == nil)
        if case .failure(let error) = broken.result {
            #expect(error.description.contains("broken.theme"))
        } else {
            Issue.record("a broken file must carry its error")
        }
    }
}
