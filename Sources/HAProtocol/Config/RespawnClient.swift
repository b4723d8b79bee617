/// What hadaemon does with a `respawn` or `failfast` line, decided by the program's file name.
///
/// Heartbeat starts every such child at comm-up. Two of the children pairs commonly run speak
/// Heartbeat's client API, which hadaemon does not serve; hadaemon does their work itself
/// instead of starting them. Other API clients cannot work without that API and are refused by
/// name; any other program is started and kept running as Heartbeat does.
public enum RespawnClient: Hashable, Sendable {
    /// `ipfail`: replaced by hadaemon's own handover on loss of the ping nodes.
    case ipfail
    /// `dopd`, DRBD's outdate-peer daemon: replaced by hadaemon's own outdate-peer service.
    case dopd
    /// A client of Heartbeat's API hadaemon cannot serve (`ccm`, `mgmtd`, `hbagent`, …).
    case apiClient(String)
    /// Any other program: started at comm-up and restarted as Heartbeat does.
    case program

    /// Heartbeat 3.0.6's own API clients and the ones its add-ons shipped, by file name.
    static let apiClientNames: Set<String> = [
        "ccm", "mgmtd", "hbagent", "lha-snmpagent", "crmd", "cib", "attrd", "pengine", "stonithd", "lrmd", "apphbd",
        "recoverymgrd", "cl_respawn",
    ]

    /// The kind of client a command line (program first) starts.
    public init(command: [String]) {
        let program = command.first ?? ""
        let name = program.split(separator: "/").last.map(String.init) ?? program
        switch name {
        case "ipfail": self = .ipfail
        case "dopd": self = .dopd
        case _ where Self.apiClientNames.contains(name): self = .apiClient(name)
        default: self = .program
        }
    }
}

extension HACF.ClientChild {
    /// What hadaemon does with this line.
    public var client: RespawnClient { RespawnClient(command: command) }
}

extension HACF {
    /// True when a `respawn`/`failfast` line names ipfail: hadaemon hands its groups over on
    /// loss of the ping nodes itself.
    public var runsIPFail: Bool { respawn.contains { $0.client == .ipfail } }

    /// True when a `respawn`/`failfast` line names dopd: hadaemon answers outdate-peer requests
    /// itself.
    public var runsDopd: Bool { respawn.contains { $0.client == .dopd } }
}
