import Foundation

/// A client whose record was edited on two machines while they were apart: every version
/// nobody has built on since, the one that shows first. The client record screen shows it as a
/// flag; saving the record on any machine reconciles the versions (the save names them all).
public struct ClientEditsApart: Hashable, Sendable {
    /// One version that no later save built on.
    public struct Version: Hashable, Sendable {
        public var savedAt: Date
        /// The therapist whose knead saved it; nil when it was saved on this machine.
        public var savedBy: String?
        public var record: ClientRecord
        public init(savedAt: Date, savedBy: String?, record: ClientRecord) {
            self.savedAt = savedAt
            self.savedBy = savedBy
            self.record = record
        }
    }

    public var client: ClientID
    /// The versions, the one that shows (the newest) first.
    public var versions: [Version]

    public init(client: ClientID, versions: [Version]) {
        self.client = client
        self.versions = versions
    }

    /// The record's fields (as the record stores them) on which the versions differ, sorted.
    public var differingFields: [String] {
        let objects = versions.compactMap { version -> [String: String]? in
            guard let data = try? JSONEncoder().encode(version.record),
                  let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
            // Canonical JSON per field (sorted keys), so nested values compare by content.
            return object.mapValues { value in
                (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]))
                    .map { String(decoding: $0, as: UTF8.self) } ?? "\(value)"
            }
        }
        let keys = Set(objects.flatMap(\.keys))
        return keys.filter { key in Set(objects.map { $0[key] ?? "" }).count > 1 }.sorted()
    }

    /// One sentence for the record screen, e.g. "Edited on two machines apart: the version saved
    /// by Lee at 14:02 shows; another differs in phone. Check it and save to reconcile."
    public func sentence(time: (Date) -> String) -> String {
        guard let shown = versions.first else { return "" }
        let others = versions.count - 1
        let fields = differingFields
        let by = shown.savedBy.map { "by \($0) " } ?? "here "
        return "Edited on two machines apart: the version saved \(by)at \(time(shown.savedAt)) shows; "
            + "\(others == 1 ? "another" : "\(others) others") "
            + (fields.isEmpty ? "differ" + (others == 1 ? "s" : "") : "differ" + (others == 1 ? "s" : "") + " in " + fields.joined(separator: ", "))
            + ". Check the record and save it to reconcile."
    }
}
