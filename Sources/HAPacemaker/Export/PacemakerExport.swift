import HAProtocol

/// Turns a Heartbeat pair's `ha.cf` and `haresources` into a Pacemaker + Corosync
/// configuration, naming everything it cannot carry over (issue 15, "Migration").
///
/// The mapping, in short: each haresources line is a `group` of primitives in the same start
/// order, preferring its node (a location constraint); `drbddisk::R` is a promotable
/// `ocf:linbit:drbd` clone the group is colocated with and ordered after; `auto_failback` is
/// `resource-stickiness`; deadtime is corosync's `token`, initdead Pacemaker's `dc-deadtime`;
/// STONITH lines are `stonith:` resources running the same cluster-glue plugin; ping nodes
/// with ipfail are an `ocf:pacemaker:ping` clone and a connectivity rule. Pure: what the host
/// knows (a plugin's parameter names, whether a script is in `resource.d/`) comes in ``Host``.
public struct PacemakerExport: Sendable {
    /// What the export asks of the machine it runs on.
    public struct Host: Sendable {
        /// The parameter names of a cluster-glue STONITH plugin, in `-p` order
        /// (`stonith -t TYPE -n`), or nil when unknown; a built-in table covers the usual ones.
        public var stonithParameterNames: @Sendable (String) -> [String]?
        /// True when NAME is a script in the configuration's `resource.d/` (not an init script).
        public var isHeartbeatScript: @Sendable (String) -> Bool
        /// Every resource unmanaged (`is-managed=false`): loaded while the pair still serves,
        /// Pacemaker watches and touches nothing until it is set back to true.
        public var unmanaged: Bool

        public init(
            stonithParameterNames: @escaping @Sendable (String) -> [String]? = { _ in nil },
            isHeartbeatScript: @escaping @Sendable (String) -> Bool = { _ in false }, unmanaged: Bool = false
        ) {
            self.stonithParameterNames = stonithParameterNames
            self.isHeartbeatScript = isHeartbeatScript
            self.unmanaged = unmanaged
        }
    }

    /// The configuration and what it could not carry over.
    public struct Result: Hashable, Sendable {
        public var configuration: PacemakerConfiguration
        public var notes: [ExportNote]
    }

    /// The location score of a group on its preferred node; stickiness above it keeps a group
    /// where it runs (`auto_failback off`), zero lets it go home (`on`, `legacy`).
    static let preferredNodeScore = 100
    static let stayingStickiness = 200

    public static func export(_ config: ClusterConfig, files: ClusterConfig.Files, host: Host = Host()) -> Result {
        var builder = ExportBuilder(config: config, files: files, host: host)
        builder.exportTimersAndPolicy()
        builder.exportGroups()
        builder.exportConnectivity()
        builder.exportFencing()
        builder.noteDaemonsAndMedia()
        if host.unmanaged {
            builder.configuration.resourceDefaults.append(NameValue("is-managed", "false"))
            builder.note(
                files.haResources, 0, .changed,
                "every resource is unmanaged (is-managed=false): Pacemaker watches while the pair serves; once both daemons are stopped, crm_attribute --type rsc_defaults --name is-managed --update true hands them over"
            )
        }
        return Result(configuration: builder.configuration, notes: builder.notes)
    }
}

/// The export's working state: the configuration so far, the IDs taken and the notes.
struct ExportBuilder {
    let config: ClusterConfig
    let files: ClusterConfig.Files
    let host: PacemakerExport.Host
    var configuration: PacemakerConfiguration
    var notes: [ExportNote] = []
    var ids = PacemakerID()
    /// The top-level IDs of the groups (or lone DRBD clones) exported, in haresources order.
    var groupIDs: [String] = []

    init(config: ClusterConfig, files: ClusterConfig.Files, host: PacemakerExport.Host) {
        self.config = config
        self.files = files
        self.host = host
        configuration = PacemakerConfiguration(
            clusterName: config.haCF.cluster, nodes: config.haCF.nodes, tokenMilliseconds: config.haCF.deadtime,
            keepaliveMilliseconds: config.haCF.keepalive)
    }

    mutating func note(_ file: String, _ line: Int, _ kind: ExportNote.Kind, _ message: String) {
        notes.append(ExportNote(file: file, line: line, kind: kind, message: message))
    }

    /// `30s`, `500ms`: Pacemaker's duration syntax for a millisecond count.
    static func duration(milliseconds: Int) -> String {
        milliseconds % 1000 == 0 ? "\(milliseconds / 1000)s" : "\(milliseconds)ms"
    }

    mutating func exportTimersAndPolicy() {
        let cf = config.haCF
        configuration.properties.append(NameValue("dc-deadtime", Self.duration(milliseconds: cf.initdead)))
        let stickiness = cf.autoFailback == .off ? PacemakerExport.stayingStickiness : 0
        configuration.resourceDefaults.append(NameValue("resource-stickiness", "\(stickiness)"))
        if cf.autoFailback == .legacy {
            note(
                files.haCF, cf.lineOf["auto_failback"] ?? 0, .changed,
                "auto_failback legacy (the default): groups go back to their preferred node when it returns, as 'on' does (resource-stickiness=0)")
        }
        if let line = cf.lineOf["warntime"] {
            note(
                files.haCF, line, .changed,
                "warntime has no Pacemaker equivalent: corosync logs a late token itself ('Token has not been received in N ms')")
        }
    }
}
