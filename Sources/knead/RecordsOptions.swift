import ArgumentParser
import Foundation
import KneadCore
import KneadStore

/// The data folder option of the commands that read records without opening the app.
struct RecordsOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Folder that holds knead.sqlite (overrides KNEAD_DATA_DIR).", valueName: "folder"))
    var dataDir: String?

    func validate() throws {
        if let dataDir, dataDir.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--data-dir needs a folder path.")
        }
    }

    /// The data folder these options and the environment name; exits 1 with a message when none can be told.
    func location() throws -> DataLocation {
        do {
            return try DataLocation.resolve(dataDir: dataDir, environment: ProcessInfo.processInfo.environment)
        } catch {
            printError("knead: \(error)")
            throw ExitCode(1)
        }
    }

    /// Opens the existing database for reading records; exits 1 with a message when there is none.
    func openJournal(clock: any Clock) throws -> SQLiteJournal {
        let environment = ProcessInfo.processInfo.environment
        do {
            let location = try DataLocation.resolve(dataDir: dataDir, environment: environment)
            guard FileManager.default.fileExists(atPath: location.databaseFile.path) else {
                printError("knead: there are no records in \(location.folder.path) yet. Check --data-dir or KNEAD_DATA_DIR.")
                throw ExitCode(1)
            }
            return try SQLiteJournal.openForReading(at: location, clock: clock)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printError("knead: \(error)")
            throw ExitCode(1)
        }
    }
}

/// How a records command writes to standard output.
enum Output {
    /// Whether standard output is a terminal and colour is welcome (`NO_COLOR` unset).
    static var isStyledTerminal: Bool {
        isatty(1) == 1 && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
            && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    /// User text kept on one line by the one rule of ``SafeText``: controls, line breaks, bidi
    /// overrides and isolates replaced, so nothing stored can drive the terminal or break a row.
    static func safe(_ text: String) -> String {
        SafeText.line(text)
    }

    /// Text padded with spaces to `columns` characters (plain output counts characters).
    static func pad(_ text: String, _ columns: Int) -> String {
        text.count >= columns ? text : text + String(repeating: " ", count: columns - text.count)
    }

    /// Rows as columns two spaces apart, each as wide as its widest cell; the last not padded.
    static func table(_ rows: [[String]]) -> [String] {
        guard let width = rows.map(\.count).max() else { return [] }
        let widths = (0..<width).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { i, cell in i == row.count - 1 ? cell : pad(cell, widths[i]) }
                .joined(separator: "  ").trimmingTrailingSpaces()
        }
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
