import ArgumentParser

/// The everyday launches (`knead`, `knead --data-dir DIR`, `knead run …`, `knead demo …`) parsed
/// on their own command, without the root's tree.
///
/// swift-argument-parser finds a command's options by reflection; from the root it does so for
/// every subcommand, which was a third of the CPU of a start before the first frame. Help,
/// version and completion requests, other subcommands, and anything the command alone refuses
/// go through the full parse, so their output and errors are exactly as before.
enum QuickLaunch {
    /// Arguments that ask the root for something: always the full parse.
    static let rootRequests: Set<String> = ["-h", "--help", "help", "--version"]

    /// The command to run, or nil when the full parse must decide.
    static func command(_ arguments: [String]) -> ParsableCommand? {
        guard !arguments.contains(where: { rootRequests.contains($0) || $0.hasPrefix("--generate-completion")
                                            || $0.hasPrefix("--experimental") }) else { return nil }
        let command: ParsableCommand.Type
        var rest = arguments
        switch arguments.first {
        case nil:
            command = Knead.Run.self
        case "run":
            command = Knead.Run.self
            rest.removeFirst()
        case "demo":
            command = Knead.Demo.self
            rest.removeFirst()
        case let first? where first.hasPrefix("-") && first != "--":
            command = Knead.Run.self  // the default subcommand takes options given without one
        default:
            return nil
        }
        return try? command.parseAsRoot(rest)
    }
}
