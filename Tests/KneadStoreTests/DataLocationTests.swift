import Foundation
import Testing
@testable import KneadStore

@Suite("Where the data folder is")
struct DataLocationTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let label: String
        let dataDir: String?
        let environment: [String: String]
        let expected: String
        var testDescription: String { label }
    }

    static let everything = ["KNEAD_DATA_DIR": "/env/knead", "XDG_DATA_HOME": "/xdg", "HOME": "/home/sam"]

    static let cases: [Case] = [
        Case(label: "--data-dir wins over everything", dataDir: "/flag", environment: everything, expected: "/flag"),
        Case(label: "KNEAD_DATA_DIR next", dataDir: nil, environment: everything, expected: "/env/knead"),
        Case(label: "empty --data-dir counts as unset", dataDir: "", environment: everything, expected: "/env/knead"),
        Case(label: "XDG_DATA_HOME next", dataDir: nil,
             environment: ["KNEAD_DATA_DIR": "", "XDG_DATA_HOME": "/xdg", "HOME": "/home/sam"], expected: "/xdg/knead"),
        Case(label: "relative XDG_DATA_HOME is ignored", dataDir: nil,
             environment: ["XDG_DATA_HOME": "relative/data", "HOME": "/home/sam"],
             expected: "/home/sam/.local/share/knead"),
        Case(label: "home folder last", dataDir: nil, environment: ["HOME": "/home/sam"],
             expected: "/home/sam/.local/share/knead"),
        Case(label: "~ in --data-dir means home", dataDir: "~/clinic", environment: ["HOME": "/home/sam"],
             expected: "/home/sam/clinic"),
        Case(label: "~ in KNEAD_DATA_DIR means home", dataDir: nil,
             environment: ["KNEAD_DATA_DIR": "~/k", "HOME": "/home/sam"], expected: "/home/sam/k"),
    ]

    @Test(arguments: cases)
    func precedence(_ c: Case) throws {
        let location = try DataLocation.resolve(dataDir: c.dataDir, environment: c.environment)
        #expect(location.folder.path == c.expected)
        #expect(location.databaseFile.path == c.expected + "/knead.sqlite")
    }

    @Test("Without any folder or home, resolving fails with a sentence that names --data-dir")
    func noHome() {
        #expect(throws: StoreError.noDataFolder) {
            try DataLocation.resolve(dataDir: nil, environment: ["PATH": "/usr/bin"])
        }
        #expect(StoreError.noDataFolder.description.contains("--data-dir"))
    }
}
