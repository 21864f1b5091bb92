import Foundation

/// Where the clinic's PostgreSQL server is: a libpq connection string (a `postgresql://` URL,
/// `host=/socket/folder` included, or `key=value` pairs).
///
/// A password written into the address is refused: it would sit in a config file, in the shell's
/// history or in `ps`. libpq takes it from `~/.pgpass` or `PGPASSWORD` instead.
public struct ServerAddress: Sendable, Equatable {
    /// What libpq is given.
    public let connectionString: String

    /// Where the address came from, for messages.
    public enum Source: String, Sendable {
        case option = "--server", environment = "KNEAD_CLINIC_SERVER", config = "the config file's [clinic] server"
    }

    /// Checks an address; throws when it is empty or holds a password.
    public init(_ text: String, source: Source) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw SyncError.noServer }
        if Self.holdsPassword(trimmed) { throw SyncError.passwordInAddress(source: source.rawValue) }
        connectionString = trimmed
    }

    /// The address to show in messages: printable, with no user name or query parameters.
    public var display: String {
        if let url = URLComponents(string: connectionString), let scheme = url.scheme,
           scheme == "postgresql" || scheme == "postgres" {
            let host = url.host.flatMap { $0.isEmpty ? nil : $0 }
                ?? url.queryItems?.first(where: { $0.name == "host" })?.value ?? "the local socket"
            let port = url.port.map { ":\($0)" } ?? ""
            return SyncError.printable("\(host)\(port)\(url.path)")
        }
        let pairs = Self.keywordPairs(connectionString)
        let host = pairs["host"] ?? pairs["hostaddr"] ?? "the local socket"
        let db = pairs["dbname"].map { "/\($0)" } ?? ""
        return SyncError.printable(host + db)
    }

    /// Whether the address names a password, as `user:secret@` in a URL, `password=` in its
    /// query or a `password=` pair.
    static func holdsPassword(_ text: String) -> Bool {
        if text.hasPrefix("postgresql://") || text.hasPrefix("postgres://") {
            let rest = text.drop(while: { $0 != "/" }).dropFirst(2)
            let authority = rest.prefix(while: { $0 != "/" && $0 != "?" })
            if let at = authority.lastIndex(of: "@"), authority[..<at].contains(":") { return true }
            let query = text.split(separator: "?", maxSplits: 1).dropFirst().first ?? ""
            return query.split(separator: "&").contains { $0.lowercased().hasPrefix("password=") }
        }
        return keywordPairs(text).keys.contains("password")
    }

    /// `key=value` pairs of a keyword connection string (values may be quoted).
    static func keywordPairs(_ text: String) -> [String: String] {
        var pairs: [String: String] = [:]
        for word in text.split(whereSeparator: \.isWhitespace) {
            let parts = word.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            pairs[parts[0].lowercased()] = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "'"))
        }
        return pairs
    }

    /// The server named by the first of: the command line, `KNEAD_CLINIC_SERVER`, the config file.
    /// `nil` when none names one.
    public static func resolve(option: String?, environment: [String: String], config: String?) throws -> ServerAddress? {
        if let option { return try ServerAddress(option, source: .option) }
        if let env = environment["KNEAD_CLINIC_SERVER"], !env.isEmpty { return try ServerAddress(env, source: .environment) }
        if let config { return try ServerAddress(config, source: .config) }
        return nil
    }
}
