import Foundation
import Testing
import KneadCore

/// Compares text with a file under Snapshots/, or writes the file when RECORD_SNAPSHOTS=1.
func assertTextSnapshot(_ text: String, named name: String, filePath: String = #filePath,
                        sourceLocation: SourceLocation = #_sourceLocation) {
    let url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        .appendingPathComponent("Snapshots").appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
        do { try Data(text.utf8).write(to: url) } catch { Issue.record("could not record \(name): \(error)", sourceLocation: sourceLocation) }
        return
    }
    guard let data = try? Data(contentsOf: url) else {
        Issue.record("No snapshot \(name); run with RECORD_SNAPSHOTS=1 to record it.", sourceLocation: sourceLocation)
        return
    }
    #expect(String(decoding: data, as: UTF8.self) == text, "snapshot \(name) differs", sourceLocation: sourceLocation)
}

/// A recorded session: two regions, techniques and pressure changed, check-ins, a finding, full aftercare.
enum RecordedSession {
    static let composer = NoteComposer(timeZone: TimeZone(identifier: "UTC")!)

    static func finished() throws -> Session {
        var session = try Session.working()                    // right shoulder, effleurage, Swedish
        session.advance(6 * 60)
        try session.accept(.changeTechnique(Fixture.triggerPoint))
        try session.accept(.changePressure(.deep, confirmed: false))
        session.advance(10 * 60)
        try session.accept(.checkIn(score: 7, region: Fixture.rightShoulder))
        try session.accept(.note("Trigger point, right upper trapezius, refers to the temple"))
        session.advance(4 * 60)
        try session.accept(.startWork(Fixture.work(Fixture.lumbarSpine, Technique("neuromuscular"), .lotioning)))
        session.advance(9 * 60 + 30)
        try session.accept(.checkIn(score: 2, region: Fixture.lumbarSpine))
        try session.accept(.endTreatment)
        session.advance(90)
        try session.accept(.recordAftercare(Aftercare(
            postPain: Fixture.score(3),
            regionPain: [RegionPain(region: Fixture.rightShoulder, score: Fixture.score(4)),
                         RegionPain(region: Fixture.lumbarSpine, score: Fixture.score(3))],
            advice: [Aftercare.standardAdvice[0], Aftercare.standardAdvice[2]],
            homeCare: "Doorway pec stretch, 3 × 30 s", heatOrCold: .heat, selfCare: "Breaks from the desk every hour",
            plan: "Weekly for 4 weeks", nextFocus: "Right upper trapezius", referral: "GP if the numbness returns",
            freeText: "Client ran 10 minutes late",
            additions: NoteAdditions(subjective: "Sleeps on the right side.", objective: "Forward head posture.",
                                     assessment: "Responding well to trigger point work.", plan: "Review goals at visit 4."))))
        return session
    }

    static func signedAndAmended() throws -> Session {
        var session = try finished()
        session.advance(60)
        try session.accept(.sign(by: "Dana Kim, LMT"))
        session.advance(3600)
        try session.accept(.amend(Amendment(by: "Dana Kim, LMT", reason: "Medication missed at intake",
                                            text: "Client also takes ibuprofen 400 mg as needed.\nNo change to the plan.")))
        return session
    }
}

@Suite("Note composer: the SOAP note from the events")
struct NoteComposerTests {
    @Test func aRecordedSessionComposesToTheSnapshotMarkdown() throws {
        let session = try RecordedSession.signedAndAmended()
        let note = RecordedSession.composer.compose(session.state, now: session.now)
        assertTextSnapshot(NoteDocument.markdown(note), named: "signed-amended-note.md")
        assertTextSnapshot(NoteDocument.text(note), named: "signed-amended-note.txt")
    }

    @Test func sectionsHoldWhatWasLogged() throws {
        let session = try RecordedSession.finished()
        let note = RecordedSession.composer.compose(session.state, now: session.now)
        #expect(note.subjective.contains("Complaint: \"Shoulder aches when I lift the baby.\""))
        #expect(note.subjective.contains("Other screening findings: past clot in the left calf"))
        #expect(note.subjective.contains("Deep-pressure caution on the left calf — Caution regions (L calf)"))
        #expect(note.subjective.last == "Sleeps on the right side.")
        #expect(note.objective.contains("right shoulder: effleurage, trigger point therapy; pressure 3–4; 20 min"))
        #expect(note.objective.contains("lumbar spine: neuromuscular therapy; pressure 2; 10 min"))
        #expect(note.objective.contains { $0.hasPrefix("Finding (") && $0.hasSuffix("refers to the temple") })
        // Per region: baseline before, the score after treatment; changes of 2 or more are called out.
        #expect(note.assessment.contains("Pain overall: 6/10 before → 3/10 after (meaningful improvement, 3 points)"))
        #expect(note.assessment.contains("left shoulder: 6 before; not rescored after"))
        #expect(note.assessment.contains("lumbar spine: 4 → 3"))
        #expect(note.assessment.contains("right shoulder: 7 (first check-in) → 4 (meaningful improvement, 3 points)"))
        #expect(note.plan.prefix(3) == ["Frequency: Weekly for 4 weeks", "Next visit focus: Right upper trapezius",
                                        "Referral: GP if the numbness returns"])
        #expect(note.plan.contains("Heat or cold: heat"))
        #expect(note.plan.last == "Review goals at visit 4.")
        // 20 min manual therapy (6 of it massage) and 9:30 neuromuscular → 6 + 14 + 9 = 29 min, 2 units.
        #expect(note.billing.codes == [BilledCode(code: "97112", minutes: 9, units: 1),
                                       BilledCode(code: "97124", minutes: 6, units: 0),
                                       BilledCode(code: "97140", minutes: 14, units: 1)])
        #expect(note.billingLines.last == "Total: 29 timed min → 2 units")
    }

    @Test func aWorseningIsCalledOutToo() throws {
        var session = try Session.working()
        session.advance(600)
        try session.accept(.endTreatment)
        try session.accept(.recordAftercare(Aftercare(postPain: Fixture.score(9), plan: "Refer")))
        let note = RecordedSession.composer.compose(session.state, now: session.now)
        #expect(note.assessment.first == "Pain overall: 6/10 before → 9/10 after (meaningful worsening, 3 points)")
    }

    @Test func thePreviewIsExactlyWhatIsSigned() throws {
        var session = try RecordedSession.finished()
        session.advance(60)
        let preview = RecordedSession.composer.compose(session.state, now: session.now)
        try session.accept(.sign(by: "Dana Kim, LMT"))
        session.advance(86_400)  // read a day later: the closed session composes the same
        let signed = RecordedSession.composer.compose(session.state, now: session.now)
        #expect(signed.title == preview.title)
        #expect(signed.sections.map(\.lines) == preview.sections.map(\.lines))
        #expect(preview.signatureLine == "Not signed.")
        #expect(signed.signatureLine.hasPrefix("Signed by Dana Kim, LMT at "))
    }

    @Test func amendmentsShowUnderTheOriginalWithTimeAndReason() throws {
        let session = try RecordedSession.signedAndAmended()
        let note = RecordedSession.composer.compose(session.state, now: session.now)
        let lines = note.lines
        let signedAt = try #require(lines.firstIndex { $0.hasPrefix("Signed by") })
        let amendedAt = try #require(lines.firstIndex { $0.hasPrefix("Amendment 1 by Dana Kim, LMT at ") })
        #expect(signedAt < amendedAt)
        #expect(lines[amendedAt].hasSuffix("— reason: Medication missed at intake"))
        #expect(lines[amendedAt + 1] == "  Client also takes ibuprofen 400 mg as needed.")
        // The original stays readable: the signed sections are what they were before the amendment.
        let original = RecordedSession.composer.compose(try RecordedSession.finished().state, now: session.now)
        #expect(note.sections.map(\.lines) == original.sections.map(\.lines))
        #expect(note.amendments.map(\.stamp) == ["2025-06-15 16:44"])
    }

    @Test func controlCharactersNeverReachADocumentRaw() throws {
        var session = try Session.working()
        try session.accept(.note("bad \u{1B}[2J and \u{9B}31m"))
        let note = RecordedSession.composer.compose(session.state, now: session.now)
        for document in [NoteDocument.markdown(note), NoteDocument.text(note)] {
            #expect(!document.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x9B })
            #expect(document.contains("bad \u{FFFD}\\[2J") || document.contains("bad \u{FFFD}[2J"))
        }
    }

    @Test func theHandoutIsPlainWordsWithoutCodes() throws {
        let session = try RecordedSession.signedAndAmended()
        let handout = ClientHandout(timeZone: TimeZone(identifier: "UTC")!).text(session.state)
        assertTextSnapshot(handout, named: "handout.txt")
        #expect(handout.hasPrefix("Aftercare for Majo — 15 June 2025"))
        for clinical in ["971", "unit", "SOAP", "trigger point", "Contraindication"] { #expect(!handout.contains(clinical)) }
        #expect(handout.contains("  • Drink water through the rest of the day."))
        #expect(handout.contains("Your therapist: Dana Kim, LMT"))
    }
}
