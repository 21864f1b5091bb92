import KneadCore

extension KneadApp {
    func centered(width w: Int, height h: Int) -> Rect {
        let w = min(w, width), h = min(h, height)
        return Rect(x: (width - w) / 2, y: (height - h) / 2, width: w, height: h)
    }
}

/// Breaks text into lines of at most `width` columns at spaces.
func wrap(_ text: String, width: Int) -> [String] {
    guard width > 0 else { return [] }
    var lines: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
        var line = ""
        for word in paragraph.split(separator: " ") {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if DisplayWidth.of(candidate) > width, !line.isEmpty {
                lines.append(line)
                line = String(word)
            } else {
                line = candidate
            }
            while DisplayWidth.of(line) > width {
                let head = DisplayWidth.truncated(line, to: width + 1).dropLast()
                lines.append(String(head))
                line = String(line.dropFirst(head.count))
            }
        }
        lines.append(line)
    }
    return lines
}
