import HAProtocol

/// One performance datum as the guidelines spell it: `label=value[UOM];[warn];[crit];[min];[max]`,
/// trailing empty fields dropped; `U` when the value cannot be determined.
struct PerformanceDatum: Sendable, Hashable {
    var label: String
    /// nil prints `U`.
    var value: Int?
    /// `ms`, `KB`, or empty for a count.
    var unit: String
    /// Threshold ranges in the guidelines' syntax (`250`, `300:`), or nil.
    var warning: String? = nil
    var critical: String? = nil
    var minimum: Int? = nil
    var maximum: Int? = nil

    var text: String {
        var fields = [
            value.map { "\($0)\(unit)" } ?? "U", warning ?? "", critical ?? "", minimum.map(String.init) ?? "", maximum.map(String.init) ?? "",
        ]
        while fields.count > 1, fields.last == "" { fields.removeLast() }
        return "\(label)=" + fields.joined(separator: ";")
    }
}

extension MonitoringCheck {
    /// What a graph of the cluster wants, from the answering node's view:
    ///
    /// - `link_age_ms`: the oldest last-heard age among the up links to live peers (warn at
    ///   warntime, critical at deadtime); `U` with no live peer.
    /// - `deadtime_margin_ms`: deadtime less the oldest last-heard age of a live peer, how long
    ///   before it would be declared dead (warn when under deadtime − warntime); `U` with none.
    /// - `links_up`: links to peers that are up, of all of them.
    /// - `drbd_out_of_sync_kib`: the most data out of sync on any resource as any node sees it;
    ///   absent when no node reports DRBD.
    static func performance(_ snapshot: ClusterSnapshot, drbd: [String: DRBDStatus]) -> [PerformanceDatum] {
        // Ages and timers come from a daemon's JSON: bounded before any arithmetic.
        let (warntime, deadtime) = (bounded(snapshot.timers.warntime), bounded(snapshot.timers.deadtime))
        let live = snapshot.nodes.filter {
            $0.type == .normal && $0.name != snapshot.localNode && ($0.status == .active || $0.status == .up)
        }
        let linkAge = live.flatMap { $0.links.filter { $0.status == .up }.compactMap(\.lastHeardAge) }.map(bounded).max()
        let nodeAge = live.compactMap(\.lastHeardAge).map(bounded).max()
        let links = links(snapshot)
        var data = [
            PerformanceDatum(
                label: "link_age_ms", value: linkAge, unit: "ms", warning: "\(warntime)", critical: "\(deadtime)", minimum: 0),
            PerformanceDatum(
                label: "deadtime_margin_ms", value: nodeAge.map { max(0, deadtime - $0) }, unit: "ms",
                warning: "\(max(0, deadtime - warntime)):", minimum: 0, maximum: deadtime),
            PerformanceDatum(label: "links_up", value: links.up, unit: "", minimum: 0, maximum: links.total),
        ]
        let outOfSync = drbd.values.flatMap(\.resources).flatMap { resource in
            resource.devices.compactMap { resource.outOfSyncKiB(volume: $0.volume) }
        }
        if drbd.values.contains(where: { !$0.resources.isEmpty }) {
            let worst = outOfSync.max().map { Int(clamping: $0) } ?? 0
            data.append(PerformanceDatum(label: "drbd_out_of_sync_kib", value: worst, unit: "KB", minimum: 0))
        }
        return data
    }

    /// A millisecond count from outside, in 0 ... 2^40 (34 years).
    private static func bounded(_ milliseconds: Int) -> Int { min(max(0, milliseconds), 1 << 40) }
}
