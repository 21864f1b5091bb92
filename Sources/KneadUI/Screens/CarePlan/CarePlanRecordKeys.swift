import Foundation
import KneadCore

/// The client record's keys: the form's, and the two that open the referral and the plan of care.
enum CarePlanRecordKeys {
    static func bindings(_ env: ScreenEnvironment) -> [Binding] {
        env.keymap.bindings(in: .form).filter { $0.action != .carePlan && $0.action != .toPlan } + env.keymap.bindings(in: .carePlanRecord)
    }
}

extension ClientRecordScreen {
    /// Opens the referral or the plan-of-care form of the client; leaving it comes back to this
    /// record as it was left (what was typed in it is still there).
    func openCarePlanForm(_ action: Action, _ env: ScreenEnvironment) {
        let what = action == .editReferral ? "referral" : "plan of care"
        guard !isNew else {
            env.say("Save the new client's record first (\(env.keyLabel(.save, in: .form))), then open it again to add the \(what).")
            return
        }
        guard let store = env.app.carePlanRecords else {
            env.say("This database keeps no referrals or plans of care.", .error)
            return
        }
        let client = original.client
        let today = CalendarDate(env.now, in: env.settings.timeZone)
        let back: (ScreenEnvironment) -> Void = { [self] env in env.show(self) }
        do {
            if action == .editReferral {
                env.show(ReferralScreen(client: client, referral: try store.referral(of: client.id), today: today, leave: back))
            } else {
                env.show(PlanOfCareScreen(client: client, plan: try store.plan(of: client.id), today: today, leave: back))
            }
            env.logAccess(.record, client: client.id, detail: what)
        } catch {
            env.say("Could not read the \(what): \(error)", .error)
        }
    }
}
