import Foundation
import Testing

/// libpq and the 21 libraries it brings are opened by the first sync, not by every start of knead
/// (README, Performance: they were half of the CPU a start took).
@Suite("libpq is loaded by a sync, not at start")
struct LibpqOnDemandTests {
    @Test("the knead binary does not ask the dynamic loader for libpq; SQLite and ncurses it does")
    func notLoadedAtStart() throws {
        let knead = try KneadBinary()
        defer { knead.removeHome() }
        // With LD_TRACE_LOADED_OBJECTS the dynamic loader lists what it would load and exits (what
        // ldd does) before any of knead's code runs.
        let run = try knead.runPiped(["--version"], extraEnvironment: ["LD_TRACE_LOADED_OBJECTS": "1"])
        let listed = String(decoding: run.stdout, as: UTF8.self)
        #expect(run.status == 0)
        #expect(listed.contains("libsqlite3"), "the loader's list was not printed: \(listed)")
        #expect(listed.contains("libncursesw"))
        #expect(!listed.contains("libpq"), "knead loads libpq at start: \(listed)")
        #expect(!listed.contains("libkrb5"), "knead loads Kerberos at start: \(listed)")
    }
}
