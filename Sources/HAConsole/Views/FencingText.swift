import HAProtocol

/// The words the fencing panel, the nodes panel's title and `haconsole status` share, so the
/// screen and the text report say the same thing about a reset.
enum FencingText {
    /// Finished resets shown: crm_mon's fencing history keeps the last few, newest first.
    static let historyShown = 3

    /// `alpha fences with external/ssh`, or `no fencing configured`. A daemon older than the
    /// device field that still reports a history has a device it does not name.
    static func device(_ snapshot: ClusterSnapshot) -> (text: String, configured: Bool) {
        if let device = snapshot.fenceDevice { return ("\(snapshot.localNode) fences with \(device)", true) }
        if snapshot.fencing != nil { return ("\(snapshot.localNode) fences", true) }
        return ("no fencing configured", false)
    }

    /// One reset in progress: `resetting bravo with external/ssh for 12s, attempt 2`, and what
    /// the device last said after a failure.
    static func inProgress(_ fence: FenceInProgress) -> String {
        let dead = DisplayFormat.duration(milliseconds: fence.age)
        let next = fence.nextAttemptIn.map { DisplayFormat.duration(milliseconds: $0) } ?? "-"
        let what: String =
            switch fence.phase {
            case .waiting: "\(fence.victim) dead \(dead): reset with \(fence.device) waits \(next) (the holder shoots first)"
            case .running: "resetting \(fence.victim) with \(fence.device), dead \(dead), attempt \(fence.attempt)"
            case .retrying:
                "resetting \(fence.victim) with \(fence.device) failed \(fence.failures)x, dead \(dead), attempt \(fence.attempt) in \(next)"
            case .unknown: "fencing \(fence.victim) with \(fence.device), dead \(dead), attempt \(fence.attempt)"
            }
        return what + (fence.lastFailure.map { "; last: \($0)" } ?? "")
    }

    /// `OK`, `FAILED` or `BADHOST` for a finished reset.
    static func result(_ record: FenceRecord) -> (word: String, ok: Bool) {
        switch record.result {
        case "OK": ("OK", true)
        case "badhost": ("BADHOST", false)
        default: ("FAILED", false)
        }
    }

    /// The last ``historyShown`` finished resets, newest first.
    static func history(_ snapshot: ClusterSnapshot) -> [FenceRecord] {
        Array((snapshot.fencing ?? []).suffix(historyShown).reversed())
    }
}
