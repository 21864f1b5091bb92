import Foundation
import Testing
@testable import KneadUI

@Suite("Keymap")
struct KeymapTests {
    @Test func theShippedTableHasNoConflicts() throws {
        let keymap = try Keymap(Keymap.standardBindings)
        #expect(keymap.action(for: .character("5"), in: .treatment) == .checkIn(5))
        #expect(keymap.action(for: .character("x"), in: .treatment) == .checkIn(10))
        #expect(keymap.action(for: .character("?"), in: .treatment) == .help)
    }

    @Test func aKeyBoundTwiceInOneContextIsRefusedNamingBoth() {
        let bindings = [
            Binding(.treatment, .endWork, [.character("e")], "end work"),
            Binding(.treatment, .quickNote, [.character("e")], "note"),
        ]
        #expect(throws: KeymapConflict.self) { try Keymap(bindings) }
        do {
            _ = try Keymap(bindings)
        } catch {
            #expect(error.description.contains("end-work"))
            #expect(error.description.contains("quick-note"))
        }
    }

    @Test func theSameKeyInTwoContextsIsFine() throws {
        let keymap = try Keymap([
            Binding(.treatment, .endWork, [.character("e")], "end work"),
            Binding(.today, .newSession, [.character("e")], "new"),
        ])
        #expect(keymap.action(for: .character("e"), in: .today) == .newSession)
    }

    @Test func everyTreatmentActionNeedsNoModifier() {
        for binding in Keymap.standardBindings where binding.context == .treatment {
            #expect(binding.keys.contains { if case .control = $0 { false } else { true } },
                    "\(binding.action.name) needs a modifier")
        }
    }

    @Test func keybindingsFileIsInStepWithTheTable() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("KEYBINDINGS.md")
        let markdown = Keymap.standard().markdown
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try markdown.write(to: file, atomically: true, encoding: .utf8)
        }
        let onDisk = try String(contentsOf: file, encoding: .utf8)
        #expect(onDisk == markdown, "KEYBINDINGS.md is out of date: run RECORD_SNAPSHOTS=1 swift test --filter KeymapTests")
    }
}
