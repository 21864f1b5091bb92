import Foundation

/// Why a sync did not complete, in sentences a therapist or a clinic's IT person can act on.
///
/// No message carries client data or a password: server messages are reduced to their first
/// line and SQLSTATE, and the address shown has no user name or query.
public enum SyncError: Error, Equatable, CustomStringConvertible {
    case noServer
    case passwordInAddress(source: String)
    case unreachable(address: String, reason: String)
    case connecting(address: String, libpqMessage: String)
    case dropped(reason: String)
    case server(state: String, message: String)
    case newerServerSchema(server: Int, known: Int)
    case local(reason: String)

    public var description: String {
        switch self {
        case .noServer:
            return "No clinic server is set. Name one with --server, KNEAD_CLINIC_SERVER or [clinic] server in the config file, e.g. postgresql://clinic-db/knead."
        case .passwordInAddress(let source):
            return "The server address in \(source) holds a password. Take it out of the address and put it in ~/.pgpass (mode 0600) or PGPASSWORD instead."
        case .unreachable(let address, let reason):
            return "Could not reach the clinic server at \(address) (\(reason)). Knead keeps working on this machine; what waits is sent at the next sync."
        case .connecting(let address, let message):
            let lower = message.lowercased()
            if lower.contains("password authentication failed") || lower.contains("no password supplied")
                || lower.contains("authentication failed") {
                return "The clinic server at \(address) refused the login: the password is wrong or missing. Put the right one in ~/.pgpass or PGPASSWORD, then sync again."
            }
            if lower.contains("ssl") || lower.contains("tls") {
                return "The clinic server at \(address) could not be reached securely (\(message)). Ask the clinic's IT whether the server offers TLS, then sync again."
            }
            if lower.contains("does not exist") {
                return "The clinic server at \(address) answered, but \(message). Check the address, then sync again."
            }
            return "Could not reach the clinic server at \(address) (\(message)). Knead keeps working on this machine; what waits is sent at the next sync."
        case .dropped(let reason):
            return "The connection to the clinic server dropped during the sync (\(reason)). Nothing is lost; run knead sync again when the server is back."
        case .server(let state, let message):
            switch state {
            case "53100":
                return "The clinic server's disk is full, so it took nothing more. Nothing is lost here; ask the clinic's IT to free space, then sync again."
            case "57P01", "57P02", "57P03":
                return "The clinic server is shutting down or starting up (\(message)). Nothing is lost; sync again in a minute."
            case "42501":
                return "The clinic server does not allow this login to write knead's tables (\(message)). Ask the clinic's IT for the rights, then sync again."
            default:
                return "The clinic server refused the sync: \(message) (SQLSTATE \(state)). Nothing is lost here; tell the clinic's IT if it happens again."
            }
        case .newerServerSchema(let server, let known):
            return "The clinic server holds knead's server schema version \(server), newer than this knead knows (\(known)). Update knead on this machine, then sync again; nothing here is lost meanwhile."
        case .local(let reason):
            return "Sync could not use this machine's records: \(reason)"
        }
    }

    /// Whether the failure means the server was not there or went away (offline), rather than a refusal.
    public var isOffline: Bool {
        switch self {
        case .unreachable, .dropped: return true
        case .connecting(_, let message):
            let lower = message.lowercased()
            return !(lower.contains("authentication") || lower.contains("password") || lower.contains("does not exist"))
        case .server(let state, _): return state.hasPrefix("57") || state.hasPrefix("08")
        default: return false
        }
    }

    /// Text with control characters replaced, so that nothing a server says drives a terminal.
    static func printable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? "\u{FFFD}" : $0 }))
    }
}
