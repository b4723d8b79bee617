import HAProtocol

extension PacemakerStatus {
    /// The cluster as a ``ClusterSnapshot``, so the console's screen, alerts and SOP
    /// verifications read a Pacemaker cluster as they read a pair.
    ///
    /// Nodes: online → active, joining → up, offline → dead (`stoppedCleanly` when it left on
    /// purpose). Groups: each Pacemaker group, each top-level primitive and each promotable
    /// clone (held where an instance is Promoted, as DRBD's Primary); plain clones run
    /// everywhere on purpose and are not groups. A group's preferred node is its highest plain
    /// location preference. The snapshot's own alerts are Pacemaker's: no quorum, unclean
    /// nodes, failed actions, moves and bans left behind, maintenance and standby.
    public func snapshot(localNode: String, takenAt: Int64) -> ClusterSnapshot {
        let groups = resources.compactMap(group)
        var snapshot = ClusterSnapshot(
            takenAt: takenAt, localNode: localNode, cluster: "pacemaker", timers: .init(keepalive: 0, warntime: 0, deadtime: 0, initdead: 0),
            autoFailback: .off, nodes: nodes.map { node(for: $0, groups: groups) }, groups: groups, alerts: alerts())
        // The fencing panel and the go/no-go read "fences with …": Pacemaker's fencer, when on.
        snapshot.fenceDevice = stonithEnabled ? "Pacemaker's fencer (stonith-enabled)" : nil
        snapshot.fencing = fencingHistory(takenAt: takenAt)
        return snapshot
    }

    private func node(for node: Node, groups: [GroupSnapshot]) -> NodeSnapshot {
        let status: NodeStatus = node.online ? (node.pending ? .up : .active) : .dead
        let held = groups.filter { $0.holders.contains(node.name) }
        let local = held.contains { $0.preferredNode == node.name }
        let foreign = held.contains { $0.preferredNode != node.name }
        let holds: ResourceClass = local && foreign ? .all : local ? .local : foreign ? .foreign : ResourceClass.none
        var snapshot = NodeSnapshot(name: node.name, status: status, holds: node.online ? holds : ResourceClass.none, stable: true)
        if !node.online && !node.expectedUp && !node.unclean { snapshot.stoppedCleanly = true }
        return snapshot
    }

    private func group(_ resource: Resource) -> GroupSnapshot? {
        let members: [Instance]
        let holders: [String]
        switch resource {
        case .primitive(let instance):
            members = [instance]
            holders = Self.active(instance) ? instance.nodes : []
        case .group(_, _, let list):
            members = list
            holders = Self.unique(list.filter(Self.active).flatMap(\.nodes))
        case .clone(_, let promotable, _, let instances):
            guard promotable else { return nil }
            members = Array(instances.prefix(1))
            holders = Self.unique(instances.filter { $0.role == "Promoted" }.flatMap(\.nodes))
        }
        let ids = Set(members.map(\.id))
        let failure = failures.last { ids.contains($0.resource) }
        let running = members.filter(Self.active).count
        let state: GroupSnapshot.State =
            members.contains(where: \.failed) || failure != nil && holders.isEmpty
            ? .failed : running == 0 ? .stopped : running < members.count && !isClone(resource) ? .starting : .running
        let home = preferences[resource.id]?.filter { $0.score > 0 }.max { $0.score < $1.score }?.node ?? ""
        return GroupSnapshot(
            key: resource.id, preferredNode: home, resources: members.map { "\($0.id) (\($0.agent))" }, holders: holders, state: state,
            lastError: failure.map(Self.describe))
    }

    private func isClone(_ resource: Resource) -> Bool {
        if case .clone = resource { true } else { false }
    }

    static func active(_ instance: Instance) -> Bool {
        !instance.nodes.isEmpty && instance.role != "Stopped"
    }

    static func unique(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }

    /// `broken start on bravo: not configured ([findif] failed) at 2026-12-06 06:57:08Z`.
    static func describe(_ failure: Failure) -> String {
        "\(failure.resource) \(failure.task) on \(failure.node): \(failure.status)" + (failure.reason.isEmpty ? "" : " (\(failure.reason))")
            + (failure.when.isEmpty ? "" : " at \(failure.when)")
    }

    /// The finished fences, oldest first as the fencing panel lists them, at most the last 10:
    /// Pacemaker's words for the result (`OK` for success, else `failed`), the executor as the
    /// fencer, and the age from the completion stamp (0 when it cannot be read).
    func fencingHistory(takenAt: Int64) -> [FenceRecord]? {
        let finished = fenceEvents.filter { $0.status != "pending" }.prefix(10).reversed()
        guard !finished.isEmpty else { return nil }
        return finished.map { event in
            let completed = event.completed.flatMap { CivilDate.utcMilliseconds($0, separator: UInt8(ascii: " ")) }
            let age = completed.map { max(0, min(Int64(Int32.max), takenAt - $0)) } ?? 0
            return FenceRecord(
                fencer: event.executor, victim: event.target, device: "Pacemaker (\(event.action))",
                result: event.status == "success" ? "OK" : "failed",
                duration: 0, age: Int(age), detail: event.reason)
        }
    }
}
