import Foundation

/// A theme the picker can offer: its name, where it was found and, unless the file is broken,
/// the theme itself.
public struct ThemeChoice: Hashable, Sendable {
    /// The name to choose it by: the file name without `.theme`.
    public var name: String
    /// Where it came from, in the picker's words ("your themes", "installed", "built in").
    public var origin: String
    /// The file, or nil for the built-in default.
    public var file: URL?
    /// The theme, or why the file cannot be used.
    public var result: Result<Theme, ThemeError>

    public init(name: String, origin: String, file: URL?, result: Result<Theme, ThemeError>) {
        self.name = name
        self.origin = origin
        self.file = file
        self.result = result
    }

    /// The theme, when the file is usable.
    public var theme: Theme? { try? result.get() }
}

extension ThemeLoader {
    /// Every theme on the search path, by name; where a name is in two folders, the one found first
    /// wins, as it does for `load`. The built-in default is listed when no folder has `default.theme`.
    /// Broken files are listed with their error.
    public func choices() -> [ThemeChoice] {
        var found: [String: ThemeChoice] = [:]
        for folder in folders {
            let files = (try? FileManager.default.contentsOfDirectory(at: folder.url, includingPropertiesForKeys: nil)) ?? []
            for file in files where file.pathExtension == "theme" {
                let name = file.deletingPathExtension().lastPathComponent
                guard found[name] == nil else { continue }
                let result = Self.read(file, source: "\(file.lastPathComponent) in \(folder.label)")
                found[name] = ThemeChoice(name: name, origin: folder.label, file: file, result: result)
            }
        }
        if found["default"] == nil {
            found["default"] = ThemeChoice(name: "default", origin: "built in", file: nil, result: .success(BuiltInTheme.default))
        }
        // The default first, then by name.
        return found.values.sorted { ($0.name == "default" ? 0 : 1, $0.name) < ($1.name == "default" ? 0 : 1, $1.name) }
    }
}
