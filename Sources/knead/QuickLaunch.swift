import KneadCore

/// The everyday launch, `knead` or `knead --data-dir DIR` (also after `run`), read without
/// swift-argument-parser.
///
/// swift-argument-parser finds a command's options by reflection (`swift_conformsToProtocol`,
/// `swift_getTypeByMangledName`): a third of the CPU of a start before the first frame, the same
/// whether the root or `run` alone is parsed. Only these exact forms are read here, and only
/// when the full parse would accept them as they are; anything else (another option or
/// subcommand, help, a blank or option-like folder, a KNEAD_THERAPIST the full parse refuses)
/// goes through the full parse, so every other output and error is exactly as before.
enum QuickLaunch {
    /// What the everyday launch asked for.
    struct Launch: Equatable {
        /// The folder given with `--data-dir`, nil when none was.
        var dataDir: String?
    }

    /// The launch, or nil when the full parse must decide.
    static func launch(_ arguments: [String], environment: [String: String]) -> Launch? {
        // The full parse refuses a signature name with control characters, options or not.
        if let name = environment["KNEAD_THERAPIST"], name.unicodeScalars.contains(where: SafeText.isUnsafe) { return nil }
        var rest = arguments[...]
        if rest.first == "run" { rest = rest.dropFirst() }
        switch rest.count {
        case 0:
            return Launch(dataDir: nil)
        case 1 where rest[rest.startIndex].hasPrefix("--data-dir="):
            return folder(String(rest[rest.startIndex].dropFirst("--data-dir=".count)))
        case 2 where rest[rest.startIndex] == "--data-dir":
            return folder(rest[rest.startIndex + 1])
        default:
            return nil
        }
    }

    /// A folder the full parse takes as it is: not blank (refused there with a sentence), not
    /// starting with a dash (taken there as an option).
    private static func folder(_ path: String) -> Launch? {
        guard !isBlank(path), !path.hasPrefix("-") else { return nil }
        return Launch(dataDir: path)
    }

    /// Whether `trimmingCharacters(in: .whitespaces)` would leave nothing: every scalar a member of
    /// `CharacterSet.whitespaces` here (a tab, a space separator of Unicode's Zs, or the zero width
    /// space U+200B; `QuickLaunchTests` compares the two over every scalar up to U+2FFFF). Asked
    /// scalar by scalar because building Foundation's character set was 4 % of the start's CPU.
    static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0 == "\t" || $0 == "\u{200B}" || $0.properties.generalCategory == .spaceSeparator }
    }
}
