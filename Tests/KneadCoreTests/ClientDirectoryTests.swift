import Foundation
import PropertyBased
import Testing
import KneadCore

/// Pieces that names, phones and typed text are made of: plain Latin, accents and case, Greek,
/// Hangul syllables and loose jamo, Devanagari and Arabic with the marks that folding keeps,
/// emoji with joiners and skin tones, flags, ligatures, full-width and half-width forms, digits
/// and phone punctuation.
enum NamePieces {
    static let all: [String] = [
        "a", "n", "e", "jo", "se", "An", "Ann", "José", "é", "É", "e\u{301}", "ß", "ss", "ﬁ", "Ω", "σ", "ς",
        "가", "각", "\u{1100}", "\u{1161}", "\u{11A8}", "ㄱ", "क", "ि", "्", "र", "प्र", "ب", "\u{64B}", "لا",
        "🇺", "🇸", "👨", "\u{200D}", "👩", "🏽", "ｱ", "ガ", "ﾞ", "İ", "ı", "K", "x\u{20E3}", "-", "'",
        "1", "2", "3", "+", "(", ".", " ",
    ]
    static let phones: [String] = ["", "+45 33 12 34 56", "(612) 345-678", "212.555.0101", "555 1234"]

    static func text(_ indices: [Int]) -> String { indices.map { all[$0] }.joined() }
}

/// One client made of pieces: name, preferred name (or none), phone.
struct PieceClient: Sendable, CustomStringConvertible {
    var name: [Int]
    var preferred: [Int]?
    var phone: Int

    static let generator = zip(Gen.int(in: 0...(NamePieces.all.count - 1)).array(of: 1...4),
                               Gen.int(in: 0...(NamePieces.all.count - 1)).array(of: 0...2),
                               Gen.int(in: 0...(NamePieces.phones.count - 1)))
        .map { PieceClient(name: $0.0, preferred: $0.1.isEmpty ? nil : $0.1, phone: $0.2) }

    func record(_ index: Int) -> ClientRecord {
        ClientRecord(client: Client(id: ClientID("client-\(index)"), name: NamePieces.text(name),
                                    preferredName: preferred.map(NamePieces.text)),
                     phone: NamePieces.phones[phone])
    }

    var description: String { "\(record(0).client.name.debugDescription) / \(preferred.map(NamePieces.text)?.debugDescription ?? "-") / \(NamePieces.phones[phone])" }
}

@Suite("The client directory and find-as-you-type")
struct ClientDirectoryTests {
    /// What the picker matched before the directory: every record's key, folded from the record.
    static func reference(_ records: [ClientRecord], _ typed: String) -> [Int] {
        let words = ClientSearchKey.words(of: typed)
        return records.indices.filter { ClientSearchKey(records[$0]).matches(words) }
    }

    @Test("Typing and deleting letter by letter finds exactly the clients each record's key matches")
    func typingMatchesTheRecords() async {
        // A step adds a piece (0...) or takes away the last character (-1).
        let typing = Gen.int(in: -1...(NamePieces.all.count - 1)).array(of: 1...14)
        await propertyCheck(count: 400, input: PieceClient.generator.array(of: 1...12), typing) { clients, steps in
            let records = clients.enumerated().map { $0.element.record($0.offset) }
            var finder = ClientFinder(ClientDirectory(records))
            var typed = ""
            for step in steps {
                if step < 0 { if !typed.isEmpty { typed.removeLast() } } else { typed += NamePieces.all[step] }
                #expect(finder.matches(typed) == Self.reference(records, typed), "typed \(typed.debugDescription)")
            }
        }
    }

    @Test("Typed from a client's own name, every word of it finds that client among the others")
    func aNameFindsItsClient() async {
        await propertyCheck(count: 200, input: PieceClient.generator.array(of: 1...12), Gen.int(in: 0...11)) { clients, chosen in
            let records = clients.enumerated().map { $0.element.record($0.offset) }
            let target = records[chosen % records.count]
            var finder = ClientFinder(ClientDirectory(records))
            var typed = ""
            for character in target.client.name {
                typed.append(character)
                #expect(finder.matches(typed) == Self.reference(records, typed), "typed \(typed.debugDescription)")
            }
        }
    }

    static let maria = ClientRecord(client: Client(id: ClientID("maria"), name: "María José García", preferredName: "Majo"),
                                    phone: "+34 612 345 678")
    static let ann = ClientRecord(client: Client(id: ClientID("ann"), name: "Ann Lee"), phone: "+45 33 12 34 56")
    static let anne = ClientRecord(client: Client(id: ClientID("anne"), name: "Anne Émond"))

    @Test("Accents and case do not matter; preferred names, initials and phone digits are found")
    func whatIsFound() {
        var finder = ClientFinder(ClientDirectory([Self.maria, Self.ann, Self.anne]))
        #expect(finder.matches("JOSE") == [0])
        #expect(finder.matches("majo") == [0])
        #expect(finder.matches("mjg") == [0])
        #expect(finder.matches("612 345") == [0])
        #expect(finder.matches("emond") == [2])
        #expect(finder.matches("ann") == [1, 2])
        #expect(finder.matches("") == [0, 1, 2])
        #expect(finder.matches("zz") == [])
    }

    @Test("A letter added narrows, a letter taken away widens again")
    func narrowingAndWidening() {
        var finder = ClientFinder(ClientDirectory([Self.maria, Self.ann, Self.anne]))
        #expect(finder.matches("a") == [0, 1, 2])
        #expect(finder.matches("an") == [1, 2])
        #expect(finder.matches("ann") == [1, 2])
        #expect(finder.matches("anne") == [2])
        #expect(finder.matches("ann") == [1, 2])
        #expect(finder.matches("an") == [1, 2])
        #expect(finder.matches("a") == [0, 1, 2])
        #expect(finder.matches("ma") == [0])    // not a letter added to "a": looked for among everyone
    }

    @Test("A letter added is looked for among the clients the text before it matched only")
    func whereALetterIsLookedFor() {
        var finder = ClientFinder(ClientDirectory([Self.maria, Self.ann, Self.anne]))
        #expect(finder.matches("") == [0, 1, 2])
        #expect(finder.matches("m") == [0, 2])
        #expect(finder.lastSearched == 3)       // after nothing typed: everyone
        #expect(finder.matches("ma") == [0])
        #expect(finder.lastSearched == 2)       // among what "m" matched
        #expect(finder.matches("maj") == [0])
        #expect(finder.lastSearched == 1)
        #expect(finder.matches("ma") == [0])
        #expect(finder.lastSearched == 0)       // taken away: answered from before
        #expect(finder.matches("ma +") == [])
        #expect(finder.matches("ma +3") == [0])
        #expect(finder.lastSearched == 1)       // "+" narrows nothing; among what "ma" matched
        #expect(finder.matches("ж") == [])
        #expect(finder.lastSearched == 3)       // not ASCII: everyone
    }

    @Test("Phone punctuation alone finds no phone number, a digit after it does")
    func punctuationThenDigits() {
        var finder = ClientFinder(ClientDirectory([Self.ann]))
        #expect(finder.matches("+") == [])
        #expect(finder.matches("+4") == [0])
        #expect(finder.matches("+45") == [0])
        #expect(finder.matches("(") == [])
        #expect(finder.matches("(3") == [0])
    }

    @Test("A word that folds to nothing (a lone accent) finds no one, as before")
    func aLoneAccent() {
        var finder = ClientFinder(ClientDirectory([Self.maria, Self.ann]))
        #expect(finder.matches("\u{301}") == [])
        #expect(Self.reference([Self.maria, Self.ann], "\u{301}") == [])
    }

    @Test("A key kept as bytes gives back the key it was made from")
    func keysRoundTrip() {
        let directory = ClientDirectory([Self.maria, Self.ann])
        #expect(directory.key(at: 0) == ClientSearchKey(Self.maria))
        #expect(directory.key(at: 1) == ClientSearchKey(Self.ann))
        #expect(directory.clients == [Self.maria.client, Self.ann.client])
    }
}
