import Foundation
import KneadCore
import KneadStore
import KneadSync
import KneadUI

/// Starts the background clinic sync when a clinic server is configured (`KNEAD_CLINIC_SERVER` or
/// `[clinic] server`), and gives the app the title bar's few words about it.
struct ClinicWorkerLaunch {
    /// The running worker; nil without a clinic server.
    let worker: ClinicSyncWorker?
    /// A sentence for the app to show at start when the configured address cannot be used.
    let notice: String?

    /// The default seconds between syncs while nothing is written.
    static let defaultInterval = 60

    static func start(enabled: Bool, journal: SessionJournal, clock: any Clock, config: KneadConfig, therapist: String,
                      environment: [String: String]) -> ClinicWorkerLaunch {
        guard enabled, let store = journal as? SQLiteJournal else { return ClinicWorkerLaunch(worker: nil, notice: nil) }
        let address: ServerAddress
        do {
            guard let resolved = try ServerAddress.resolve(option: nil, environment: environment, config: config.clinicServer)
            else { return ClinicWorkerLaunch(worker: nil, notice: nil) }
            address = resolved
        } catch {
            return ClinicWorkerLaunch(worker: nil, notice: "Clinic sync is off: \(error)")
        }
        let worker = ClinicSyncWorker(journal: store, address: address, therapist: therapist,
                                      interval: TimeInterval(config.clinicInterval ?? defaultInterval), clock: clock)
        worker.start()
        return ClinicWorkerLaunch(worker: worker, notice: nil)
    }

    /// The title bar's provider: the worker's status in a few words, its times written as the app
    /// writes them (in the time zone the settings have now).
    func statusProvider() -> ClinicStatusProvider? {
        guard let worker else { return nil }
        return { time in worker.status.shortText(time: time) }
    }

    /// The app's notice provider: the sentence about this machine's clock, when the last sync found it far off.
    func noticeProvider() -> (@Sendable () -> String?)? {
        guard let worker else { return nil }
        return { worker.status.clockNotice }
    }
}
