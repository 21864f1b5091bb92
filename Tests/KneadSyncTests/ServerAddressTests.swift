import Testing
@testable import KneadSync

@Suite("The clinic server's address")
struct ServerAddressTests {
    @Test("An address holding a password is refused, wherever it comes from, with a sentence that does not repeat it",
          arguments: ["postgresql://dana:s3cret@clinic-db/knead", "postgres://dana:s3cret@clinic-db:5433/knead?sslmode=require",
                      "postgresql://clinic-db/knead?password=s3cret", "host=clinic-db dbname=knead password=s3cret"])
    func passwordRefused(address: String) {
        for source in [ServerAddress.Source.option, .environment, .config] {
            #expect(throws: SyncError.passwordInAddress(source: source.rawValue)) { try ServerAddress(address, source: source) }
        }
        #expect(!SyncError.passwordInAddress(source: "--server").description.contains("s3cret"))
        #expect(SyncError.passwordInAddress(source: "--server").description.contains("~/.pgpass"))
    }

    @Test("Addresses without a password are taken as they are, and shown without user or query",
          arguments: [("postgresql://dana@clinic-db/knead?sslmode=require", "clinic-db/knead"),
                      ("postgresql://knead@/clinic?host=/run/postgresql&port=5433", "/run/postgresql/clinic"),
                      ("host=clinic-db dbname=knead user=dana", "clinic-db/knead")])
    func accepted(address: String, shown: String) throws {
        let parsed = try ServerAddress(address, source: .option)
        #expect(parsed.connectionString == address)
        #expect(parsed.display == shown)
    }

    @Test("The command line wins over KNEAD_CLINIC_SERVER, which wins over the config file; none is nil")
    func precedence() throws {
        let env = ["KNEAD_CLINIC_SERVER": "postgresql://env-db/knead"]
        #expect(try ServerAddress.resolve(option: "postgresql://cli-db/knead", environment: env, config: "postgresql://file-db/knead")?
            .connectionString == "postgresql://cli-db/knead")
        #expect(try ServerAddress.resolve(option: nil, environment: env, config: "postgresql://file-db/knead")?
            .connectionString == "postgresql://env-db/knead")
        #expect(try ServerAddress.resolve(option: nil, environment: [:], config: "postgresql://file-db/knead")?
            .connectionString == "postgresql://file-db/knead")
        #expect(try ServerAddress.resolve(option: nil, environment: [:], config: nil) == nil)
        #expect(throws: SyncError.noServer) { try ServerAddress("  ", source: .option) }
    }

    @Test("A server message never drives the terminal: control characters are replaced")
    func printable() {
        #expect(SyncError.printable("bad\u{1B}[2Jthing") == "bad\u{FFFD}[2Jthing")
    }
}
