import Crypto
import Foundation

/// The hashes that make the journal tamper-evident: SHA-256 (swift-crypto) over each entry's
/// stored content and the hash of the entry before it.
///
/// Chains are per session (events) and per client (record versions), so that a session moved to
/// another machine by clinic sync carries its chain with it. A local ledger chains the starts of
/// sessions, so that a whole session removed is found too. Every field is length-prefixed, so two
/// different contents never hash the same bytes.
enum JournalHash {
    /// The "previous hash" of the first entry of a chain.
    static let genesis = String(repeating: "0", count: 64)

    /// The hash of an event's content as stored: its session, position, time (the exact bits of
    /// the REAL), kind and payload text.
    static func event(session: String, seq: Int, at: Double, type: String, payload: String) -> String {
        var hasher = Fields(domain: "knead.event.v1")
        hasher.add(session)
        hasher.add(String(seq))
        hasher.add(String(at.bitPattern, radix: 16))
        hasher.add(type)
        hasher.add(payload)
        return hasher.hex
    }

    /// The hash of one saved version of a client record: the client, the time and the record.
    static func clientVersion(client: String, at: Double, record: String) -> String {
        var hasher = Fields(domain: "knead.client.v1")
        hasher.add(client)
        hasher.add(String(at.bitPattern, radix: 16))
        hasher.add(record)
        return hasher.hex
    }

    /// The link of a chain: an entry's content hash joined to the chain hash of the entry before.
    static func chain(previous: String, content: String) -> String {
        var hasher = Fields(domain: "knead.chain.v1")
        hasher.add(previous)
        hasher.add(content)
        return hasher.hex
    }

    /// The hash of a ledger row: a session's start (its first event's content hash), chained to
    /// the previous start recorded on this machine.
    static func ledger(position: Int64, session: String, startHash: String, previous: String) -> String {
        var hasher = Fields(domain: "knead.ledger.v1")
        hasher.add(previous)
        hasher.add(String(position))
        hasher.add(session)
        hasher.add(startHash)
        return hasher.hex
    }

    /// SHA-256 over length-prefixed UTF-8 fields.
    private struct Fields {
        var sha = SHA256()

        init(domain: String) { add(domain) }

        mutating func add(_ field: String) {
            let bytes = Array(field.utf8)
            var length = UInt64(bytes.count).bigEndian
            withUnsafeBytes(of: &length) { sha.update(bufferPointer: $0) }
            sha.update(data: bytes)
        }

        /// The digest in lowercase hexadecimal, two digits a byte.
        var hex: String {
            var text: [UInt8] = []
            text.reserveCapacity(2 * SHA256.byteCount)
            for byte in sha.finalize() {
                text.append(Self.hexDigits[Int(byte >> 4)])
                text.append(Self.hexDigits[Int(byte & 0x0F)])
            }
            return String(decoding: text, as: UTF8.self)
        }

        private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
    }
}
