import Foundation
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

    @Test("A blank folder is told from the others as Foundation's whitespace trimming tells it, scalar by scalar")
    func blankAsFoundationSays() {
        var texts = ["", " ", "\t", " \t ", "a", " a ", "\n", " \n", "\r", "\u{A0}", "\u{3000}\u{2003}", "\u{2028}", "\u{200B}", "\u{FEFF}", "\u{85}"]
        for value in 0...0x2FFFF { if let scalar = Unicode.Scalar(value) { texts.append(String(scalar)) } }
        for text in texts {
            #expect(QuickLaunch.isBlank(text) == text.trimmingCharacters(in: .whitespaces).isEmpty,
                    "U+\(text.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " U+"))")
        }
        #expect(QuickLaunch.launch(["--data-dir", "\u{3000}"], environment: [:]) == nil)
        #expect(QuickLaunch.launch(["--data-dir", "\u{2028}"], environment: [:]) == Launch(dataDir: "\u{2028}"))
    }

    typealias Launch = QuickLaunch.Launch
}
