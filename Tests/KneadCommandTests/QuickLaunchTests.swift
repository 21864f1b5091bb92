import ArgumentParser
import Testing
@testable import knead

/// The everyday launches skip the root's command tree; they must mean what the full parse means,
/// and everything else must still go through it.
@Suite("Parsing the everyday launches on their own command")
struct QuickLaunchTests {
    @Test("knead, --data-dir, run and demo parse to the same command as the full parse")
    func sameAsFullParse() throws {
        for arguments in [[], ["--data-dir", "/tmp/x"], ["--data-dir=/tmp/x", "--mouse"], ["run", "--data-dir", "/d"],
                          ["--therapist", "Sam", "--minutes", "45", "--no-show-names"]] {
            let quick = try #require(QuickLaunch.command(arguments) as? Knead.Run, "\(arguments)")
            let full = try #require(try Knead.parseAsRoot(arguments) as? Knead.Run)
            #expect(quick.dataDir == full.dataDir)
            #expect(quick.options.therapist == full.options.therapist && quick.options.minutes == full.options.minutes
                    && quick.options.showNames == full.options.showNames && quick.options.mouse == full.options.mouse)
        }
        let demo = try #require(QuickLaunch.command(["demo", "--keep"]) as? Knead.Demo)
        #expect(demo.keep)
    }

    @Test("Help, version, other subcommands and refused arguments are left to the full parse")
    func leftToFullParse() {
        for arguments in [["--help"], ["-h"], ["help"], ["--version"], ["run", "--help"], ["review"], ["search", "x"],
                          ["--minutes", "9999"], ["--data-dir"], ["--no-such-option"], ["demo", "--data-dir", "x"],
                          ["--generate-completion-script", "bash"], ["--", "x"]] {
            #expect(QuickLaunch.command(arguments) == nil, "\(arguments)")
        }
    }
}
