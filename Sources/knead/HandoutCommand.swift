import ArgumentParser
import Foundation
import KneadCore

extension Knead {
    /// Writes the client's aftercare in plain words.
    struct Handout: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "handout",
            abstract: "Write the client's aftercare advice in plain words, to print or send.",
            discussion: """
            No clinical codes, billing or screening: what to do at home and when to come back. \
            Exit status: 0 written; 1 unknown session or an output file that exists (add --force); 2 bad usage.
            """)

        @OptionGroup var options: DocumentOptions

        func run() throws {
            let state = try options.loadSession(logging: .handout, detail: options.output.map { "to \($0)" } ?? "")
            guard state.aftercare != nil else {
                printError("knead: this session has no aftercare recorded yet; record it in knead first.")
                throw ExitCode(1)
            }
            try options.write(ClientHandout(timeZone: .current).text(state))
        }
    }
}
