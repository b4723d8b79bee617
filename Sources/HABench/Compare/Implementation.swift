import ArgumentParser
import HATestSupport

/// One of the programs `habench compare` runs side by side on the same kind of pair.
enum Implementation: String, CaseIterable, Sendable, Codable, ExpressibleByArgument {
    /// Ours, built beside habench.
    case hadaemon
    /// Linux-HA Heartbeat 3.0.6 (Debian `heartbeat`), the same ha.cf, authkeys and haresources.
    case heartbeat
    /// keepalived 2.2.7 (Debian `keepalived`), one VRRPv3 instance, advert_int = the keepalive.
    case keepalived
    /// Pacemaker 2.1.5 + Corosync 3.1 (Debian `pacemaker`, `corosync`, `pacemaker-cli-utils`),
    /// configured by `hadaemon config export pacemaker` from the same ha.cf and haresources.
    case pacemaker

    /// What `--quick` runs unless `--implementations` names others: a Pacemaker pair needs about
    /// 30 s to elect its first DC and settle, too long for the quick look CI runs.
    static let quick: [Implementation] = [.hadaemon, .heartbeat, .keepalived]

    /// The column heading.
    var title: String {
        switch self {
        case .hadaemon: "hadaemon"
        case .heartbeat: "Heartbeat 3.0.6"
        case .keepalived: "keepalived 2.2.7"
        case .pacemaker: "Pacemaker 2.1.5 + Corosync 3.1"
        }
    }

    /// When the standby takes over after a crash or a cut, in the implementation's own terms.
    var detectionFormula: String {
        switch self {
        case .hadaemon:
            "deadtime after the last heartbeat heard, so kill → takeover lies in [deadtime − keepalive, deadtime] plus the takeover itself"
        case .heartbeat:
            "the same deadtime rule, plus 0.3–0.7 s of mach_down, ResourceManager and IPaddr2 scripts (and deadtime + 2 s for 5 s after a start)"
        case .keepalived:
            "Master_Down_Interval = 3 × advert_int + Skew_Time, Skew_Time = (256 − priority) / 256 × advert_int: "
                + "3.61 × advert_int for bravo (priority 100), after the last advert heard, so kill → takeover lies in [2.61, 3.61] × advert_int"
        case .pacemaker:
            "corosync declares the token lost `token` (= deadtime) after the last one it received, then forms the new membership "
                + "after `consensus` (1.2 × token by default), so about 2.2 × deadtime; then Pacemaker's controller elects a DC if the "
                + "lost node was it, the scheduler plans the move and the execd runs IPaddr2 and the init script"
        }
    }

    /// Throws, naming the Debian package, when the implementation is not installed.
    func requireInstalled() throws {
        switch self {
        case .hadaemon: break
        case .heartbeat: try HeartbeatNode.requireInstalled()
        case .keepalived: try KeepalivedNode.requireInstalled()
        case .pacemaker: try PacemakerNode.requireInstalled()
        }
    }

    /// The installed version, as the package manager or the program reports it.
    var installedVersion: String {
        switch self {
        case .hadaemon: return "this build"
        case .heartbeat: return Self.debianVersion(HeartbeatNode.package)
        case .keepalived: return Self.debianVersion(KeepalivedNode.package)
        case .pacemaker: return Self.debianVersion("pacemaker") + ", " + Self.debianVersion("corosync")
        }
    }

    private static func debianVersion(_ package: String) -> String {
        let output = try? HostCommand.run(["dpkg-query", "-W", "-f", "${Version}", package])
        guard let output, output.succeeded, !output.stdout.isEmpty else { return "unknown" }
        return "Debian \(package) \(output.stdout)"
    }
}
