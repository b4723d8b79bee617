import Foundation

/// Finds every figure where hadaemon is not ahead of another implementation and says why, from
/// what each implementation does (the formulas are keepalived-observed.md's and
/// heartbeat-3.0.6-observed.md §3's), with the profile's numbers filled in.
enum NotAheadReasons {
    /// hadaemon is ahead when its median is lower by more than `resolutionMS` (the watcher's
    /// sampling period): everything else is listed, a tie as well as a loss.
    static func list(_ rows: [CompareResults.Row], profiles: [TimerProfile], resolutionMS: Double) -> [CompareResults.NotAhead] {
        var result: [CompareResults.NotAhead] = []
        for row in rows {
            guard let ours = row.median(.hadaemon), let profile = profiles.first(where: { $0.name == row.profile }) else { continue }
            for implementation in Implementation.allCases where implementation != .hadaemon {
                guard let theirs = row.median(implementation), ours >= theirs - resolutionMS else { continue }
                let verdict = abs(ours - theirs) <= resolutionMS ? "tie" : "behind"
                result.append(
                    CompareResults.NotAhead(
                        profile: row.profile, figure: row.figure, implementation: implementation, oursMS: ours, theirsMS: theirs, verdict: verdict,
                        reason: reason(
                            row.figure, implementation, profile, verdict: verdict, bothZero: ours < 0.5 && theirs < 0.5, resolutionMS: resolutionMS)))
            }
        }
        return result
    }

    /// Why `implementation` matches or beats hadaemon on `figure` under `profile`.
    static func reason(
        _ figure: CompareFigure, _ implementation: Implementation, _ profile: TimerProfile, verdict: String, bothZero: Bool = false,
        resolutionMS: Double
    ) -> String {
        let noise = "the same within the watcher's resolution (±\(format(resolutionMS)) ms)"
        if implementation == .pacemaker {
            return verdict == "tie" ? noise : pacemakerReason(figure, profile)
        }
        guard implementation == .keepalived else {
            return verdict == "tie"
                ? noise
                : "Heartbeat follows the same rules for this figure; a difference this small is the noise of a shared 2-core machine"
        }
        let advert = Double(profile.keepaliveMS)
        let skew = (256.0 - 100) / 256 * advert
        switch figure {
        case .killTakeover, .cutTakeover:
            let keepalives = Double(profile.deadtimeMS) / advert
            return "timers not directly comparable: keepalived's backup declares the master down after Master_Down_Interval = "
                + "3 × advert_int + Skew_Time = 3.61 × \(format(advert)) ms = \(format(3.609 * advert)) ms after the last advert "
                + "(\(format(2.609 * advert))–\(format(3.609 * advert)) ms after the fault), fixed by the VRRP standard; hadaemon, like "
                + "Heartbeat, waits the deadtime the profile configures, \(profile.deadtimeMS) ms = \(format(keepalives)) keepalives. "
                + "With deadtime ≤ 3.6 keepalives (the 50 ms profile has 3) hadaemon detects at least as soon"
        case .stopTakeover:
            return "keepalived's stopping master sends a priority-0 advert and the backup waits only Skew_Time = 0.61 × advert_int "
                + "= \(format(skew)) ms before it adds the address over netlink from its own process; hadaemon's hand-over is a fixed "
                + "chain: alpha's hbdummy stop script and `ip addr del`, its shutdown notice, then bravo's `ip addr add` (spawned commands)"
        case .stopNoHolder:
            return "keepalived deletes the address as it sends the priority-0 advert and the backup adds it Skew_Time "
                + "(\(format(skew)) ms) later; hadaemon's gap runs from alpha's `ip addr del` through its notice to bravo's `ip addr add`"
        case .stopExit:
            return "keepalived's parent exits once its VRRP child has sent the priority-0 advert and deleted the address; "
                + "hadaemon exits after its resource scripts have stopped the group and the peer has been told"
        case .failbackReturn:
            return "keepalived's restarted master preempts after its own Master_Down_Interval, 3.41 × advert_int = "
                + "\(format(3.414 * advert)) ms; hadaemon rejoins, then asks for its resources and waits for bravo to release them first"
        case .failbackNoHolder:
            return "keepalived preempts make-before-break: the returning master adds the address and the backup deletes it when it "
                + "hears the higher-priority advert, in the same millisecond (an instant with two holders); hadaemon keeps "
                + "Heartbeat's break-before-make order (bravo's `ip addr del`, a message, then alpha's `ip addr add`), so the "
                + "address is never on two nodes, at the cost of a message and one spawned `ip` with no holder"
        case .healNoHolder:
            return verdict == "tie"
                ? "both keep the address on one node throughout the heal (no gap): keepalived's higher-priority master "
                    + "re-advertises at once and the backup yields; hadaemon keeps the holder and has the other release"
                : "keepalived never releases on the winning node; hadaemon's gap here is " + noise
        case .healDoubleHolding where bothZero:
            return "both resolved it before the heal command was done: the zero is the end of the second `iptables` command, "
                + "whose rule is gone a few ms before the command is reaped, and with a packet every \(format(advert)) ms the "
                + "first one in that window settles it"
        case .healDoubleHolding:
            return "both wait for the first packet after the heal, up to one interval (\(format(advert)) ms) at a random phase, "
                + "so with few runs the medians mostly show that phase; then keepalived's backup yields on the first higher-priority "
                + "advert (alpha answers bravo's first advert at once, \"forcing new election\") and deletes the address over "
                + "netlink, while hadaemon exchanges what each side holds and runs bravo's hbdummy stop script and `ip addr del`. "
                + "The zero is the end of the second `iptables` command: what resolves while it runs counts as 0"
        }
    }

    /// Why Pacemaker + Corosync beats hadaemon on `figure` (not expected on any: its detection
    /// alone is token + consensus, and every hand-over goes through the DC's scheduler).
    static func pacemakerReason(_ figure: CompareFigure, _ profile: TimerProfile) -> String {
        switch figure {
        case .killTakeover, .cutTakeover:
            "corosync's token (\(profile.deadtimeMS) ms, the deadtime) runs from the last token received, as hadaemon's deadtime "
                + "runs from the last heartbeat heard; with consensus on top Pacemaker should not detect sooner, so this is the phase "
                + "of the fault and the noise of a shared 2-core machine"
        case .failbackNoHolder, .stopNoHolder, .healNoHolder:
            "Pacemaker also moves a group break-before-make (stop on one node, then start on the other), so a shorter gap is the "
                + "timing of its agents against hadaemon's spawned scripts on a shared 2-core machine"
        default:
            "Pacemaker's DC plans the move and the execd runs the same kind of agents; a lower figure here is the timing of its "
                + "agents against hadaemon's spawned scripts on a shared 2-core machine"
        }
    }

    /// `609`, `60.9`, `3.4`: three significant digits at most, no trailing zeros.
    static func format(_ value: Double) -> String {
        if value >= 100 || value == value.rounded() { return String(Int(value.rounded())) }
        let text = String(format: value >= 10 ? "%.1f" : "%.2f", value)
        return text.contains(".")
            ? String(text.reversed().drop { $0 == "0" }.reversed()).trimmingCharacters(in: CharacterSet(charactersIn: ".")) : text
    }
}
