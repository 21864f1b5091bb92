import Foundation
import Testing
import KneadCore
@testable import KneadUI

@Suite("Config file: [clinic]")
struct ClinicConfigTests {
    func read(_ text: String) -> ConfigReading { KneadConfig.parse(text, file: "/home/sam/.config/knead/config.toml") }

    @Test("[clinic] server and interval are read; an interval out of range is reported with its range and left at the default")
    func clinicTable() throws {
        let good = read("""
            [clinic]
            server = "postgresql://clinic-db/knead"
            interval = 30
            """)
        #expect(good.diagnostics.isEmpty)
        #expect(good.config.clinicServer == "postgresql://clinic-db/knead")
        #expect(good.config.clinicInterval == 30)

        let tooOften = read("[clinic]\ninterval = 2\n")
        #expect(tooOften.config.clinicInterval == nil)
        #expect(tooOften.diagnostics.map(\.description).contains { $0.contains("interval") && $0.contains("from 10 to 86400") })
        #expect(read("[clinic]\ninterval = \"often\"\n").config.clinicInterval == nil)
        #expect(read("[clinic]\nintervall = 30\n").diagnostics.map(\.description).contains { $0.contains("intervall") })
    }
}
