import Foundation

/// An ICD-10-CM diagnosis code such as `M54.42`: a letter, two characters (digits, or a digit
/// and a letter), then after a dot one to four letters or digits.
public struct ICD10Code: Hashable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: String

    /// A code, or nil when the text does not have the ICD-10-CM form. Case is normalised to
    /// capitals; the dot is required when characters follow the category (`M5442` is refused).
    public init?(_ text: String) {
        let code = text.trimmingCharacters(in: .whitespaces).uppercased()
        let parts = code.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let category = parts.first, category.count == 3 else { return nil }
        let c = Array(category)
        guard c[0].isASCII, c[0].isLetter, c[1].isASCIIDigitCharacter,
              c[2].isASCIIDigitCharacter || (c[2].isASCII && c[2].isLetter) else { return nil }
        if parts.count == 2 {
            let rest = parts[1]
            guard (1...4).contains(rest.count), rest.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
        }
        rawValue = code
    }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let code = ICD10Code(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "'\(text)' is not an ICD-10-CM code"))
        }
        self = code
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}

/// A diagnosis: the ICD-10-CM code and the words that go with it.
public struct Diagnosis: Hashable, Codable, Sendable {
    public var code: ICD10Code
    public var text: String
    public init(code: ICD10Code, text: String) {
        self.code = code
        self.text = text
    }
}

/// The clinician who referred the client.
public struct ReferringClinician: Hashable, Codable, Sendable {
    public var name: String
    public var practice: String
    /// Phone, fax or e-mail, as the practice gave it.
    public var contact: String
    public init(name: String, practice: String = "", contact: String = "") {
        self.name = name
        self.practice = practice
        self.contact = contact
    }
}

/// A physician's referral for massage: who sent the client, why, and what was ordered.
///
/// Saved per client, every version kept with its time, like the client record.
public struct Referral: Hashable, Codable, Sendable {
    public var clinician: ReferringClinician
    /// The day the referral was written; visits before it are outside it.
    public var date: CalendarDate
    public var diagnosis: Diagnosis
    /// What was ordered, in the clinician's words ("1–2 × a week").
    public var frequency: String
    /// How many visits were ordered.
    public var visits: Int
    /// The last day the referral covers, when it has one.
    public var expires: CalendarDate?
    public var notes: String

    public init(clinician: ReferringClinician, date: CalendarDate, diagnosis: Diagnosis, frequency: String,
                visits: Int, expires: CalendarDate?, notes: String = "") {
        self.clinician = clinician
        self.date = date
        self.diagnosis = diagnosis
        self.frequency = frequency
        self.visits = visits
        self.expires = expires
        self.notes = notes
    }

    /// What is wrong with the referral, in sentences; empty when it can be saved.
    public func problems() -> [String] {
        var problems: [String] = []
        if clinician.name.isBlank { problems.append("A referral needs the referring clinician's name.") }
        if diagnosis.text.isBlank { problems.append("Describe the diagnosis in words beside its code.") }
        if !(1...200).contains(visits) { problems.append("The number of visits ordered must be between 1 and 200.") }
        if let expires, expires < date { problems.append("The referral expires (\(expires)) before it was written (\(date)).") }
        let singleLine = [clinician.name, clinician.practice, clinician.contact, diagnosis.text, frequency]
        let multiLine = [notes]
        if singleLine.contains(where: { $0.hasControlCharacters(allowingNewlines: false) })
            || multiLine.contains(where: { $0.hasControlCharacters(allowingNewlines: true) }) {
            problems.append("Remove the control characters (they cannot be printed).")
        }
        return problems
    }

    /// Whether a visit on a day falls within the referral's dates.
    public func covers(_ day: CalendarDate) -> Bool {
        day >= date && (expires.map { day <= $0 } ?? true)
    }
}
