import Foundation

/// A column value of a synced row that knead itself does not know (such as a hash a newer
/// knead adds to events): carried through the server as it is, so rows keep every column.
public enum SyncValue: Hashable, Sendable, Codable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)

    private enum Keys: String, CodingKey { case real, blob }

    public init(from decoder: any Decoder) throws {
        if let keyed = try? decoder.container(keyedBy: Keys.self) {
            if let hex = try keyed.decodeIfPresent(String.self, forKey: .blob) {
                self = .blob(Data(hexadecimal: hex)); return
            }
            if let text = try keyed.decodeIfPresent(String.self, forKey: .real), let value = Double(text) {
                self = .real(value); return
            }
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() { self = .null }
        else if let value = try? single.decode(Int64.self) { self = .integer(value) }
        else { self = .text(try single.decode(String.self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .null: var c = encoder.singleValueContainer(); try c.encodeNil()
        case .integer(let value): var c = encoder.singleValueContainer(); try c.encode(value)
        case .text(let value): var c = encoder.singleValueContainer(); try c.encode(value)
        case .real(let value): var c = encoder.container(keyedBy: Keys.self); try c.encode(value.description, forKey: .real)
        case .blob(let value): var c = encoder.container(keyedBy: Keys.self); try c.encode(value.hexadecimal, forKey: .blob)
        }
    }
}

/// A session's opening row as the clinic record holds it.
public struct SyncedSession: Hashable, Sendable {
    public var id: String
    public var clientID: String
    public var clientName: String
    public var startedAt: Double
    public var plannedMinutes: Int
    /// The knead that started it (nil: this one).
    public var owner: String?

    public init(id: String, clientID: String, clientName: String, startedAt: Double, plannedMinutes: Int, owner: String?) {
        self.id = id
        self.clientID = clientID
        self.clientName = clientName
        self.startedAt = startedAt
        self.plannedMinutes = plannedMinutes
        self.owner = owner
    }
}

/// One event row: the key (session, seq), the known columns, and any others as they are.
public struct SyncedEvent: Hashable, Sendable {
    public var sessionID: String
    public var seq: Int
    public var at: Double
    public var type: String
    public var payload: String
    public var extra: [String: SyncValue]

    public init(sessionID: String, seq: Int, at: Double, type: String, payload: String, extra: [String: SyncValue]) {
        self.sessionID = sessionID
        self.seq = seq
        self.at = at
        self.type = type
        self.payload = payload
        self.extra = extra
    }
}

/// One saved version of a client record, with a global id and the versions it was edited from.
public struct SyncedClientVersion: Hashable, Sendable {
    public var versionID: String
    public var clientID: String
    public var baseID: String?
    /// Other versions this one reconciled (comma-separated ids), empty when none.
    public var merges: String
    public var at: Double
    public var record: String
    /// The knead that saved it (nil: this one).
    public var author: String?

    public init(versionID: String, clientID: String, baseID: String?, merges: String, at: Double, record: String, author: String?) {
        self.versionID = versionID
        self.clientID = clientID
        self.baseID = baseID
        self.merges = merges
        self.at = at
        self.record = record
        self.author = author
    }
}

/// A knead in the clinic and the therapist who uses it.
public struct SyncedMember: Hashable, Sendable {
    public var kneadID: String
    public var therapist: String
    public init(kneadID: String, therapist: String) {
        self.kneadID = kneadID
        self.therapist = therapist
    }
}

/// Something written here that waits to be sent, at its place in the outbox.
public struct OutboxItem: Hashable, Sendable {
    public enum Row: Hashable, Sendable {
        case session(SyncedSession)
        case event(SyncedEvent)
        case clientVersion(SyncedClientVersion)
    }
    public var position: Int64
    public var row: Row
}

/// What this machine knows of its sync, for `knead sync --status` and the title bar.
public struct LocalSyncStatus: Hashable, Sendable {
    /// Rows written here that the server does not have yet.
    public var waiting: Int
    /// Rows the server refused (with the reason), kept here and not sent again.
    public var refused: [String]
    public var lastSuccess: Date?
    public var offlineSince: Date?
    public var lastError: String?
    /// Clients with edits made apart that wait to be reconciled.
    public var clientsToReconcile: Int
}

extension Data {
    init(hexadecimal: String) {
        var bytes: [UInt8] = []
        var iterator = hexadecimal.utf8.makeIterator()
        while let high = iterator.next(), let low = iterator.next() {
            guard let h = Self.nibble(high), let l = Self.nibble(low) else { break }
            bytes.append(h << 4 | l)
        }
        self.init(bytes)
    }

    var hexadecimal: String { map { String(format: "%02x", $0) }.joined() }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: c - 48
        case 97...102: c - 87
        case 65...70: c - 55
        default: nil
        }
    }
}
