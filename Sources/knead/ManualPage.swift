import Foundation
import ArgumentParser

/// The knead(1) manual page in roff, made from the commands' own help so the two never disagree.
///
/// `docs/knead.1` is this text; a test regenerates it and compares (`knead man > docs/knead.1`).
enum ManualPage {
    static func render() -> String {
        let root = Knead.configuration
        var out = """
        .TH KNEAD 1 "" "knead \(kneadVersion)" "User Commands"
        .SH NAME
        knead \\- \(escape(root.abstract))
        .SH SYNOPSIS
        .B knead
        [\\fIcommand\\fR] [\\fIoptions\\fR]
        .SH DESCRIPTION

        """
        out += paragraphs(root.discussion)
        out += ".SH COMMANDS\n"
        for command in visibleSubcommands {
            out += ".TP\n.B \(command.configuration.commandName ?? "")\n\(escape(command.configuration.abstract))\n"
        }
        for command in visibleSubcommands {
            let name = command.configuration.commandName ?? ""
            out += ".SH \"KNEAD \(name.uppercased())\"\n.nf\n"
            let help = Knead.helpMessage(for: command, columns: 78)
            for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
                out += escapeLine(String(line)) + "\n"
            }
            out += ".fi\n"
        }
        out += """
        .SH EXIT STATUS
        .TP
        .B 0
        Success: knead quit normally, or the command did what it was asked.
        .TP
        .B 1
        A data or config problem: the data cannot be opened or read, nothing matched, or \\fBknead config \\-\\-check\\fR found problems.
        .TP
        .B 2
        Bad usage, or standard input and output are not a usable terminal.
        .TP
        .B 128+N
        knead saved everything and stopped on signal N (129 SIGHUP, 130 SIGINT, 143 SIGTERM).
        .SH FILES
        .TP
        .I $XDG_CONFIG_HOME/knead/config.toml
        The config file (\\fI~/.config/knead/config.toml\\fR when XDG_CONFIG_HOME is unset); \\fBknead config \\-\\-print\\-defaults\\fR writes a commented one.
        .TP
        .I $XDG_DATA_HOME/knead/knead.sqlite
        The records (\\fI~/.local/share/knead\\fR when XDG_DATA_HOME is unset), private to you (folder 0700, files 0600).
        .SH ENVIRONMENT
        .TP
        .B KNEAD_CONFIG
        The config file to read, unless \\-\\-config is given.
        .TP
        .B KNEAD_DATA_DIR
        The folder that holds knead.sqlite, unless \\-\\-data\\-dir is given.
        .TP
        .B KNEAD_THERAPIST
        The name signatures carry, unless \\-\\-therapist is given.
        .TP
        .B NO_COLOR
        When set, no colours are used.
        .SH SHELL COMPLETION
        \\fBknead \\-\\-generate\\-completion\\-script bash\\fR (or \\fBzsh\\fR, \\fBfish\\fR) prints a completion script; see the README for where to put it.
        .SH SEE ALSO
        KEYBINDINGS.md for the keys of every screen and how config.toml rebinds them.

        """
        return out
    }

    private static var visibleSubcommands: [ParsableCommand.Type] {
        Knead.configuration.subcommands.filter { $0.configuration.shouldDisplay }
    }

    /// Discussion text as roff paragraphs.
    private static func paragraphs(_ text: String) -> String {
        text.components(separatedBy: "\n\n").map { ".PP\n" + escapeLine($0.replacingOccurrences(of: "\n", with: " ")) + "\n" }.joined()
    }

    /// Text safe inside a roff line: backslashes and dashes escaped.
    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\e").replacingOccurrences(of: "-", with: "\\-")
    }

    /// A whole line: escaped, and kept from being read as a request when it starts with . or '.
    private static func escapeLine(_ line: String) -> String {
        let escaped = escape(line)
        return escaped.hasPrefix(".") || escaped.hasPrefix("'") ? "\\&" + escaped : escaped
    }
}

extension Knead {
    /// Prints the manual page; `docs/knead.1` is its output.
    struct Manual: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "man", abstract: "Print the knead(1) manual page in roff.", shouldDisplay: false)

        func run() throws {
            StandardOutput.write(ManualPage.render())
        }
    }
}
