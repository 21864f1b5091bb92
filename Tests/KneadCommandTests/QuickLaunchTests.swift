import ArgumentParser
import Testing
@testable import knead

/// The everyday launch is read without swift-argument-parser; it must mean what the full parse
/// means, and everything else must still go through the full parse.
@Suite("Reading the everyday launch without the argument parser")
struct QuickLaunchTests {
    @Test("knead, --data-dir DIR, --data-dir=DIR and run --data-dir DIR mean what the full parse makes of them")
    func sameAsFullParse() throws {
        for arguments in [[], ["--data-dir", "/tmp/x"], ["--data-dir=/tmp/my data"], ["run", "--data-dir", "/d"], ["run"]] {
            let quick = try #require(QuickLaunch.launch(arguments, environment: [:]), "\(arguments)")
            let full = try #require(try Knead.parseAsRoot(arguments) as? Knead.Run)
            #expect(quick.dataDir == full.dataDir, "\(arguments)")
            #expect(full.options.choices == AppChoices(), "no other option was given")
        }
    }

    @Test("Help, version, other options and subcommands, and what the full parse refuses are left to it")
    func leftToFullParse() {
        for arguments in [["--help"], ["-h"], ["help"], ["--version"], ["run", "--help"], ["review"], ["search", "x"],
                          ["demo"], ["--minutes", "45"], ["--data-dir"], ["--data-dir", " "], ["--data-dir="],
                          ["--data-dir", "-x"], ["--data-dir", "/d", "--mouse"], ["--no-such-option"], ["--", "x"],
                          ["--generate-completion-script", "bash"], ["run", "run"]] {
            #expect(QuickLaunch.launch(arguments, environment: [:]) == nil, "\(arguments)")
        }
        #expect(QuickLaunch.launch([], environment: ["KNEAD_THERAPIST": "Sam\u{1B}[2J"]) == nil,
                "the full parse says what is wrong with KNEAD_THERAPIST")
        #expect(QuickLaunch.launch([], environment: ["KNEAD_THERAPIST": "Sam"]) == Launch(dataDir: nil))
    }

    typealias Launch = QuickLaunch.Launch
}
