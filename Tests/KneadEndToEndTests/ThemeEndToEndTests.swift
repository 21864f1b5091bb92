import Foundation
import Testing

extension EndToEnd {
    @Suite("Theme picker and mouse, in the built binary")
    struct Themes {
        @Test("T, ↓, Enter keeps dim-room and writes it to config.toml, private")
        func pickerRemembersTheTheme() throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            let pty = try knead.start()
            defer { pty.terminate() }
            try pty.waitFor("No sessions yet today.")
            try pty.send("T")
            try pty.waitFor("Preview of default")
            try pty.send(key: .down)
            try pty.waitFor("Preview of dim-room")
            try pty.send(key: .enter)
            try pty.waitFor("Theme dim-room kept")
            let file = knead.home.appendingPathComponent("xdg-config/knead/config.toml")
            #expect(try String(contentsOf: file, encoding: .utf8) == "theme = \"dim-room\"\n")
            let fileMode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
            let folderMode = try FileManager.default.attributesOfItem(atPath: file.deletingLastPathComponent().path)[.posixPermissions] as? Int
            #expect(fileMode == 0o600)
            #expect(folderMode == 0o700)
            try pty.send(key: .ctrlC)
            #expect(try pty.waitForExit() == .exited(0))
        }

        @Test("with --mouse a click chooses a row on Today; without it the terminal is not asked for mouse reports")
        func mouseClickChoosesARow() throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            // At a fixed hour: the demo's day of sessions is on Today only from 04:30 (see the night's test).
            let pty = try knead.start(["demo", "--mouse"], extraEnvironment: ["KNEAD_DEV_CLOCK": "2031-02-28T15:30:00Z"])
            defer { pty.terminate() }
            try pty.waitFor("María José García")
            #expect(pty.rawOutput.lastRange(of: "\u{1B}[?1006;1000h") != nil, "mouse reporting turned on")
            let row = try #require(pty.screenLines.firstIndex { $0.contains("María José García") })
            // An SGR mouse press and release of the left button at column 20 of that row (1-based).
            try pty.send("\u{1B}[<0;20;\(row + 1)M\u{1B}[<0;20;\(row + 1)m")
            try pty.waitForScreen("the clicked row highlighted") { lines in lines[row].contains("▸") }
            try pty.send(key: .enter)
            try pty.waitFor("Knead · Signed note · María José García")
            try pty.send(key: .ctrlC)
            #expect(try pty.waitForExit() == .exited(0))
            let on = try #require(pty.rawOutput.lastRange(of: "\u{1B}[?1006;1000h"))
            let off = pty.rawOutput.lastRange(of: "\u{1B}[?1006;1000l")
            #expect(off.map { $0.lowerBound > on.lowerBound } == true, "mouse reporting turned off on the way out")

            let plain = try knead.start()
            defer { plain.terminate() }
            try plain.waitFor("No sessions yet today.")
            #expect(plain.rawOutput.lastRange(of: "1000h") == nil, "no mouse reporting unless asked")
            try plain.send(key: .ctrlC)
            _ = try plain.waitForExit()
        }
    }
}
