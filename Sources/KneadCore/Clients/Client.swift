import Foundation

/// Identifies a client record.
public struct ClientID: Hashable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    /// A fresh random identifier.
    public static func make() -> ClientID { ClientID(UUID().uuidString.lowercased()) }
    public var description: String { rawValue }
    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer(); try c.encode(rawValue)
    }
}

/// A client of the practice, as far as a session needs to know them.
public struct Client: Hashable, Codable, Sendable {
    public var id: ClientID
    /// Full name as the client gave it.
    public var name: String
    /// The name the client likes to be called, if any.
    public var preferredName: String?

    public init(id: ClientID, name: String, preferredName: String? = nil) {
        self.id = id
        self.name = name
        self.preferredName = preferredName
    }

    /// Initials shown on treatment screens so that a client glancing at the monitor sees no name.
    public var initials: String {
        let words = name.split(whereSeparator: { $0.isWhitespace || $0 == "-" })
        let letters = words.compactMap { $0.first }.map { String($0).uppercased() }
        let joined = letters.prefix(3).joined(separator: ".")
        return joined.isEmpty ? "?" : joined + "."
    }

    /// The name to greet the client by.
    public var displayName: String {
        if let preferredName, !preferredName.isEmpty { return "\(preferredName) (\(name))" }
        return name
    }
}
