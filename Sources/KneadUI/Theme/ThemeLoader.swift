import Foundation

/// Finds and loads theme files.
///
/// Search order for a theme named N (the file `N.theme`):
/// 1. the user's theme folder, `$XDG_CONFIG_HOME/knead/themes` (default `~/.config/knead/themes`);
/// 2. `$KNEAD_THEMES_DIR`, when set;
/// 3. `share/knead/Themes` beside the installed binary (`<prefix>/bin/knead` → `<prefix>/share/knead/Themes`);
/// 4. `Themes/` in the source checkout the binary was built from, and in the current folder.
/// When no file is found, the built-in copy of the default theme is used and the loader says so.
public struct ThemeLoader: Sendable {
    public let searchPaths: [URL]

    public init(searchPaths: [URL]) { self.searchPaths = searchPaths }

    /// The standard search path for this process.
    public static func standard(environment: [String: String], executablePath: String,
                                currentDirectory: String = FileManager.default.currentDirectoryPath) -> ThemeLoader {
        var paths: [URL] = []
        let home = environment["HOME"] ?? NSHomeDirectory()
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.config"
        paths.append(URL(fileURLWithPath: config).appendingPathComponent("knead/themes"))
        if let dir = environment["KNEAD_THEMES_DIR"], !dir.isEmpty { paths.append(URL(fileURLWithPath: dir)) }
        let binary = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath()
        paths.append(binary.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("share/knead/Themes"))
        // Sources/KneadUI/Theme/ThemeLoader.swift → the checkout's Themes/.
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Themes")
        paths.append(checkout)
        paths.append(URL(fileURLWithPath: currentDirectory).appendingPathComponent("Themes"))
        return ThemeLoader(searchPaths: paths)
    }

    /// The result of loading: the theme, and a note for the user when something was not as asked.
    public struct Loaded: Sendable {
        public var theme: Theme
        public var notice: String?
    }

    /// Loads a theme by name or by file path. Never fails: a missing or broken file falls back
    /// to the built-in default with a notice that says what happened.
    public func load(_ nameOrPath: String) -> Loaded {
        let candidates: [URL]
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".theme") {
            candidates = [URL(fileURLWithPath: nameOrPath)]
        } else {
            candidates = searchPaths.map { $0.appendingPathComponent("\(nameOrPath).theme") }
        }
        for url in candidates where FileManager.default.isReadableFile(atPath: url.path) {
            do {
                let text = try String(contentsOf: url, encoding: .utf8)
                return Loaded(theme: try Theme.parse(text, source: url.path), notice: nil)
            } catch let error as ThemeError {
                return Loaded(theme: BuiltInTheme.default, notice: "\(error.description) Using the built-in default theme.")
            } catch {
                return Loaded(theme: BuiltInTheme.default,
                              notice: "\(url.path) could not be read as UTF-8 text. Using the built-in default theme.")
            }
        }
        if nameOrPath == "default" {
            return Loaded(theme: BuiltInTheme.default, notice: nil)
        }
        return Loaded(theme: BuiltInTheme.default,
                      notice: "No theme named '\(nameOrPath)' was found. Using the built-in default theme.")
    }
}
