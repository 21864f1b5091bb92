import Foundation
import KneadCore

/// How an event's change is stored: JSON with sorted keys, and what the store derives from it.
enum EventPayload {
    /// Encodes a change as JSON text. Dates, should a change ever hold one, keep Foundation's exact form.
    static func encode(_ change: SessionChange) throws -> String {
        if case .checkedIn(let checkIn) = change, let text = checkInText(checkIn) { return text }
        return try encodedByFoundation(change)
    }

    /// A check-in's JSON, written directly: the same bytes the encoder writes (sorted keys, no
    /// region key without a region), for the event a treatment logs most, whose save the
    /// therapist waits for. Nil for a region identifier that is not plain (the encoder's job then).
    static func checkInText(_ checkIn: PainCheckIn) -> String? {
        var text = #"{"checkIn":{"#
        if let region = checkIn.region {
            let id = region.id
            guard id.utf8.allSatisfy({ byte in
                (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte)
                    || byte == 0x2E || byte == 0x2D || byte == 0x5F
            }) else { return nil }
            text += #""region":""# + id + #"","#
        }
        text += #""score":"# + String(checkIn.score.value) + #"},"type":"checkedIn"}"#
        return text
    }

    /// A change as Foundation's JSON encoder writes it: sorted keys, slashes as they are.
    static func encodedByFoundation(_ change: SessionChange) throws -> String {
        let data = try encoder.encode(change)
        guard let text = String(data: data, encoding: .utf8) else {
            throw StoreError.failed(reason: "an event could not be written as text")
        }
        return text
    }

    /// One encoder for every append (its options never change after this; encoding is safe
    /// from any thread): making and setting one up cost as much as a small event's encoding.
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .deferredToDate
        return encoder
    }()

    /// Decodes a change from its JSON text, or nil when the text is not a change.
    static func decode(_ text: String) -> SessionChange? {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .deferredToDate
        return try? decoder.decode(SessionChange.self, from: Data(text.utf8))
    }

    /// The text a change adds to the note search index, if any.
    static func searchableText(of change: SessionChange) -> String? {
        NoteIndex.text(of: change)
    }
}

extension Phase {
    /// The phase a session is in after a change, the same fold `SessionState.evolve` makes.
    func after(_ change: SessionChange) -> Phase {
        switch change {
        case .started: .assessment
        case .treatmentBegan: .treatment
        case .treatmentEnded: .aftercare
        case .signed: .signed
        default: self
        }
    }
}
