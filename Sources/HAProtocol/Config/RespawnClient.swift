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

extension HACF.ClientChild {
    /// The command line as Heartbeat runs it (`sh -c "exec COMMAND"`) and names it in its log lines.
    public var commandLine: String { command.joined(separator: " ") }
}

extension HACF {
    /// The lines whose programs hadaemon starts and keeps running: `respawn`/`failfast` lines of
    /// plain programs, in file order (ipfail and dopd are done natively, API clients refused).
    public var supervisedChildren: [ClientChild] { respawn.filter { $0.client == .program } }

    /// `HA_NAME=value` for every `env NAME=value` line, the last value of a name winning (spec §1.3).
    public var childEnvironment: [String: String] {
        var environment: [String: String] = [:]
        for (key, value) in parameters where key.hasPrefix("env:") { environment["HA_" + key.dropFirst(4)] = value }
        return environment
    }

    /// What a running daemon cannot change without restarting its children: the supervised
    /// lines (without their line numbers) and the environment they were given.
    public var childSetup: [String] {
        supervisedChildren.map { "\($0.failfast ? "failfast" : "respawn") \($0.user) \($0.commandLine)" }
            + childEnvironment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    }

    /// Heartbeat's checks of a respawned program against this host (`add_client_child`): the user
    /// exists and the program is executable. Errors on the node itself, warnings on a host
    /// that only checks the file. Lines hadaemon does not start (ipfail, dopd, API clients) are
    /// not looked at: a node without Heartbeat installed has no ipfail binary and needs none.
    public func clientChildDiagnostics(
        file: String, onNode: Bool, userExists: (String) -> Bool, isExecutable: (String) -> Bool
    ) -> [ConfigDiagnostic] {
        let severity: ConfigDiagnostic.Severity = onNode ? .error : .warning
        var result: [ConfigDiagnostic] = []
        for child in supervisedChildren {
            let directive = child.failfast ? "failfast" : "respawn"
            if !userExists(child.user) {
                result.append(
                    ConfigDiagnostic(
                        file: file, line: child.line, severity: severity,
                        message:
                            "\(directive): Invalid uid [\(child.user)] specified for client child: no such user on this host; create it or name another"
                    ))
            }
            if let program = child.command.first, !isExecutable(program) {
                result.append(
                    ConfigDiagnostic(
                        file: file, line: child.line, severity: severity,
                        message: "\(directive): Client child command [\(program)] is not executable on this host; install it or fix the path"))
            }
        }
        return result
    }
}
