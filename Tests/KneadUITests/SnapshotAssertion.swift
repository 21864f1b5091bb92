import Foundation
import Testing
@testable import KneadUI

/// The canvas as snapshot text: the plain lines, then one style entry where the style changes.
func snapshotText(_ frame: Frame) -> String {
    let canvas = frame.canvas
    var out = "size \(canvas.width)x\(canvas.height)"
    if let cursor = frame.cursor { out += " cursor \(cursor.x),\(cursor.y)" }
    out += "\n"
    for line in canvas.lines { out += "|" + line + "|\n" }
    out += "-- styles (row: column role)\n"
    for y in 0..<canvas.height {
        var runs: [String] = []
        var last: StyleRole?
        for x in 0..<canvas.width {
            let role = canvas[x, y].role
            if role != last {
                runs.append("\(x) \(role.rawValue)")
                last = role
            }
        }
        out += "\(y): " + runs.joined(separator: ", ") + "\n"
    }
    return out
}

/// Compares a frame with `Snapshots/<name>.txt` beside this file; `RECORD_SNAPSHOTS=1` re-records.
func assertSnapshot(_ frame: Frame, named name: String, sourceLocation: SourceLocation = #_sourceLocation,
                    filePath: String = #filePath) {
    let folder = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    let file = folder.appendingPathComponent("\(name).txt")
    let actual = snapshotText(frame)
    let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
    guard !record, let expected = try? String(contentsOf: file, encoding: .utf8) else {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try? actual.write(to: file, atomically: true, encoding: .utf8)
        if !record {
            Issue.record("No snapshot \(name) existed; recorded it. Check it and run again.", sourceLocation: sourceLocation)
        }
        return
    }
    if expected != actual {
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let firstDiff = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(expectedLines.count, actualLines.count)
        let e = firstDiff < expectedLines.count ? String(expectedLines[firstDiff]) : "<end>"
        let a = firstDiff < actualLines.count ? String(actualLines[firstDiff]) : "<end>"
        Issue.record("Snapshot \(name) differs at line \(firstDiff + 1):\nexpected: \(e)\nactual:   \(a)\n(RECORD_SNAPSHOTS=1 re-records)",
                     sourceLocation: sourceLocation)
    }
}
