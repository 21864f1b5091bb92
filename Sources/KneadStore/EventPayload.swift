import Foundation
import KneadCore

/// How an event's change is stored: JSON with sorted keys, and what the store derives from it.
enum EventPayload {
    /// Encodes a change as JSON text. Dates, should a change ever hold one, keep Foundation's exact form.
    static func encode(_ change: SessionChange) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .deferredToDate
        let data = try encoder.encode(change)
        guard let text = String(data: data, encoding: .utf8) else {
            throw StoreError.failed(reason: "an event could not be written as text")
        }
        return text
    }

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
