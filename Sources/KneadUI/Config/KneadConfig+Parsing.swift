import Foundation
import KneadCore
import TOMLKit

/// A config file read: what could be used, and a diagnostic for each problem.
public struct ConfigReading: Sendable {
    public var config: KneadConfig
    public var diagnostics: [ConfigDiagnostic]

    public init(config: KneadConfig = KneadConfig(), diagnostics: [ConfigDiagnostic] = []) {
        self.config = config
        self.diagnostics = diagnostics
    }
}

extension KneadConfig {
    /// The keys a config file may hold at its top level.
    static let topLevelKeys = ["theme", "therapist", "mouse", "session", "privacy", "techniques", "billing", "aftercare", "keys", "clinic"]

    /// Reads config text. Never fails: a syntax error leaves every setting at its default; any
    /// other problem leaves only the setting it concerns at its default. `file` names the file in
    /// diagnostics.
    public static func parse(_ text: String, file: String) -> ConfigReading {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            let problem = "\(error.description) (expected TOML such as `key = value`; nothing in the file was used, so every setting has its default)."
            return ConfigReading(diagnostics: [ConfigDiagnostic(file: file, line: error.source.begin.line, problem: problem)])
        } catch {
            return ConfigReading(diagnostics: [ConfigDiagnostic(file: file, line: nil, problem: "could not be read as TOML (\(error)); every setting has its default.")])
        }
        var reader = ConfigReader(file: file, lines: ConfigSourceLines(text))
        let config = reader.read(table)
        let ordered = reader.diagnostics.enumerated().sorted { ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset) }
        return ConfigReading(config: config, diagnostics: ordered.map(\.element))
    }
}

extension ConfigReader {
    mutating func read(_ root: TOMLTable) -> KneadConfig {
        var config = KneadConfig()
        reportUnknownKeys(root, at: [], known: KneadConfig.topLevelKeys)
        config.theme = string(root, "theme", at: [], expected: "a theme name in quotes, such as \"dim-room\", or a path to a .theme file")
        config.therapist = string(root, "therapist", at: [], expected: "the name signatures carry, in quotes")
        if let name = config.therapist, name.unicodeScalars.contains(where: SafeText.isUnsafe) {
            report(["therapist"], "therapist holds control characters or line breaks (expected the name signatures carry, on one line, in quotes); the default name is used.")
            config.therapist = nil
        }
        config.mouse = bool(root, "mouse", at: [])

        if let session = table(root, "session", at: []) {
            reportUnknownKeys(session, at: ["session"], known: ["planned_minutes", "checkin_reminder_minutes"])
            config.plannedMinutes = int(session, "planned_minutes", at: ["session"], range: plannedMinutesRange, unit: "minutes")
            config.checkInReminderMinutes = int(session, "checkin_reminder_minutes", at: ["session"],
                                                range: KneadConfig.Defaults.checkInReminderRange, unit: "minutes")
        }
        if let privacy = table(root, "privacy", at: []) {
            reportUnknownKeys(privacy, at: ["privacy"], known: ["show_names_during_treatment", "idle_blank_minutes"])
            config.showNamesDuringTreatment = bool(privacy, "show_names_during_treatment", at: ["privacy"])
            config.idleBlankMinutes = int(privacy, "idle_blank_minutes", at: ["privacy"],
                                          range: KneadConfig.Defaults.idleBlankRange, unit: "minutes (0: never)")
        }
        config.techniques = readTechniques(root)
        if let billing = table(root, "billing", at: []) {
            let known = config.techniqueCatalog.entries.map(\.technique.id)
                + BillingCodes.standard.codeByTechnique.keys.map(\.id).sorted()
            config.billing = readBilling(billing, known: known)
        }
        if let aftercare = table(root, "aftercare", at: []) {
            reportUnknownKeys(aftercare, at: ["aftercare"], known: ["advice", "standard_advice"])
            config.standardAdvice = bool(aftercare, "standard_advice", at: ["aftercare"])
            config.advice = readAdvice(aftercare)
        }
        if let clinic = table(root, "clinic", at: []) {
            reportUnknownKeys(clinic, at: ["clinic"], known: ["server", "interval"])
            config.clinicInterval = int(clinic, "interval", at: ["clinic"], range: 10...86_400, unit: "seconds")
            config.clinicServer = string(clinic, "server", at: ["clinic"],
                                         expected: "the clinic server's address in quotes, such as \"postgresql://clinic-db/knead\" (no password)")
        }
        if let keys = table(root, "keys", at: []) {
            config.keyOverrides = readKeys(keys, keymap: Keymap.standard(catalog: config.techniqueCatalog))
        }
        return config
    }

    // MARK: Techniques and billing

    static func isTechniqueID(_ id: String) -> Bool {
        guard let first = id.first, first.isASCII, first.isLetter || first.isNumber else { return false }
        return id.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
    }

    private mutating func readTechniques(_ root: TOMLTable) -> [TechniqueInfo] {
        guard let value = root["techniques"] else { return [] }
        guard let list = value.array else {
            report(["techniques"], "techniques is \(Self.found(value)) (expected [[techniques]] tables, one per technique).")
            return []
        }
        var accepted: [TechniqueInfo] = []
        var catalog = TechniqueCatalog.standard.entries
        for (index, item) in list.enumerated() {
            let path = ["techniques", String(index)]
            guard let entry = item.table else {
                report(path, "\(Self.name(path)) is \(Self.found(item)) (expected a [[techniques]] table).")
                continue
            }
            reportUnknownKeys(entry, at: path, known: ["id", "name", "key", "billing_code"])
            guard entry["id"] != nil else {
                report(path, "\(Self.name(path)) has no id (expected id = \"a-technique-id\"); the technique is left out.")
                continue
            }
            guard let id = string(entry, "id", at: path, expected: "an id of lower-case letters, digits and dashes, such as \"kinesio-taping\""),
                  Self.isTechniqueID(id) else {
                if let id = entry["id"]?.string, !id.isEmpty {
                    report(path + ["id"], "\(Self.name(path + ["id"])) \"\(id)\" is not an id (expected lower-case letters, digits and dashes, such as \"kinesio-taping\"); the technique is left out.")
                }
                continue
            }
            if accepted.contains(where: { $0.technique.id == id }) {
                report(path + ["id"], "technique \"\(id)\" is listed twice (expected each id once); the second is left out.")
                continue
            }
            let standard = TechniqueCatalog.standard.info(Technique(id))
            let name = string(entry, "name", at: path, expected: "the technique's name, in quotes") ?? standard?.name
                ?? id.replacingOccurrences(of: "-", with: " ")
            var key: Character? = standard?.key
            if let value = entry["key"] {
                if let text = value.string, text.count == 1, let c = text.first, !c.isWhitespace,
                   !c.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                    key = c
                } else {
                    report(path + ["key"], "\(Self.name(path + ["key"])) is \(Self.found(value)) (expected one character in quotes, such as \"k\").")
                    key = standard?.key
                }
            } else if standard == nil {
                report(path, "technique \"\(id)\" has no key (expected key = \"k\", the letter that picks it in the technique menu); the technique is left out.")
                continue
            }
            guard let key else { continue }
            if let other = catalog.first(where: { $0.key == key && $0.technique.id != id }) {
                report(path + ["key"], "technique \"\(id)\": key \"\(key)\" already picks \(other.name) in the technique menu (expected a key no other technique uses); the technique is left out.")
                continue
            }
            let code = billingCode(entry["billing_code"], at: path + ["billing_code"]) ?? standard?.billingCode ?? ""
            let info = TechniqueInfo(id, name: name, key: key, billingCode: code)
            accepted.append(info)
            if let at = catalog.firstIndex(where: { $0.technique.id == id }) { catalog[at] = info } else { catalog.append(info) }
        }
        return accepted
    }

    /// A billing code written as text or as a number; empty text means not billed.
    private mutating func billingCode(_ value: TOMLValueConvertible?, at path: [String]) -> String? {
        guard let value else { return nil }
        if let number = value.int, number >= 0 { return String(number) }
        if let text = value.string?.trimmingCharacters(in: .whitespaces),
           text.count <= 12, text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
            return text
        }
        report(path, "\(Self.name(path)) is \(Self.found(value)) (expected a billing code such as \"97124\", or \"\" for not billed).")
        return nil
    }

    private mutating func readBilling(_ table: TOMLTable, known: [String]) -> [String: String] {
        var codes: [String: String] = [:]
        for id in table.keys {
            guard Self.isTechniqueID(id) else {
                report(["billing", id], "billing key \"\(id)\" is not a technique id (expected an id such as deep-tissue = \"97140\").")
                continue
            }
            guard known.contains(id) else {
                let hint = Self.suggestion(for: id, among: known).map { "did you mean \($0)? " } ?? ""
                report(["billing", id], "billing key \"\(id)\" names no technique (\(hint)expected a standard technique id or one added under [[techniques]]); it is left out.")
                continue
            }
            if let code = billingCode(table[id], at: ["billing", id]) { codes[id] = code }
        }
        return codes
    }

    // MARK: Aftercare

    private mutating func readAdvice(_ table: TOMLTable) -> [String] {
        guard let value = table["advice"] else { return [] }
        guard let list = value.array else {
            report(["aftercare", "advice"], "aftercare.advice is \(Self.found(value)) (expected a list of sentences, such as advice = [\"Walk for ten minutes.\"]).")
            return []
        }
        var advice: [String] = []
        for (index, item) in list.enumerated() {
            guard let text = item.string?.trimmingCharacters(in: .whitespaces), !text.isEmpty, text.count <= 200,
                  !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                report(["aftercare", "advice"], "aftercare.advice item \(index + 1) is \(Self.found(item)) (expected a sentence in quotes, on one line, up to 200 characters); it is left out.")
                continue
            }
            advice.append(text)
        }
        return advice
    }
}

extension ConfigReading {
    /// One line for the app's status bar: the first problem (the file by its name only, to fit),
    /// and how many more there are.
    public var notice: String? {
        guard var first = diagnostics.first else { return nil }
        first.file = URL(fileURLWithPath: first.file).lastPathComponent
        let more = diagnostics.count - 1
        let rest = more == 0 ? "" : " (\(more) more problem\(more == 1 ? "" : "s"))"
        return "\(first)\(rest) Run knead config --check for the details."
    }
}
