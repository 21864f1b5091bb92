import Foundation

/// Where Knead keeps its data: one folder holding one SQLite file.
///
/// The folder comes from, in order: the `--data-dir` value, `KNEAD_DATA_DIR`,
/// `$XDG_DATA_HOME/knead`, and `~/.local/share/knead`.
public struct DataLocation: Hashable, Sendable {
    /// The name of the database file inside the folder.
    public static let databaseFileName = "knead.sqlite"

    /// The data folder.
    public let folder: URL

    /// A location in the given folder.
    public init(folder: URL) {
        self.folder = folder.standardizedFileURL
    }

    /// The database file inside the folder.
    public var databaseFile: URL {
        folder.appendingPathComponent(Self.databaseFileName, isDirectory: false)
    }

    /// Resolves the data folder from a `--data-dir` value and the process environment.
    ///
    /// The environment is a parameter so that the choice depends on nothing else. Empty values
    /// count as unset, a leading `~/` means the home folder, and a relative `XDG_DATA_HOME` is
    /// ignored, as the XDG Base Directory specification asks.
    public static func resolve(dataDir: String?, environment: [String: String]) throws -> DataLocation {
        let home = nonEmpty(environment["HOME"])
        func expand(_ path: String) throws -> URL {
            if path == "~" || path.hasPrefix("~/") {
                guard let home else { throw StoreError.noDataFolder }
                return URL(fileURLWithPath: home + path.dropFirst(), isDirectory: true)
            }
            return URL(fileURLWithPath: path, isDirectory: true)
        }

        if let dataDir = nonEmpty(dataDir) {
            return DataLocation(folder: try expand(dataDir))
        }
        if let knead = nonEmpty(environment["KNEAD_DATA_DIR"]) {
            return DataLocation(folder: try expand(knead))
        }
        if let xdg = nonEmpty(environment["XDG_DATA_HOME"]), xdg.hasPrefix("/") {
            return DataLocation(folder: URL(fileURLWithPath: xdg, isDirectory: true)
                .appendingPathComponent("knead", isDirectory: true))
        }
        guard let home else { throw StoreError.noDataFolder }
        return DataLocation(folder: URL(fileURLWithPath: home, isDirectory: true)
            .appendingPathComponent(".local/share/knead", isDirectory: true))
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }
}
