import HAProtocol

extension StatusReport {
    /// The text report's fencing lines, in the words of the console's fencing panel: the device,
    /// each reset in progress, the last few finished ones newest first. None for `cl_status`,
    /// which tells nothing about fencing.
    static func fencingLines(_ snapshot: ClusterSnapshot, fromHeartbeat: Bool) -> [String] {
        guard !fromHeartbeat else { return [] }
        let (device, configured) = FencingText.device(snapshot)
        var out = ["  fencing: \(configured ? device : "none configured")"]
        for fence in snapshot.fencesInProgress ?? [] {
            out.append("  fencing now: \(FencingText.inProgress(fence))")
        }
        for record in FencingText.history(snapshot) {
            let (word, _) = FencingText.result(record)
            let ago = DisplayFormat.duration(milliseconds: record.age)
            out.append(
                "  fenced \(record.victim) with \(record.device): \(word) in \(DisplayFormat.duration(milliseconds: record.duration)), "
                    + "\(ago) ago (by \(record.fencer))\(record.detail.map { ": \($0)" } ?? "")")
        }
        return out
    }
}
