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

    /// One reset in progress, the essentials first so 80 columns keep them:
    /// `resetting bravo: attempt 3 in 4.0s, failed 2x, dead 12s, with external/ssh; last: …`.
    /// A meatware reset says who must act, within 80 columns for short names: `resetting alpha: a
    /// human must confirm it is off, dead 2m05s, with meatware`.
    static func inProgress(_ fence: FenceInProgress) -> String {
        if fence.phase == .awaitingOperator {
            let dead = DisplayFormat.duration(milliseconds: fence.age)
            return "resetting \(fence.victim): a human must confirm it is off, dead \(dead), with \(fence.device)"
        }
        let next = fence.nextAttemptIn.map { DisplayFormat.duration(milliseconds: $0) }
        let step =
            fence.phase == .waiting
            ? "waits \(next ?? "-") for the holder to shoot first"
            : "attempt \(fence.attempt)\(next.map { " in \($0)" } ?? "")\(fence.failures > 0 ? ", failed \(fence.failures)x" : "")"
        let dead = DisplayFormat.duration(milliseconds: fence.age)
        return "resetting \(fence.victim): \(step), dead \(dead), with \(fence.device)" + (fence.lastFailure.map { "; last: \($0)" } ?? "")
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
