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
        // The line's width is kept as words are added (measuring each candidate again made
        // a long status message cost more than the rest of its frame).
        var line = ""
        var lineWidth = 0
        for word in paragraph.split(separator: " ") {
            let wordWidth = DisplayWidth.of(word)
            if line.isEmpty {
                line = String(word)
                lineWidth = wordWidth
            } else if lineWidth + 1 + wordWidth > width {
                lines.append(line)
                line = String(word)
                lineWidth = wordWidth
            } else {
                line += " " + word
                lineWidth += 1 + wordWidth
            }
            while lineWidth > width {
                let head = DisplayWidth.truncated(line, to: width + 1).dropLast()
                lines.append(String(head))
                line = String(line.dropFirst(head.count))
                lineWidth = DisplayWidth.of(line)
            }
        }
        lines.append(line)
    }
    return lines
}
