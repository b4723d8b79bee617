import HAProtocol

/// The words and roles of one DRBD volume as seen over one connection, in `/proc/drbd` order
/// (cs, ro, ds), shared by both DRBD layouts.
struct DRBDCells: Sendable {
    var connection: Span
    var roles: Span
    var disks: Span
    var sync: Span
    var outOfSync: Span

    init(resource: DRBDResource, connection: DRBDConnection?, volume: Int, stale: Bool) {
        let device = resource.device(volume: volume)
        let peer = connection?.peerDevice(volume: volume)
        let replication = peer?.replication
        // Like 8.x `cs:`: a connected volume shows its replication state unless it is plain Established.
        var csWord = connection?.state.spelling ?? "no peer"
        var csRole: ColorRole = .muted
        if let connection {
            if connection.state == .connected, let replication, replication != .established, replication != .off {
                csWord = replication.spelling + (peer?.sync?.percentDone.map { " " + DisplayFormat.percent($0) } ?? "")
                csRole = replication == .ahead || replication == .behind ? .critical : .warning
            } else if connection.state == .connected {
                csRole = .ok
            } else if connection.state == .standAlone {
                csRole = .critical
            } else if connection.state == .unconfigured {
                csRole = .muted
            } else {
                csRole = .warning
            }
            if connection.splitBrainReported { csWord += " split-brain" }
        }
        self.connection = Span(csWord, .role(stale ? .muted : csRole, bold: csRole == .critical))

        let peerRole = connection?.peerRole.spelling ?? "-"
        let roleStyle: CellStyle =
            switch resource.role {
            case .primary: .role(.accent, bold: true)
            case .secondary: .plain
            default: .role(.warning)
            }
        roles = Span("\(resource.role.spelling)/\(peerRole)", roleStyle)

        let disk = device?.disk ?? .diskless
        let peerDisk = peer?.peerDisk ?? .dUnknown
        let client = device?.isClient == true
        let diskRole: ColorRole
        if disk == .failed || (disk == .diskless && !client) || device?.hasQuorum == false {
            diskRole = .critical
        } else if (disk == .upToDate || client) && (peerDisk == .upToDate || connection == nil || peer?.peerIsClient == true) {
            diskRole = .ok
        } else {
            diskRole = .warning
        }
        let quorum = device?.hasQuorum == false ? " no-quorum" : ""
        disks = Span("\(disk.spelling)/\(connection == nil ? "-" : peerDisk.spelling)\(quorum)", .role(stale ? .muted : diskRole))

        sync = Self.sync(peer)
        let oos = peer?.outOfSyncKiB ?? 0
        outOfSync = oos > 0 ? Span("oos \(DisplayFormat.size(kiB: oos))", .role(.warning)) : Span("")
    }

    /// `eta 0:00:32`, `stalled`, `suspended:peer`, or nothing.
    private static func sync(_ peer: DRBDPeerDevice?) -> Span {
        guard let peer else { return Span("") }
        if let progress = peer.sync {
            // The percentage rides with the replication state (`SyncSource 57.3%`).
            var words: [String] = []
            if progress.isStalled {
                words.append("stalled")
            } else if let eta = progress.etaSeconds {
                words.append("eta \(DisplayFormat.eta(seconds: eta))")
            }
            if progress.isVerify { words.append("verify") }
            return Span(words.joined(separator: " "), .role(progress.isStalled ? .critical : .warning))
        }
        if !peer.resyncSuspendedReasons.isEmpty {
            return Span("suspended:" + peer.resyncSuspendedReasons.joined(separator: ","), .role(.warning))
        }
        return Span("")
    }
}
