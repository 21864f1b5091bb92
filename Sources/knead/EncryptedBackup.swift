import Crypto
import _CryptoExtras
import Foundation

/// A backup encrypted for copies that leave the machine: AES-256-GCM with a key derived from a
/// passphrase by scrypt (memory-hard), both from swift-crypto. The file format is in
/// docs/encrypted-backup.md.
///
/// The header (magic, version, the scrypt parameters, the salt and the nonce) is authenticated
/// with the data, so a changed parameter, a wrong passphrase or one flipped byte anywhere makes
/// opening fail, and nothing of the contents is given back.
enum EncryptedBackup {
    /// "KNEADENC", the first eight bytes of every encrypted backup.
    static let magic = Array("KNEADENC".utf8)
    static let version: UInt8 = 1
    /// scrypt, the only key derivation of version 1.
    static let scryptID: UInt8 = 1
    /// log2 of scrypt's N (cost), r (block size) and p (parallelism): 2^17 × 8 × 128 bytes, so
    /// deriving a key takes 128 MiB of memory, which makes guessing passphrases costly.
    static let costLog2: UInt8 = 17
    static let blockSize: UInt8 = 8
    static let parallelism: UInt8 = 1
    static let headerLength = 8 + 1 + 1 + 3 + 16 + 12

    /// Why an encrypted backup could not be made or opened, as a sentence.
    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// Whether a file starts as an encrypted backup does.
    static func isEncrypted(_ url: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: magic.count)).map { Array($0) == magic } ?? false
    }

    /// The bytes of an encrypted backup of `plain`.
    static func seal(_ plain: Data, passphrase: String) throws -> Data {
        var salt = [UInt8](repeating: 0, count: 16)
        var generator = SystemRandomNumberGenerator()
        for i in salt.indices { salt[i] = generator.next() }
        let nonce = AES.GCM.Nonce()
        let header = magic + [version, scryptID, costLog2, blockSize, parallelism] + salt + Array(nonce)
        let key = try deriveKey(passphrase, salt: salt, costLog2: costLog2, blockSize: blockSize, parallelism: parallelism)
        let box = try AES.GCM.seal(plain, using: key, nonce: nonce, authenticating: header)
        return Data(header) + box.ciphertext + box.tag
    }

    /// The plain bytes of an encrypted backup; fails on a wrong passphrase or any change to the file.
    static func open(_ sealed: Data, passphrase: String) throws -> Data {
        let bytes = [UInt8](sealed)
        guard bytes.count >= headerLength + 16, Array(bytes[0..<8]) == magic else {
            throw Failure("This is not an encrypted knead backup.")
        }
        guard bytes[8] == version, bytes[9] == scryptID else {
            throw Failure("This encrypted backup was made by a newer knead (format \(bytes[8])); open it with that version.")
        }
        let costLog2 = bytes[10], blockSize = bytes[11], parallelism = bytes[12]
        // Parameters are read from the file, so bound them: a forged header must not ask for
        // terabytes of memory before the check that would reject it.
        guard (10...18).contains(costLog2), (1...32).contains(blockSize), (1...16).contains(parallelism) else {
            throw Failure("This encrypted backup's header is damaged; it cannot be opened.")
        }
        let salt = Array(bytes[13..<29])
        let header = Array(bytes[0..<headerLength])
        let body = bytes[headerLength..<(bytes.count - 16)]
        let tag = bytes[(bytes.count - 16)...]
        let key = try deriveKey(passphrase, salt: salt, costLog2: costLog2, blockSize: blockSize, parallelism: parallelism)
        do {
            let box = try AES.GCM.SealedBox(nonce: AES.GCM.Nonce(data: bytes[29..<headerLength]), ciphertext: body, tag: tag)
            return try AES.GCM.open(box, using: key, authenticating: header)
        } catch {
            throw Failure("The passphrase is wrong, or the file was changed or damaged since it was made; nothing was read from it.")
        }
    }

    private static func deriveKey(_ passphrase: String, salt: [UInt8], costLog2: UInt8, blockSize: UInt8,
                                  parallelism: UInt8) throws -> SymmetricKey {
        do {
            return try KDF.Scrypt.deriveKey(from: Array(passphrase.utf8), salt: salt, outputByteCount: 32,
                                            rounds: 1 << Int(costLog2), blockSize: Int(blockSize), parallelism: Int(parallelism))
        } catch {
            throw Failure("Could not derive the key from the passphrase (\(error)); nothing was written.")
        }
    }
}
