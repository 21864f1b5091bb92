import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writing the config file: the one place besides ``read()`` that touches it.
///
/// knead writes one setting itself, the theme kept in the picker, as the top-level
/// `theme = "NAME"` line. It finds the first `theme =` line before any `[table]` header and
/// replaces it, or inserts one before the first header (at the end when there is none). Every
/// other line, comments included, is kept byte for byte. The file is replaced atomically with
/// mode 0600 in a 0700 folder. `--theme` on the command line still wins over the file.
extension ConfigFile {
    /// Why the config file could not be written, as a sentence.
    public struct WriteFailure: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// Sets the top-level theme in the file, creating the folder (0700) and the file (0600) when
    /// missing; what ``read()`` then gives has `theme` set to `name` and every other setting as before.
    public func saveTheme(_ name: String) throws(WriteFailure) {
        try Self.rewrite(URL(fileURLWithPath: path)) { Self.setting(theme: name, in: $0) }
    }

    /// The text of a config file with its top-level theme set to `name`.
    static func setting(theme name: String, in text: String) -> String {
        let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        let assignment = "theme = \"\(escaped)\""
        // Split on the scalar: to Swift, "\r\n" is one Character and would not split on "\n".
        var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
        // A text ending in a newline splits into a last, empty element: it is not a line.
        let endsWithNewline = lines.last == ""
        if endsWithNewline { lines.removeLast() }
        for (i, line) in lines.enumerated() {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix("[") {
                lines.insert(assignment, at: i)
                return lines.joined(separator: "\n") + (endsWithNewline ? "\n" : "")
            }
            if isThemeAssignment(trimmed) {
                // Keep a Windows line ending if the line had one.
                lines[i] = assignment + (line.hasSuffix("\r") ? "\r" : "")
                return lines.joined(separator: "\n") + (endsWithNewline ? "\n" : "")
            }
        }
        lines.append(assignment)
        return lines.joined(separator: "\n") + "\n"
    }

    /// True for a line that assigns the bare key `theme`.
    private static func isThemeAssignment(_ line: Substring) -> Bool {
        guard line.hasPrefix("theme") else { return false }
        return line.dropFirst(5).drop { $0 == " " || $0 == "\t" }.hasPrefix("=")
    }

    /// Replaces the file's text with `change` of it, creating the folder (0700) and the file
    /// (0600) when missing. The file is replaced atomically, so a crash leaves either the old or
    /// the new text.
    private static func rewrite(_ file: URL, _ change: (String) -> String) throws(WriteFailure) {
        let folder = file.deletingLastPathComponent()
        try makeFolder(folder.path)
        var old = ""
        if FileManager.default.fileExists(atPath: file.path) {
            guard let data = FileManager.default.contents(atPath: file.path) else {
                throw WriteFailure(description: "\(file.path) could not be read; check its permissions.")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw WriteFailure(description: "\(file.path) is not UTF-8 text; fix or remove it.")
            }
            old = text
        }
        try write(Data(change(old).utf8), to: file)
    }

    /// Creates each missing folder of the path with mode 0700.
    private static func makeFolder(_ path: String) throws(WriteFailure) {
        var current = ""
        for component in path.split(separator: "/") {
            current += "/" + component
            var info = stat()
            if stat(current, &info) == 0 {
                guard info.st_mode & S_IFMT == S_IFDIR else {
                    throw WriteFailure(description: "\(current) is a file, not a folder; move it away to save the theme.")
                }
                continue
            }
            guard mkdir(current, 0o700) == 0 || errno == EEXIST else {
                throw WriteFailure(description: "The folder \(current) could not be created (\(String(cString: strerror(errno)))).")
            }
            _ = chmod(current, 0o700)
        }
    }

    /// Writes a temporary file with mode 0600 beside `file`, then renames it over `file`.
    private static func write(_ data: Data, to file: URL) throws(WriteFailure) {
        let temporary = file.path + ".tmp-\(getpid())"
        let fd = open(temporary, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw WriteFailure(description: "\(file.deletingLastPathComponent().path) is not writable (\(String(cString: strerror(errno)))).")
        }
        _ = fchmod(fd, 0o600)
        let written = data.withUnsafeBytes { buffer in
            buffer.baseAddress.map { Glibc.write(fd, $0, buffer.count) } ?? 0
        }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == data.count, synced, rename(temporary, file.path) == 0 else {
            unlink(temporary)
            throw WriteFailure(description: "\(file.path) could not be written; check the free space and permissions.")
        }
    }
}
