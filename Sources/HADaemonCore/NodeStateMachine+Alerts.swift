import HAProtocol

/// A log file that is losing lines, as the shell's log writer reports it.
public struct LogLoss: Hashable, Sendable {
    public var path: String
    /// Lines lost since the last one that got through.
    public var lost: Int
    /// Why the last write failed (`No space left on device`).
    public var reason: String

    public init(path: String, lost: Int, reason: String) {
        self.path = path
        self.lost = lost
        self.reason = reason
    }
}

extension NodeStateMachine {
    /// Every alert the daemon shows, derived here and nowhere else.
    ///
    /// The order is the one the snapshot has always had: the core's own alerts (split brain,
    /// failed or hanging groups, refused messages) most severe first, then datagrams refused on
    /// the wire by cause, then log files losing lines.
    func alerts(at now: MonotonicTime, groups: [GroupSnapshot], logLosses: [LogLoss]) -> [Alert] {
        var alerts = Array(alerts.values)
        for group in groups where group.holders.count > 1 && group.state == .running {
            alerts.append(
                Alert(
                    kind: .splitBrain, severity: .critical, message: "\(group.holders.joined(separator: " and ")) both hold \(group.key)",
                    evidence: group.holders.map { "\($0) reports it holds \(group.key)" }, group: group.key))
        }
        if let running = runningAction, let since = runningActionSince, now - since >= config.slowActionAfter {
            let seconds = (now - since).milliseconds / 1000
            alerts.append(
                Alert(
                    kind: .resourceFailed, severity: .warning,
                    message: "group \(running.key) \(running.action.rawValue) on \(config.me) has run \(seconds) s and may be hung",
                    evidence: ["a resource script of the group has not returned; it is killed at its timeout"], node: config.me,
                    group: running.key))
        }
        alerts += fenceAlerts(at: now)
        alerts += droppedPackets.messageAlerts
        if let override = unfencedOverrideAlert { alerts.append(override) }
        alerts.sort { ($0.severity, $0.message) > ($1.severity, $1.message) }
        alerts += droppedPackets.wireAlerts
        for loss in logLosses {
            alerts.append(
                Alert(
                    kind: .logFailed, severity: .warning, message: "\(loss.lost) log line(s) lost: cannot write \(loss.path): \(loss.reason)",
                    evidence: ["the log will say how many lines were lost once it can be written again"]))
        }
        return alerts
    }

    /// While `--allow-unfenced` lifts fencing-class lines: a critical alert naming each of them.
    var unfencedOverrideAlert: Alert? {
        let lines = config.unfencedLines
        guard !lines.isEmpty else { return nil }
        let named = lines.map { "\($0.directive) (line \($0.line))" }.joined(separator: ", ")
        return Alert(
            kind: .unfencedOverride, severity: .critical,
            message: "running unfenced by override (--allow-unfenced): \(config.me) does not honour \(named)",
            evidence: lines.map { "\($0): not honoured by hadaemon" }, node: config.me)
    }

    /// A dead peer whose groups wait for its reset: "not fenced yet" while the first attempt
    /// waits or runs, "fencing failing" once the device has refused.
    func fenceAlerts(at now: MonotonicTime) -> [Alert] {
        fences.values.sorted { $0.victim < $1.victim }.map { fence in
            let seconds = (now - fence.since).milliseconds / 1000
            if case .running = fence.phase, fence.device.isManual { return manualFenceAlert(fence, at: now) }
            guard fence.failures > 0 else {
                let evidence =
                    switch fence.phase {
                    case .waiting(let until):
                        "the reset waits \((until - now).milliseconds) ms more: a peer holding groups may shoot first"
                    default: "\(fence.device.type) has been resetting \(fence.victim) for \(seconds) s"
                    }
                return Alert(
                    kind: .nodeDead, severity: .warning, message: "\(fence.victim) is dead and not fenced yet; its groups wait for the reset",
                    evidence: [evidence], node: fence.victim)
            }
            return Alert(
                kind: .nodeDead, severity: .critical,
                message: "fencing \(fence.victim) is failing: \(fence.failures) attempt(s) with \(fence.device.type); its groups stay stopped",
                evidence: ["STONITH of \(fence.victim) failed.  Retrying...", fence.lastFailure ?? "the device did not confirm"],
                node: fence.victim)
        }
    }
}
