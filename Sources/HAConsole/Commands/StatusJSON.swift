import HAProtocol

/// The shapes `status --json` adds around the control API's snapshot (docs/status-json.md,
/// docs/status.schema.json): named for the reader, not after the Swift types behind them.
enum StatusJSON {
    /// `haconsole-status/1`: the document's name and major version. Adding a field keeps the
    /// version; removing or retyping one bumps it.
    static let schema = "haconsole-status/1"

    /// `check`: what `haconsole check` would answer.
    struct Check: Encodable, Equatable {
        /// `ok`, `warning`, `critical`, `unknown`.
        var state: String
        /// `check`'s exit status: 0, 1, 2, 3.
        var exitCode: Int32
        /// `check`'s line, performance data included.
        var line: String

        init(_ check: MonitoringCheck) {
            state = check.state.word.lowercased()
            exitCode = check.state.rawValue
            line = check.line
        }
    }

    /// One node's view of one DRBD resource, in `drbdsetup status`'s words.
    struct Resource: Encodable, Equatable {
        var node: String
        /// `/proc/drbd`, `drbdsetup status`, or `heartbeat` (the summary the node advertises).
        var source: String
        var name: String
        /// `Primary`, `Secondary`, `Unknown`.
        var role: String
        var volumes: [Volume]
        var peers: [Peer]

        struct Volume: Encodable, Equatable {
            var volume: Int
            var minor: Int?
            /// This node's disk: `UpToDate`, `Inconsistent`, `Diskless`, …
            var disk: String
        }

        struct Peer: Encodable, Equatable {
            /// The peer's name (DRBD 9), or null where the source names none (DRBD 8).
            var name: String?
            /// `Connected`, `StandAlone`, `WFConnection`, `Connecting`, …
            var connection: String
            var role: String
            /// True when DRBD reported a split brain on this connection.
            var splitBrain: Bool
            var volumes: [PeerVolume]
        }

        struct PeerVolume: Encodable, Equatable {
            var volume: Int
            /// The peer's disk as this node sees it: `UpToDate`, `DUnknown`, …
            var disk: String
            /// `Established`, `SyncSource`, `SyncTarget`, `Off`, …
            var replication: String
            var outOfSyncKiB: UInt64?
            /// Resync progress in percent, while one runs.
            var syncPercent: Double?
        }

        init(node: String, source: String, _ resource: DRBDResource) {
            self.node = node
            self.source = source
            name = resource.name
            role = resource.role.spelling
            volumes = resource.devices.map { Volume(volume: $0.volume, minor: $0.minor, disk: $0.disk.spelling) }
            peers = resource.connections.map { connection in
                Peer(
                    name: connection.name, connection: connection.state.spelling, role: connection.peerRole.spelling,
                    splitBrain: connection.splitBrainReported,
                    volumes: connection.peerDevices.map {
                        PeerVolume(
                            volume: $0.volume, disk: $0.peerDisk.spelling, replication: $0.replication.spelling, outOfSyncKiB: $0.outOfSyncKiB,
                            syncPercent: $0.sync?.percentDone)
                    })
            }
        }
    }

    /// `drbd`: where this node's state came from, and every node's resources as the screen
    /// shows them. `local` (the parser's own model) and `nodes` (the raw summaries) are kept
    /// from before version 1 for old readers.
    struct DRBD: Encodable {
        var source: String
        var error: String?
        var resources: [Resource]
        var local: DRBDStatus?
        var nodes: [String: String]
    }

    /// The top-level fields (printed sorted, as `status --json` sorts every key).
    enum Keys: String, CodingKey {
        case schema, check, statusExitCode, alerts, daemon, snapshot, drbd, log
    }
}

extension StatusReport {
    /// The `--json` document (``StatusJSON``); decoding reads back `daemon`, `snapshot`, `drbd`
    /// and `log` only.
    func encode(to encoder: any Encoder) throws {
        let state = consoleState
        let alerts = ConsoleAlerts.derive(from: state)
        var container = encoder.container(keyedBy: StatusJSON.Keys.self)
        try container.encode(StatusJSON.schema, forKey: .schema)
        try container.encode(StatusJSON.Check(check(alerts: alerts)), forKey: .check)
        try container.encode(exitCode(alerts: alerts), forKey: .statusExitCode)
        try container.encode(alerts, forKey: .alerts)
        try container.encode(daemon, forKey: .daemon)
        try container.encodeIfPresent(snapshot, forKey: .snapshot)
        let resources = state.nodeNames.flatMap { node in
            (state.drbd[node]?.resources ?? []).map { StatusJSON.Resource(node: node, source: state.drbdSources[node] ?? drbd.source, $0) }
        }
        try container.encode(
            StatusJSON.DRBD(source: drbd.source, error: drbd.error, resources: resources, local: drbd.local, nodes: drbd.nodes), forKey: .drbd)
        try container.encode(log, forKey: .log)
    }
}
