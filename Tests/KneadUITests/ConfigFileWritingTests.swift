import Foundation
import Testing
@testable import KneadUI

@Suite("Config file: writing the theme kept in the picker")
struct ConfigFileWritingTests {
    @Test func replacesTheTopLevelThemeLine() {
        let text = "# my settings\ntherapist = \"Sam\"\ntheme = \"light\"   # for the day room\n\n[keys]\ntheme = \"x\"\n"
        #expect(ConfigFile.setting(theme: "dim-room", in: text)
            == "# my settings\ntherapist = \"Sam\"\ntheme = \"dim-room\"\n\n[keys]\ntheme = \"x\"\n")
    }

    @Test func insertsBeforeTheFirstTableWhenThereIsNoThemeLine() {
        let text = "therapist = \"Sam\"\nthemes_dir = \"/x\"\n\n[keys]\ntheme = \"x\"\n"
        #expect(ConfigFile.setting(theme: "light", in: text)
            == "therapist = \"Sam\"\nthemes_dir = \"/x\"\n\ntheme = \"light\"\n[keys]\ntheme = \"x\"\n")
    }

    @Test func appendsWhenThereIsNoTable() {
        #expect(ConfigFile.setting(theme: "light", in: "mouse = true") == "mouse = true\ntheme = \"light\"\n")
        #expect(ConfigFile.setting(theme: "light", in: "") == "theme = \"light\"\n")
        #expect(ConfigFile.setting(theme: "a\"b", in: "") == "theme = \"a\\\"b\"\n")
    }

    @Test func keepsEveryOtherLineByteForByte() throws {
        let lines = ["# Knead  ", "\ttherapist = 'Sam'  ", "theme=\"default\"\r", "minutes = 50", "", "[advice]", "extra = [\"a\"]"]
        let text = lines.joined(separator: "\n")
        let result = ConfigFile.setting(theme: "monochrome", in: text).unicodeScalars
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
        try ConfigFile(path: file.path, isExplicit: false).saveTheme("dim-room")
        #expect(try String(contentsOf: file, encoding: .utf8) == "theme = \"dim-room\"\n")
        let fileMode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        let folderMode = try FileManager.default.attributesOfItem(atPath: file.deletingLastPathComponent().path)[.posixPermissions] as? Int
        #expect(fileMode == 0o600)
        #expect(folderMode == 0o700)

        try "# mine\nmouse = true\n[keys]\n".write(to: file, atomically: true, encoding: .utf8)
        try ConfigFile(path: file.path, isExplicit: false).saveTheme("light")
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
            try ConfigFile(path: root.appendingPathComponent("knead/config.toml").path, isExplicit: false).saveTheme("light")
        } throws: { error in
            "\(error)".contains("is a file, not a folder")
        }
    }

    /// What one type writes, the same type reads back: the theme kept, every other setting and
    /// the user's comments as they were, the file still private.
    @Test func whatIsWrittenReadsBack() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("knead-pref-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let file = ConfigFile(path: root.appendingPathComponent("knead/config.toml").path, isExplicit: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("knead"), withIntermediateDirectories: true)
        let text = "# the front room\ntherapist = \"Sam Rivera\"\ntheme = \"light\"\nmouse = true\n\n[keys.today]\nnew-session = \"w\"\n"
        try text.write(toFile: file.path, atomically: true, encoding: .utf8)
        try file.saveTheme("dim-room")
        let reading = file.read()
        #expect(reading.diagnostics.isEmpty, "\(reading.diagnostics)")
        #expect(reading.config.theme == "dim-room")
        #expect(reading.config.therapist == "Sam Rivera")
        #expect(reading.config.mouse == true)
        #expect(reading.config.keymap.action(for: .character("w"), in: .today) == .newSession)
        #expect(try String(contentsOfFile: file.path, encoding: .utf8) == text.replacingOccurrences(of: "\"light\"", with: "\"dim-room\""))
        #expect(try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int == 0o600)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("knead").path)
        #expect(leftovers == ["config.toml"], "no temporary file is left beside it")
    }
}
