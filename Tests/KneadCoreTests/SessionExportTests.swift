import Foundation
import Testing
import KneadCore

@Suite("Export: JSON back to the same facts")
struct SessionExportTests {
    @Test func jsonRoundTripsToTheSameFacts() throws {
        let session = try RecordedSession.signedAndAmended()
        let state = session.state
        let export = SessionExport(state, now: session.now, composer: RecordedSession.composer)
        let json = try export.json()
        let back = try SessionExport.decode(json: Data(json.utf8))
        #expect(back == export)

        #expect(back.schemaVersion == 1)
        #expect(back.session.id == state.id.rawValue)
        #expect(back.session.phase == .signed)
        #expect(back.session.startedAt == state.startedAt)
        #expect(back.client.name == Fixture.client.name)
        #expect(back.assessment == state.assessment)
        #expect(back.aftercare == state.aftercare)
        #expect(back.work.map(\.region) == state.segments.map(\.work.region))
        #expect(back.work.map(\.technique) == state.segments.map(\.work.technique))
        #expect(back.work.map(\.pressure) == state.segments.map(\.work.pressure))
        #expect(back.work.map(\.from) == state.segments.map(\.from))
        #expect(back.work.map(\.to) == state.segments.map(\.to))
        #expect(back.checkIns.map(\.score) == state.checkIns.map(\.value.score))
        #expect(back.findings.map(\.text) == state.notes.map(\.value))
        #expect(back.billing.codes == BillingUnits(secondsByTechnique: state.secondsByTechnique(upTo: session.now)).codes)
        #expect(back.billing.totalUnits == 2)
        #expect(back.signature?.by == "Dana Kim, LMT")
        #expect(back.signature?.at == state.signature?.at)
        #expect(back.amendments.map(\.reason) == ["Medication missed at intake"])
        #expect(back.note.assessment == RecordedSession.composer.compose(state, now: session.now).assessment)
    }

    @Test func theJsonNamesItsSchemaAndUsesStableValues() throws {
        let session = try RecordedSession.finished()
        let json = try SessionExport(session.state, now: session.now, composer: RecordedSession.composer).json()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == 1)
        // Optional facts (here the signature of an unsigned note) are left out when absent.
        #expect(Set(object.keys) == ["schemaVersion", "session", "client", "assessment", "work", "checkIns", "findings",
                                     "aftercare", "billing", "note", "amendments"])
        let work = try #require(object["work"] as? [[String: Any]])
        #expect(work.first?["region"] as? String == "shoulder.right")
        #expect(work.first?["pressure"] as? Int == 3)
        #expect(work.first?["billingCode"] as? String == "97124")
        let session0 = try #require(object["session"] as? [String: Any])
        #expect(session0["startedAt"] as? String == "2025-06-15T15:06:40Z")
    }

    @Test func controlCharactersAreEscapedInJson() throws {
        var session = try Session.working()
        try session.accept(.note("a \u{1B}[2J b \u{9B}31m"))
        let json = try SessionExport(session.state, now: session.now, composer: RecordedSession.composer).json()
        #expect(!json.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x9B })
        let back = try SessionExport.decode(json: Data(json.utf8))
        #expect(back.findings.map(\.text) == ["a \u{1B}[2J b \u{9B}31m"])  // escaped, not lost
    }
}
