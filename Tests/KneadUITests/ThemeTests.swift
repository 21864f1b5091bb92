import Foundation
import Testing
@testable import KneadUI

@Suite("Themes")
struct ThemeTests {
    static let themesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Themes")

    @Test func everyThemeFileLoadsWithEveryRole() throws {
        let files = try FileManager.default.contentsOfDirectory(at: Self.themesFolder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "theme" }
        #expect(!files.isEmpty)
        for file in files {
            let theme = try Theme.parse(try String(contentsOf: file, encoding: .utf8), source: file.lastPathComponent)
            #expect(Set(theme.styles.keys) == Set(StyleRole.allCases), "\(file.lastPathComponent)")
        }
    }

    @Test func builtInCopyIsIdenticalToTheDefaultFile() throws {
        let text = try String(contentsOf: Self.themesFolder.appendingPathComponent("default.theme"), encoding: .utf8)
        #expect(text == BuiltInTheme.defaultText)
    }

    /// The built-in default is a value, so the start parses no TOML for it: it must be exactly what
    /// its text (which the test above keeps equal to the shipped file) parses to.
    @Test func builtInValueIsWhatTheDefaultTextParsesTo() throws {
        #expect(try Theme.parse(BuiltInTheme.defaultText, source: "default.theme") == BuiltInTheme.default)
    }

    @Test func aMissingRoleIsNamed() {
        let toml = "name = \"x\"\n[roles.normal]\nfg = \"red\"\n"
        #expect {
            try Theme.parse(toml, source: "x.theme")
        } throws: { error in
            "\(error)".contains("missing roles") && "\(error)".contains("title")
        }
    }

    @Test func anUnknownColourIsNamed() {
        var toml = BuiltInTheme.defaultText
        toml = toml.replacingOccurrences(of: "fg = \"bright-white\"\nattrs = [\"bold\"]\n\n[roles.border]",
                                         with: "fg = \"chartreuse\"\nattrs = [\"bold\"]\n\n[roles.border]")
        #expect {
            try Theme.parse(toml, source: "bad.theme")
        } throws: { error in
            "\(error)".contains("chartreuse") && "\(error)".contains("bad.theme")
        }
    }

    @Test func aSyntaxErrorGivesTheLine() {
        #expect {
            try Theme.parse("name = \"x\"\n[roles\n", source: "broken.theme")
        } throws: { error in
            "\(error)".contains("broken.theme: line 2")
        }
    }

    @Test func colourParsing() {
        #expect(ThemeColor(parsing: "default") == .default)
        #expect(ThemeColor(parsing: "red") == .indexed(1))
        #expect(ThemeColor(parsing: "bright-blue") == .indexed(12))
        #expect(ThemeColor(parsing: "214") == .indexed(214))
        #expect(ThemeColor(parsing: "#ff0000") == .indexed(196))
        #expect(ThemeColor(parsing: "#808080") == .indexed(244))
        #expect(ThemeColor(parsing: "256") == nil)
        #expect(ThemeColor(parsing: "#12") == nil)
    }

    @Test func loaderFallsBackToTheBuiltInDefaultAndSaysSo() {
        let loader = ThemeLoader(searchPaths: [URL(fileURLWithPath: "/nonexistent")])
        let loaded = loader.load("sunset")
        #expect(loaded.theme == BuiltInTheme.default)
        #expect(loaded.notice?.contains("sunset") == true)
    }
}
