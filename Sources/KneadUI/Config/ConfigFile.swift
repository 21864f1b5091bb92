import Foundation

/// Where the config file is and what reading it gave.
///
/// The file is `--config PATH`, else `$KNEAD_CONFIG`, else `$XDG_CONFIG_HOME/knead/config.toml`
/// (`~/.config/knead/config.toml` when XDG_CONFIG_HOME is unset). A missing file at the usual
/// place simply means the defaults; a missing file that was asked for by name is a problem.
public struct ConfigFile: Sendable {
    public let path: String
    /// Whether the path was given (`--config` or KNEAD_CONFIG) rather than the usual place.
    public let isExplicit: Bool

    public init(path: String, isExplicit: Bool) {
        self.path = path
        self.isExplicit = isExplicit
    }

    /// The config file for this process.
    public static func locate(option: String?, environment: [String: String]) -> ConfigFile {
        if let option, !option.isEmpty { return ConfigFile(path: option, isExplicit: true) }
        if let path = environment["KNEAD_CONFIG"], !path.isEmpty { return ConfigFile(path: path, isExplicit: true) }
        return ConfigFile(path: folder(environment: environment).appendingPathComponent("config.toml").path, isExplicit: false)
    }

    /// knead's folder of settings: `$XDG_CONFIG_HOME/knead`, or `~/.config/knead` when that is
    /// unset or relative (the XDG Base Directory specification ignores relative paths). The
    /// config file and the user's themes live here.
    public static func folder(environment: [String: String]) -> URL {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? home + "/.config"
        return URL(fileURLWithPath: config).appendingPathComponent("knead")
    }

    /// A sentence when the path is something other than a regular file (a folder, a device, a
    /// pipe), which is never opened: reading a pipe or a terminal would wait for ever.
    static func notAFile(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "is a folder, not a file (expected a config file such as ~/.config/knead/config.toml). Every setting has its default."
        default: return "is a device, pipe or socket, not a regular file (expected a config file such as ~/.config/knead/config.toml); it was not read. Every setting has its default."
        }
    }

    /// Whether there is a file to read.
    public var exists: Bool { FileManager.default.fileExists(atPath: path) }

    /// Reads and checks the file. Never fails: problems come back as diagnostics and the
    /// settings they concern keep their defaults.
    public func read() -> ConfigReading {
        guard exists else {
            guard isExplicit else { return ConfigReading() }
            return ConfigReading(diagnostics: [ConfigDiagnostic(file: path, line: nil,
                problem: "there is no such file (expected a config file; knead config --print-defaults writes one). Every setting has its default.")])
        }
        if let problem = Self.notAFile(path) {
            return ConfigReading(diagnostics: [ConfigDiagnostic(file: path, line: nil, problem: problem)])
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            return ConfigReading(diagnostics: [ConfigDiagnostic(file: path, line: nil,
                problem: "could not be read (\((error as NSError).localizedDescription)); check that it is a file you may read. Every setting has its default.")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return ConfigReading(diagnostics: [ConfigDiagnostic(file: path, line: nil,
                problem: "is not UTF-8 text (expected a TOML text file). Every setting has its default.")])
        }
        return KneadConfig.parse(text, file: path)
    }
}
