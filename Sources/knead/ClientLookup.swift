import ArgumentParser
import Foundation
import KneadCore

/// Finds the one client a person meant by an id or a part of a name.
enum ClientLookup {
    enum Outcome: Equatable {
        case found(Client)
        case none
        case ambiguous([Client])
    }

    /// In order: the exact id, the exact name, a unique name start (of the name or any word), a
    /// unique part of the name. Case, accents and punctuation are ignored.
    static func find(_ query: String, in clients: [Client]) -> Outcome {
        let wanted = fold(query.trimmingCharacters(in: .whitespaces))
        guard !wanted.isEmpty else { return .none }
        if let exact = clients.first(where: { $0.id.rawValue == query }) { return .found(exact) }
        let names = clients.map { (client: $0, name: fold($0.name), preferred: fold($0.preferredName ?? "")) }
        let rules: [((client: Client, name: String, preferred: String)) -> Bool] = [
            { $0.name == wanted || $0.preferred == wanted },
            { entry in
                entry.name.hasPrefix(wanted) || (!entry.preferred.isEmpty && entry.preferred.hasPrefix(wanted))
                    || entry.name.split(separator: " ").contains { $0.hasPrefix(wanted) }
            },
            { $0.name.contains(wanted) || $0.preferred.contains(wanted) },
        ]
        for rule in rules {
            let matches = names.filter(rule).map(\.client)
            if matches.count == 1 { return .found(matches[0]) }
            if matches.count > 1 { return .ambiguous(matches) }
        }
        return .none
    }

    /// Lowercase without accents; a hyphen is a space and other punctuation is dropped ("O'Brien" is "obrien").
    private static func fold(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        return String(folded.compactMap { c -> Character? in
            if c == "-" { return " " }
            return c.isLetter || c.isNumber || c == " " ? c : nil
        })
    }

    /// The one client CLIENT names on a command line, or the command's end: no match exits 1; several
    /// matches are listed on standard output, id and name a line (data goes where data goes), and
    /// standard error says only how many matched: an error message never carries client data.
    static func resolve(_ query: String, in clients: [Client]) throws -> Client {
        switch find(query, in: clients) {
        case .found(let client): return client
        case .none:
            printError("knead: no client matches \"\(Output.safe(query))\".")
            throw ExitCode(1)
        case .ambiguous(let matches):
            for line in Output.table(matches.map { [$0.id.rawValue, Output.safe($0.name)] }) { StandardOutput.line(line) }
            printError("knead: \"\(Output.safe(query))\" matches \(matches.count) clients, listed on standard output with their ids; "
                       + "give the id or more of the name.")
            throw ExitCode(2)
        }
    }
}
