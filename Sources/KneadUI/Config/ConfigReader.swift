import Foundation
import TOMLKit

/// Reads parsed TOML into settings, collecting a diagnostic for each problem with the line of
/// the key it concerns. A value that cannot be used is left out, so its default applies.
struct ConfigReader {
    let file: String
    let lines: ConfigSourceLines
    private(set) var diagnostics: [ConfigDiagnostic] = []

    init(file: String, lines: ConfigSourceLines) {
        self.file = file
        self.lines = lines
    }

    /// Records a problem on the line of a key, or of the nearest enclosing table written in the file.
    mutating func report(_ path: [String], _ problem: String) {
        var probe = path
        var line: Int?
        while line == nil, !probe.isEmpty {
            line = lines.line(of: probe)
            probe.removeLast()
        }
        diagnostics.append(ConfigDiagnostic(file: file, line: line, problem: problem))
    }

    /// A key as the therapist would find it in the file: `session.planned_minutes`, `techniques[2].key`.
    static func name(_ path: [String]) -> String {
        var out = ""
        var inArray = false
        for part in path {
            if let index = Int(part), !out.isEmpty {
                out = "[[\(out)]] #\(index + 1)"
                inArray = true
            } else if inArray {
                out = "\(part) in \(out)"
            } else {
                out += (out.isEmpty ? "" : ".") + part
            }
        }
        return out
    }

    /// What a value is, in words: "the text \"sixty\"", "the number 600", "a list".
    static func found(_ value: TOMLValueConvertible) -> String {
        switch value.type {
        case .string:
            let text = value.string ?? ""
            return "the text \"\(text.count > 40 ? text.prefix(40) + "…" : text)\""
        case .int: return "the number \(value.int ?? 0)"
        case .double: return "the number \(value.double ?? 0)"
        case .bool: return value.bool == true ? "true" : "false"
        case .array: return "a list"
        case .table: return "a table"
        default: return "a date or time"
        }
    }

    // MARK: Typed values

    mutating func string(_ table: TOMLTable, _ key: String, at path: [String], expected: String,
                         allowEmpty: Bool = false) -> String? {
        guard let value = table[key] else { return nil }
        guard let text = value.string, allowEmpty || !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            report(path + [key], "\(Self.name(path + [key])) is \(Self.found(value)) (expected \(expected)).")
            return nil
        }
        return text
    }

    mutating func int(_ table: TOMLTable, _ key: String, at path: [String], range: ClosedRange<Int>, unit: String) -> Int? {
        guard let value = table[key] else { return nil }
        guard let number = value.int, range.contains(number) else {
            report(path + [key], "\(Self.name(path + [key])) is \(Self.found(value)) (expected a whole number of \(unit) from \(range.lowerBound) to \(range.upperBound)).")
            return nil
        }
        return number
    }

    mutating func bool(_ table: TOMLTable, _ key: String, at path: [String]) -> Bool? {
        guard let value = table[key] else { return nil }
        guard let flag = value.bool else {
            report(path + [key], "\(Self.name(path + [key])) is \(Self.found(value)) (expected true or false, without quotes).")
            return nil
        }
        return flag
    }

    /// The sub-table at a key; anything else there is reported.
    mutating func table(_ parent: TOMLTable, _ key: String, at path: [String]) -> TOMLTable? {
        guard let value = parent[key] else { return nil }
        guard let table = value.table else {
            report(path + [key], "\(Self.name(path + [key])) is \(Self.found(value)) (expected a table, written [\(Self.name(path + [key]))] on a line of its own).")
            return nil
        }
        return table
    }

    /// Reports each key of a table that is not one of the known ones, with a likely meant one.
    mutating func reportUnknownKeys(_ table: TOMLTable, at path: [String], known: [String]) {
        for key in table.keys where !known.contains(key) {
            let place = path.isEmpty ? "at the top of the file" : "in [\(Self.name(path))]"
            let hint = Self.suggestion(for: key, among: known).map { "did you mean \($0)? " } ?? ""
            report(path + [key], "unknown key \"\(key)\" \(place) (\(hint)expected one of: \(known.joined(separator: ", "))).")
        }
    }

    /// The known word a typo most likely meant, if one is close.
    static func suggestion(for word: String, among known: [String]) -> String? {
        let scored = known.map { ($0, distance(word.lowercased(), $0.lowercased())) }
        let allowed = word.count <= 3 ? 1 : word.count <= 8 ? 2 : 3
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= allowed else { return nil }
        return best.0
    }

    /// Levenshtein distance between two words.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
