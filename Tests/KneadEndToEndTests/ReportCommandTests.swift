import Foundation
import KneadCore
import KneadStore
import Testing

extension EndToEnd {
    @Suite("knead report and FHIR bundles")
    struct Report {
        static let now = Date(timeIntervalSince1970: 1_795_953_600)  // 2026-11-29 08:00 UTC
        static let environment = ["KNEAD_DEV_CLOCK": "2026-11-29T08:00:00Z", "TZ": "UTC"]
        static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()

        static func seeded(_ knead: KneadBinary) throws {
            let journal = try SQLiteJournal.open(folder: knead.dataDir, clock: ManualClock(now))
            defer { try? journal.close() }
            try SampleCarePlan.seed(into: journal, now: now, zone: TimeZone(identifier: "UTC")!)
        }

        func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

        @Test("report writes Markdown and text, finds the client by name, and refuses a bad --since")
        func reportFormats() throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            try Self.seeded(knead)
            let data = ["--data-dir", knead.dataDir.path]
            let md = try knead.runPiped(["report", "daniel"] + data, extraEnvironment: Self.environment)
            #expect(md.status == 0, "stderr: \(text(md.stderr))")
            #expect(text(md.stdout).hasPrefix("# Progress report: Daniel Reyes\n"))
            #expect(text(md.stdout).contains("- Visits given: 10 of 12; 2 remaining."))
            let txt = try knead.runPiped(["report", "demo-daniel", "--format", "txt", "--since", "2026-11-01"] + data,
                                         extraEnvironment: Self.environment)
            #expect(txt.status == 0)
            #expect(text(txt.stdout).contains("Progress report: Daniel Reyes\n============================="))
            let bad = try knead.runPiped(["report", "daniel", "--since", "November"] + data, extraEnvironment: Self.environment)
            #expect(bad.status == 2)
            #expect(text(bad.stderr).contains("--since takes a date as YYYY-MM-DD"))
            let nobody = try knead.runPiped(["report", "nobody-here"] + data, extraEnvironment: Self.environment)
            #expect(nobody.status == 1)
            #expect(text(nobody.stderr).contains("no client matches"))

            let journal = try SQLiteJournal.open(folder: knead.dataDir, clock: ManualClock(Self.now))
            try journal.save(Client(id: ClientID("other-dan"), name: "Daniel Okoye"))
            try journal.close()
            let several = try knead.runPiped(["report", "daniel"] + data, extraEnvironment: Self.environment)
            #expect(several.status == 2)
            #expect(text(several.stderr).contains("matches 2 clients"))
        }

        @Test("the demo holds a client under a referral, ready for knead report")
        func demoHasTheCarePlanClient() throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            let pty = try knead.start(["demo", "--keep"], extraEnvironment: Self.environment)
            defer { pty.terminate() }
            try pty.waitFor("Knead · Today")
            try pty.send(key: .ctrlC)
            #expect(try pty.waitForExit() == .exited(0))
            let output = String(decoding: pty.rawOutput, as: UTF8.self)
            let marker = try #require(output.range(of: "the demo practice is kept in "))
            let folder = String(output[marker.upperBound...].prefix { !$0.isWhitespace })
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let report = try knead.runPiped(["report", "daniel", "--data-dir", folder], extraEnvironment: Self.environment)
            #expect(report.status == 0, "stderr: \(text(report.stderr))")
            #expect(text(report.stdout).contains("- Visits given: 10 of 12; 2 remaining."))
        }

        @Test("report --output writes a 0600 file and refuses to replace it without --force")
        func reportOutputFile() throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            try Self.seeded(knead)
            let file = knead.home.appendingPathComponent("report.md").path
            let args = ["report", "daniel", "--data-dir", knead.dataDir.path, "--output", file]
            #expect(try knead.runPiped(args, extraEnvironment: Self.environment).status == 0)
            let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? NSNumber
            #expect(mode?.intValue == 0o600)
            let again = try knead.runPiped(args, extraEnvironment: Self.environment)
            #expect(again.status == 1)
            #expect(text(again.stderr).contains("already exists"))
            #expect(try knead.runPiped(args + ["--force"], extraEnvironment: Self.environment).status == 0)
        }

        @Test("FHIR bundles of a session and of a report are stable, resolve every reference, and pass fhir.resources")
        func fhirBundles() throws {
            let knead = try KneadBinary()
            defer { knead.removeHome() }
            try Self.seeded(knead)
            let data = ["--data-dir", knead.dataDir.path]
            let session = SampleCarePlan.sessionID(visit: 9).rawValue
            let export = try knead.runPiped(["export", session, "--format", "fhir"] + data, extraEnvironment: Self.environment)
            #expect(export.status == 0, "stderr: \(text(export.stderr))")
            let report = try knead.runPiped(["report", "daniel", "--format", "fhir"] + data, extraEnvironment: Self.environment)
            #expect(report.status == 0, "stderr: \(text(report.stderr))")
            // Stable: a second export gives the same bytes.
            #expect(try knead.runPiped(["export", session, "--format", "fhir"] + data, extraEnvironment: Self.environment).stdout == export.stdout)
            #expect(try knead.runPiped(["report", "daniel", "--format", "fhir"] + data, extraEnvironment: Self.environment).stdout == report.stdout)

            for bundle in [export.stdout, report.stdout] {
                let json = try #require(try JSONSerialization.jsonObject(with: Data(bundle)) as? [String: Any])
                let entries = try #require(json["entry"] as? [[String: Any]])
                let urls = Set(entries.compactMap { $0["fullUrl"] as? String })
                #expect(urls.count == entries.count)
                let types = entries.compactMap { ($0["resource"] as? [String: Any])?["resourceType"] as? String }
                for type in ["Patient", "Practitioner", "Encounter", "Procedure", "Observation", "Condition", "ServiceRequest",
                             "CarePlan", "Goal", "Composition"] {
                    #expect(types.contains(type), "no \(type) in the bundle")
                }
                for reference in Self.references(in: json) { #expect(urls.contains(reference), "\(reference) does not resolve") }
                #expect(text(bundle).contains("\"code\" : \"72514-3\""))
                #expect(text(bundle).contains("\"system\" : \"http://hl7.org/fhir/sid/icd-10-cm\""))
            }
            try Self.validate(["session-visit-09.json": export.stdout, "report-daniel.json": report.stdout])
        }

        static func references(in node: Any) -> [String] {
            if let object = node as? [String: Any] {
                return object.flatMap { key, value in key == "reference" ? [value as? String ?? ""] : references(in: value) }
            }
            if let array = node as? [Any] { return array.flatMap(references(in:)) }
            return []
        }

        /// Writes the bundles where CI collects them (`KNEAD_FHIR_OUT`) and runs the independent
        /// validator when its virtual environment exists; under CI it must exist.
        static func validate(_ bundles: [String: [UInt8]]) throws {
            let environment = ProcessInfo.processInfo.environment
            let folder = environment["KNEAD_FHIR_OUT"].map { URL(fileURLWithPath: $0) }
                ?? FileManager.default.temporaryDirectory.appendingPathComponent("knead-fhir-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            defer { if environment["KNEAD_FHIR_OUT"] == nil { try? FileManager.default.removeItem(at: folder) } }
            for (name, bytes) in bundles {
                let file = folder.appendingPathComponent(name)
                try? FileManager.default.removeItem(at: file)
                #expect(FileManager.default.createFile(atPath: file.path, contents: Data(bytes), attributes: [.posixPermissions: 0o600]))
            }
            let python = repository.appendingPathComponent(".venv-fhir/bin/python")
            guard FileManager.default.isExecutableFile(atPath: python.path) else {
                #expect(environment["CI"] == nil, "CI needs the FHIR validator: python3 -m venv .venv-fhir && .venv-fhir/bin/pip install fhir.resources")
                return
            }
            let process = Process()
            process.executableURL = python
            process.arguments = [repository.appendingPathComponent(".ci/validate-fhir.py").path] + bundles.keys.sorted().map { folder.appendingPathComponent($0).path }
            let err = Pipe()
            process.standardError = err
            process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
            try process.run()
            let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "the FHIR validator refused a bundle:\n\(message)")
        }
    }
}
