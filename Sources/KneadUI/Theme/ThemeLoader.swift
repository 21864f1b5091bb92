import Foundation

/// Finds and loads theme files.
///
/// Search order for a theme named N (the file `N.theme`); the first folder that has it wins:
/// 1. the user's theme folder, `$XDG_CONFIG_HOME/knead/themes` (default `~/.config/knead/themes`);
/// 2. `$KNEAD_THEMES_DIR`, when set;
/// 3. `share/knead/Themes` beside the installed binary (`<prefix>/bin/knead` → `<prefix>/share/knead/Themes`);
/// 4. `Themes/` in the source checkout the binary was built from;
/// 5. `Themes/` in the current folder.
/// When no file is found for the default theme, the built-in copy is used and the loader says so.
public struct ThemeLoader: Sendable {
    /// One folder on the search path, with the words the theme picker shows for it.
    public struct Folder: Hashable, Sendable {
        public var url: URL
        /// Where the folder comes from, e.g. "your themes" or "installed".
        public var label: String
        public init(url: URL, label: String) {
            self.url = url
            self.label = label
        }
    }

    public let folders: [Folder]
    /// The folders searched, in order.
    public var searchPaths: [URL] { folders.map(\.url) }

    public init(searchPaths: [URL]) {
        self.init(folders: searchPaths.map { Folder(url: $0, label: $0.path) })
    }

    public init(folders: [Folder]) {
        var seen = Set<String>()
        self.folders = folders.filter { seen.insert($0.url.standardizedFileURL.path).inserted }
    }

    /// The standard search path for this process.
    public static func standard(environment: [String: String], executablePath: String,
                                currentDirectory: String = FileManager.default.currentDirectoryPath) -> ThemeLoader {
        var folders: [Folder] = []
        folders.append(Folder(url: ConfigFile.folder(environment: environment).appendingPathComponent("themes"), label: "your themes"))
        if let dir = environment["KNEAD_THEMES_DIR"], !dir.isEmpty {
            folders.append(Folder(url: URL(fileURLWithPath: dir), label: "KNEAD_THEMES_DIR"))
        }
        let binary = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath()
        folders.append(Folder(url: binary.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("share/knead/Themes"), label: "installed"))
        // Sources/KneadUI/Theme/ThemeLoader.swift → the checkout's Themes/.
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Themes")
        folders.append(Folder(url: checkout, label: "checkout"))
        folders.append(Folder(url: URL(fileURLWithPath: currentDirectory).appendingPathComponent("Themes"), label: "current folder"))
        return ThemeLoader(folders: folders)
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
            switch Self.read(url) {
            case .success(let theme): return Loaded(theme: theme, notice: nil)
            case .failure(let error):
                return Loaded(theme: BuiltInTheme.default, notice: "\(error.description) Using the built-in default theme.")
            }
        }
        if nameOrPath == "default" {
            return Loaded(theme: BuiltInTheme.default, notice: missingFolderNotice)
        }
        return Loaded(theme: BuiltInTheme.default,
                      notice: "No theme named '\(nameOrPath)' was found. Using the built-in default theme.")
    }

    /// What the user is told when no theme folder holds the default theme.
    var missingFolderNotice: String {
        "No theme folder was found, so the built-in copy of the default theme is used. "
            + "Put the Themes folder in <prefix>/share/knead/Themes or set KNEAD_THEMES_DIR for the other themes."
    }

    /// Reads and parses one theme file; errors name it as `source` (its path by default).
    static func read(_ url: URL, source: String? = nil) -> Result<Theme, ThemeError> {
        let source = source ?? url.path
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return .failure(ThemeError("\(source) could not be read."))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(ThemeError("\(source) could not be read as UTF-8 text."))
        }
        do {
            // The shipped default theme, unchanged, is the built-in value: no TOML to parse.
            if text == BuiltInTheme.defaultText { return .success(BuiltInTheme.default) }
            return .success(try Theme.parse(text, source: source))
        } catch let error as ThemeError {
            return .failure(error)
        } catch {
            return .failure(ThemeError("\(source): \(error)"))
        }
    }
}
