import Foundation
import GRDB

/// Text bound as its UTF-8 bytes, for SQL that writes it with `CAST(? AS TEXT)`.
///
/// GRDB binds a String as a C string, which ends at the first NUL; bound as bytes and cast, the
/// column holds every character. Names are stored this way and read with ``Row/exactText(atIndex:)``.
func exactBytes(_ text: String?) -> Data? {
    text.map { Data($0.utf8) }
}

extension Row {
    /// Text from a column selected as `CAST(column AS BLOB)`: every byte as stored, a NUL included.
    ///
    /// GRDB reads a TEXT column as a C string, which ends at the first NUL; read as a blob, a
    /// name comes back exactly as it was written. Empty or NULL gives nil.
    func exactText(atIndex index: Int) throws -> String? {
        try decode(Data?.self, atIndex: index).map { String(decoding: $0, as: UTF8.self) }
    }
}
