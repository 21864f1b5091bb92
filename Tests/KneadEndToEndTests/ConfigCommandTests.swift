import Foundation
import Testing

extension EndToEnd {
    @Suite("The config file, knead config, the man page and completions")
    struct ConfigCommand {
        /// Writes a config file at the place knead reads it from in the test home.
        static func writeConfig(_ text: String, in knead: KneadBinary) throws -> URL {
            let folder = knead.home.appendingPathComponent("xdg-config/knead")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let file = folder.appendingPathComponent("config.toml")
            try text.write(to: file, atomically: true, encoding: .utf8)
            return file
        }

        static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

        @Test("--print-defaults writes a file that --check finds clean: status 0")
        func printDefaultsThenCheck() throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            let printed = try knead.runPiped(["config", "--print-defaults"])
            #expect(printed.status == 0)
            #expect(Self.text(printed.stdout).contains("planned_minutes = 60"))
            let file = try Self.writeConfig(Self.text(printed.stdout), in: knead)
            let checked = try knead.runPiped(["config", "--check"])
            #expect(checked.status == 0, "\(Self.text(checked.stderr))")
            #expect(Self.text(checked.stdout).contains("\(file.path): no problems."))
            #expect(checked.stderr.isEmpty)
        }

        @Test("--check lists each problem with its line on stderr and exits 1; no file at all is fine")
        func checkProblems() throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            let absent = try knead.runPiped(["config", "--check"])
            #expect(absent.status == 0)
            #expect(Self.text(absent.stdout).contains("does not exist"))
            let file = try Self.writeConfig("theme = \"default\"\n[session]\nplanned_minutes = 600\nplaned = 3\n", in: knead)
            let run = try knead.runPiped(["config", "--check"])
            #expect(run.status == 1)
            let message = Self.text(run.stderr)
            #expect(message.contains("\(file.path): line 3: session.planned_minutes is the number 600"), "\(message)")
            #expect(message.contains("\(file.path): line 4: unknown key \"planed\""), "\(message)")
            #expect(run.stdout.isEmpty)
            let missing = try knead.runPiped(["config", "--check", "--config", knead.home.appendingPathComponent("nope.toml").path])
            #expect(missing.status == 1, "a file asked for by name must exist")
        }

        @Test("--path follows --config, then KNEAD_CONFIG, then XDG_CONFIG_HOME; two actions at once is bad usage (2)")
        func path() throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            let run = try knead.runPiped(["config", "--path"])
            #expect(run.status == 0)
            #expect(Self.text(run.stdout) == knead.home.appendingPathComponent("xdg-config/knead/config.toml").path + "\n")
            let given = try knead.runPiped(["config", "--path", "--config", "/somewhere/k.toml"])
            #expect(Self.text(given.stdout) == "/somewhere/k.toml\n")
            let both = try knead.runPiped(["config", "--path", "--check"])
            #expect(both.status == 2)
        }

        @Test("A broken config still starts knead, which says what was wrong and uses the rest")
        func brokenConfigStarts() throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            _ = try Self.writeConfig("""
                [session]
                planned_minutes = "sixty"
                checkin_reminder_minutes = 9
                [keys.today]
                new-session = "f5"
                """, in: knead)
            let pty = try knead.start()
            defer { pty.terminate() }
            try pty.waitFor("config.toml: line 2: session.planned_minutes is the text")
            try pty.send("\u{1B}[15~")  // F5: the rebound new-session key
            try pty.waitFor("Planned minutes 60")  // the bad value kept its default
            try pty.send("\u{03}")      // Ctrl-C quits
            #expect(try pty.waitForExit() == .exited(0))
        }

        @Test("The command line beats the config file, which beats the default")
        func precedence() throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            _ = try Self.writeConfig("[session]\nplanned_minutes = 45\n", in: knead)
            for (arguments, shown) in [([String](), "Planned minutes 45"), (["--minutes", "30"], "Planned minutes 30")] {
                let pty = try knead.start(["--data-dir", knead.dataDir.path] + arguments)
                defer { pty.terminate() }
                try pty.waitFor("new")
                try pty.send("n")
                try pty.waitFor(shown)
                try pty.send("\u{03}")
                #expect(try pty.waitForExit() == .exited(0))
            }
        }

        @Test("Records commands use the configured technique names and print config problems on stderr")
        func recordsCommands() throws {
            let knead = try EndToEnd.RecordsCommands.seeded()
            defer { knead.removeHome() }
            _ = try Self.writeConfig("""
                [[techniques]]
                id = "effleurage"
                name = "long gliding strokes"
                [session]
                planned_minutes = 0
                """, in: knead)
            let run = try knead.runPiped(["review", "--date", "2026-11-18", "--data-dir", knead.dataDir.path])
            #expect(run.status == 0)
            #expect(Self.text(run.stdout).contains("long gliding strokes"))
            #expect(Self.text(run.stderr).contains("config.toml: line 5: session.planned_minutes is the number 0"),
                    "\(Self.text(run.stderr))")
        }

        @Test("--config on review, history and export reads that file instead of the usual one")
        func recordsCommandsTakeConfigOption() throws {
            let knead = try EndToEnd.RecordsCommands.seeded()
            defer { knead.removeHome() }
            _ = try Self.writeConfig("[[techniques]]\nid = \"effleurage\"\nname = \"usual file\"\n", in: knead)
            let other = knead.home.appendingPathComponent("clinic.toml")
            try "[[techniques]]\nid = \"effleurage\"\nname = \"clinic strokes\"\n".write(to: other, atomically: true, encoding: .utf8)

            let review = try knead.runPiped(["review", "--date", "2026-11-18", "--config", other.path, "--data-dir", knead.dataDir.path])
            #expect(review.status == 0)
            #expect(Self.text(review.stdout).contains("clinic strokes"))
            #expect(!Self.text(review.stdout).contains("usual file"))

            let missing = try knead.runPiped(["review", "--date", "2026-11-18", "--config", "/nonexistent/knead.toml",
                                              "--data-dir", knead.dataDir.path])
            #expect(missing.status == 0, "a missing config file is reported, the review still printed")
            #expect(Self.text(missing.stderr).contains("/nonexistent/knead.toml"))
            #expect(try knead.runPiped(["history", "Amira", "--config", "", "--data-dir", knead.dataDir.path]).status == 2)
        }

        @Test("The committed man page is what knead man prints")
        func manPage() throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            let run = try knead.runPiped(["man"])
            #expect(run.status == 0)
            let committed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("docs/knead.1")
            if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
                try Data(run.stdout).write(to: committed)
            }
            let onDisk = try String(contentsOf: committed, encoding: .utf8)
            #expect(onDisk == Self.text(run.stdout), "docs/knead.1 is out of date: run .build/debug/knead man > docs/knead.1")
            #expect(onDisk.contains(".SH EXIT STATUS"))
            #expect(onDisk.contains("KNEAD CONFIG"))
        }

        @Test("Completion scripts for bash, zsh and fish", arguments: ["bash", "zsh", "fish"])
        func completions(shell: String) throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            let run = try knead.runPiped(["--generate-completion-script", shell])
            #expect(run.status == 0)
            let script = Self.text(run.stdout)
            #expect(script.contains("knead"))
            #expect(script.contains("print-defaults"))
        }
    }
}

extension EndToEnd.ConfigCommand {
    @Test("a config path that is a folder or a device gets a sentence; nothing is read from it")
    func folderOrDevice() throws {
        let knead = try KneadBinary()
        defer { knead.removeHome() }
        let folder = try knead.runPiped(["config", "--check", "--config", knead.home.path])
        #expect(folder.status == 1)
        #expect(Self.text(folder.stderr).contains("is a folder, not a file"), "\(Self.text(folder.stderr))")
        #expect(!Self.text(folder.stderr).contains("NSCocoaErrorDomain"))
        let device = try knead.runPiped(["config", "--check", "--config", "/dev/zero"])
        #expect(device.status == 1)
        #expect(Self.text(device.stderr).contains("is a device, pipe or socket, not a regular file"), "\(Self.text(device.stderr))")
    }

    @Test("a [billing] entry for a technique that does not exist is reported, with the one probably meant")
    func unknownBillingTechnique() throws {
        let knead = try KneadBinary()
        defer { knead.removeHome() }
        _ = try Self.writeConfig("[billing]\nmyofacial-release = \"97124\"\nmobilisation = \"\"\n", in: knead)
        let run = try knead.runPiped(["config", "--check"])
        #expect(run.status == 1)
        let message = Self.text(run.stderr)
        #expect(message.contains("line 2: billing key \"myofacial-release\" names no technique (did you mean myofascial-release?"), "\(message)")
        #expect(!message.contains("mobilisation"), "mobilisation is a standard billing technique")
    }

    @Test("a therapist name with control characters is refused: in the config file, by --therapist and in KNEAD_THERAPIST")
    func therapistWithControls() throws {
        let knead = try KneadBinary()
        defer { knead.removeHome() }
        _ = try Self.writeConfig("therapist = \"Sam\\u001b[2J\\nRivera\"\n", in: knead)
        let run = try knead.runPiped(["config", "--check"])
        #expect(run.status == 1)
        #expect(Self.text(run.stderr).contains("therapist holds control characters"), "\(Self.text(run.stderr))")
        for name in ["Sam\u{1B}[2J", "Sam\nRivera", "Sam\u{202E}"] {
            let option = try knead.runPiped(["--therapist", name, "--data-dir", knead.dataDir.path])
            #expect(option.status == 2, "\(name.debugDescription)")
            #expect(Self.text(option.stderr).contains("--therapist holds control characters"))
            let variable = try knead.runPiped(["--data-dir", knead.dataDir.path], extraEnvironment: ["KNEAD_THERAPIST": name])
            #expect(variable.status == 2)
            #expect(Self.text(variable.stderr).contains("KNEAD_THERAPIST holds control characters"))
        }
    }
}
