import CLibpq
import Foundation

/// One connection to the clinic's PostgreSQL server through libpq.
///
/// libpq reads `~/.pgpass`, `PGPASSWORD`, `PGSSLMODE` and the other `PG*` variables itself, so a
/// password never passes through knead. Every query is sent with text parameters
/// (`PQexecParams`), never pasted into SQL.
final class ClinicServerConnection {
    private let handle: OpaquePointer

    /// Connects; a connection that fails becomes a ``SyncError`` that says why in words.
    init(_ address: ServerAddress) throws {
        // Keywords in order: the URL's own settings override the defaults before it.
        let keywords = ["connect_timeout", "fallback_application_name", "dbname"]
        let values = ["10", "knead", address.connectionString]
        let connection = withCStrings(keywords) { keys in
            withCStrings(values) { vals in PQconnectdbParams(keys, vals, 1) }
        }
        guard let connection else { throw SyncError.unreachable(address: address.display, reason: "libpq could not start a connection") }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = Self.firstLine(PQerrorMessage(connection))
            PQfinish(connection)
            throw SyncError.connecting(address: address.display, libpqMessage: message)
        }
        handle = connection
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
    }

    deinit { PQfinish(handle) }

    /// Whether the link to the server is still up.
    var isOpen: Bool { PQstatus(handle) == CONNECTION_OK }

    /// Whether the connection is encrypted with TLS.
    var usesTLS: Bool { PQsslInUse(handle) == 1 }

    /// Runs one statement with text parameters (`nil` is SQL NULL) and returns its rows as text.
    @discardableResult
    func query(_ sql: String, _ parameters: [String?] = []) throws -> [[String?]] {
        let result = try run(sql, parameters)
        defer { PQclear(result) }
        let rows = Int(PQntuples(result)), columns = Int(PQnfields(result))
        var table: [[String?]] = []
        table.reserveCapacity(rows)
        for row in 0..<rows {
            var values: [String?] = []
            values.reserveCapacity(columns)
            for column in 0..<columns {
                if PQgetisnull(result, Int32(row), Int32(column)) == 1 {
                    values.append(nil)
                } else {
                    values.append(String(cString: PQgetvalue(result, Int32(row), Int32(column))))
                }
            }
            table.append(values)
        }
        return table
    }

    /// Runs statements with no parameters (migrations, transaction control), several in one string.
    func execute(_ sql: String) throws {
        PQclear(try run(sql, nil))
    }

    private func run(_ sql: String, _ parameters: [String?]?) throws -> OpaquePointer {
        let result: OpaquePointer?
        if let parameters {
            let copies: [UnsafeMutablePointer<CChar>?] = parameters.map { $0.flatMap { strdup($0) } }
            defer { copies.forEach { free($0) } }
            result = copies.map { UnsafePointer($0) }.withUnsafeBufferPointer { buffer in
                PQexecParams(handle, sql, Int32(parameters.count), nil, buffer.baseAddress, nil, nil, 0)
            }
        } else {
            result = PQexec(handle, sql)
        }
        guard let result else {
            throw SyncError.dropped(reason: Self.firstLine(PQerrorMessage(handle)))
        }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return result
        default:
            let state = PQresultErrorField(result, knead_pg_diag_sqlstate()).map { String(cString: $0) } ?? ""
            let message = PQresultErrorField(result, knead_pg_diag_message_primary()).map { String(cString: $0) }
                ?? Self.firstLine(PQerrorMessage(handle))
            PQclear(result)
            if PQstatus(handle) != CONNECTION_OK {
                throw SyncError.dropped(reason: message)
            }
            throw SyncError.server(state: state, message: message)
        }
    }

    /// The first line of a libpq message, with control characters replaced.
    static func firstLine(_ message: UnsafePointer<CChar>?) -> String {
        guard let message else { return "no reason given" }
        let text = String(cString: message).split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return SyncError.printable(text.trimmingCharacters(in: .whitespaces))
    }
}

/// Calls `body` with the strings as a C array of pointers, valid during the call.
private func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R) -> R {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    let pointers: [UnsafePointer<CChar>?] = copies.map { $0.map { UnsafePointer($0) } } + [nil]
    return pointers.withUnsafeBufferPointer { body($0.baseAddress) }
}
