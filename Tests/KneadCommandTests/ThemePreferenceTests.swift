import Foundation
import KneadUI
import Testing
@testable import knead

@Suite("Theme preference in config.toml")
struct ThemePreferenceTests {
    @Test func replacesTheTopLevelThemeLine() {
        let text = "# my settings\ntherapist = \"Sam\"\ntheme = \"light\"   # for the day room\n\n[keys]\ntheme = \"x\"\n"
        #expect(ThemePreference.setting("dim-room", in: text)
            == "# my settings\ntherapist = \"Sam\"\ntheme = \"dim-room\"\n\n[keys]\ntheme = \"x\"\n")
    }

    @Test func insertsBeforeTheFirstTableWhenThereIsNoThemeLine() {
        let text = "therapist = \"Sam\"\nthemes_dir = \"/x\"\n\n[keys]\ntheme = \"x\"\n"
        #expect(ThemePreference.setting("light", in: text)
            == "therapist = \"Sam\"\nthemes_dir = \"/x\"\n\ntheme = \"light\"\n[keys]\ntheme = \"x\"\n")
    }

    @Test func appendsWhenThereIsNoTable() {
        #expect(ThemePreference.setting("light", in: "mouse = true") == "mouse = true\ntheme = \"light\"\n")
        #expect(ThemePreference.setting("light", in: "") == "theme = \"light\"\n")
        #expect(ThemePreference.setting("a\"b", in: "") == "theme = \"a\\\"b\"\n")
    }

    @Test func keepsEveryOtherLineByteForByte() throws {
        let lines = ["# Knead  ", "\ttherapist = 'Sam'  ", "theme=\"default\"\r", "minutes = 50", "", "[advice]", "extra = [\"a\"]"]
        let text = lines.joined(separator: "\n")
        let result = ThemePreference.setting("monochrome", in: text).unicodeScalars
            .split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
        try #require(result.count == lines.count)
        for (i, line) in lines.enumerated() where i != 2 { #expect(result[i] == line) }
        #expect(result[2] == "theme = \"monochrome\"\r")
    }

    @Test func createsAPrivateFileInAPrivateFolder() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("knead-pref-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let file = URL(fileURLWithPath: ConfigFile.locate(option: nil, environment: ["XDG_CONFIG_HOME": root.path, "HOME": "/nonexistent"]).path)
        #expect(file.path == root.path + "/knead/config.toml")
        try ThemePreference.save("dim-room", to: file)
        #expect(try String(contentsOf: file, encoding: .utf8) == "theme = \"dim-room\"\n")
        let fileMode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        let folderMode = try FileManager.default.attributesOfItem(atPath: file.deletingLastPathComponent().path)[.posixPermissions] as? Int
        #expect(fileMode == 0o600)
        #expect(folderMode == 0o700)

        try "# mine\nmouse = true\n[keys]\n".write(to: file, atomically: true, encoding: .utf8)
        try ThemePreference.save("light", to: file)
        #expect(try String(contentsOf: file, encoding: .utf8) == "# mine\nmouse = true\ntheme = \"light\"\n[keys]\n")
        let after = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(after == 0o600)
    }

    @Test func aFileInTheWayIsASentence() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("knead-pref-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try "x".write(to: root.appendingPathComponent("knead"), atomically: true, encoding: .utf8)
        #expect {
            try ThemePreference.save("light", to: root.appendingPathComponent("knead/config.toml"))
        } throws: { error in
            "\(error)".contains("is a file, not a folder")
        }
    }
}
