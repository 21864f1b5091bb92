/// Where each key and table header of a TOML text is written.
///
/// TOMLKit gives parsed values no positions, so the lines diagnostics name come from scanning the
/// text: table headers (`[keys.treatment]`), arrays of tables (`[[techniques]]`, numbered from 0 in
/// the order written) and `key = value` lines, dotted and quoted keys included. Values that span
/// lines (arrays, multi-line strings) are skipped over, so their contents are never taken for keys.
struct ConfigSourceLines: Sendable {
    private var lines: [[String]: Int] = [:]

    init(_ text: String) {
        var table: [String] = []
        var arrayCounts: [[String]: Int] = [:]
        var value = ValueScanner()
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            let line = Substring(rawLine)
            if value.isOpen {
                value.scan(line)
                continue
            }
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix("[[") {
                guard let (path, _) = Self.keyPath(trimmed.dropFirst(2)) else { continue }
                let count = arrayCounts[path, default: 0]
                arrayCounts[path] = count + 1
                table = path + [String(count)]
                record(table, number)
            } else if trimmed.hasPrefix("[") {
                guard let (path, _) = Self.keyPath(trimmed.dropFirst()) else { continue }
                table = Self.resolving(path, arrayCounts: arrayCounts)
                record(table, number)
            } else if let (key, rest) = Self.keyPath(trimmed), rest.first == "=" {
                record(table + key, number)
                value.scan(rest.dropFirst())
            }
        }
    }

    /// The line of a key (`["session", "planned_minutes"]`) or table (`["techniques", "2"]`).
    func line(of path: [String]) -> Int? { lines[path] }

    private mutating func record(_ path: [String], _ number: Int) {
        if lines[path] == nil { lines[path] = number }
    }

    /// A sub-table of an array of tables (`[techniques.extra]`) belongs to its latest element.
    private static func resolving(_ path: [String], arrayCounts: [[String]: Int]) -> [String] {
        var resolved: [String] = []
        for part in path {
            resolved.append(part)
            if let count = arrayCounts[resolved] { resolved.append(String(count - 1)) }
        }
        return resolved
    }

    /// Reads a dotted key from the start of the text; returns its parts and what follows, trimmed.
    static func keyPath(_ text: Substring) -> ([String], Substring)? {
        var parts: [String] = []
        var rest = text.drop { $0 == " " || $0 == "\t" }
        while true {
            if let quote = rest.first, quote == "\"" || quote == "'" {
                var part = ""
                var index = rest.index(after: rest.startIndex)
                var closed = false
                while index < rest.endIndex {
                    let c = rest[index]
                    if c == quote { closed = true; break }
                    if c == "\\", quote == "\"", rest.index(after: index) < rest.endIndex {
                        index = rest.index(after: index)
                    }
                    part.append(rest[index])
                    index = rest.index(after: index)
                }
                guard closed else { return nil }
                parts.append(part)
                rest = rest[rest.index(after: index)...]
            } else {
                let bare = rest.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
                guard !bare.isEmpty else { return nil }
                parts.append(String(bare))
                rest = rest.dropFirst(bare.count)
            }
            rest = rest.drop { $0 == " " || $0 == "\t" }
            guard rest.first == "." else { break }
            rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" }
        }
        return (parts, rest)
    }
}

/// Follows a TOML value across lines: open brackets and braces, and multi-line strings.
private struct ValueScanner {
    private var depth = 0
    private var multiline: String?

    var isOpen: Bool { depth > 0 || multiline != nil }

    mutating func scan(_ text: Substring) {
        var rest = text
        while let c = rest.first {
            if let delimiter = multiline {
                if rest.hasPrefix(delimiter) {
                    multiline = nil
                    rest = rest.dropFirst(3)
                } else {
                    rest = rest.dropFirst(c == "\\" && delimiter == "\"\"\"" ? 2 : 1)
                }
                continue
            }
            if rest.hasPrefix("\"\"\"") || rest.hasPrefix("'''") {
                multiline = String(rest.prefix(3))
                rest = rest.dropFirst(3)
                continue
            }
            switch c {
            case "#":
                return
            case "\"", "'":
                rest = rest.dropFirst()
                while let d = rest.first, d != c {
                    rest = rest.dropFirst(d == "\\" && c == "\"" ? 2 : 1)
                }
                rest = rest.dropFirst()
            case "[", "{":
                depth += 1
                rest = rest.dropFirst()
            case "]", "}":
                depth = max(0, depth - 1)
                rest = rest.dropFirst()
            default:
                rest = rest.dropFirst()
            }
        }
    }
}
