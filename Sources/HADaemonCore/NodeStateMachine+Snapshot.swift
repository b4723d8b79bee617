import HAProtocol

extension NodeStateMachine {
    /// What `status` answers: this node's view of the cluster at `now`.
    ///
    /// - Parameters:
    ///   - wallNow: the wall clock at `now` (ms since the epoch), only to date `since` fields.
    ///   - logfile: the ha-log the shell writes; `logLosses`: its files that are losing lines.
    public func snapshot(
        at now: MonotonicTime, wallNow: Int64, cluster: String, configDigest: String?, localLinks: [String], logfile: String? = nil,
        logLosses: [LogLoss] = []
    ) -> ClusterSnapshot {
        func age(_ t: MonotonicTime?) -> Int? { t.map { Int((now - $0).milliseconds) } }
        func wall(_ t: MonotonicTime?) -> Int64? { t.map { wallNow - (now - $0).milliseconds } }
        var nodes: [NodeSnapshot] = []
        for name in config.nodes {
            if name == config.me {
                nodes.append(
                    NodeSnapshot(
                        name: name, status: ownStatus, generation: Int64(config.generation), advertisedDeadtime: Int(config.deadtime.milliseconds),
                        links: localLinks.map { LinkSnapshot(interface: $0, status: .up) }, holds: holds, stable: isStable,
                        configDigest: configDigest, drbd: extraStatusFields.first { $0.0 == "hd_drbd" }?.1))
                continue
            }
            guard let peer = peers[name] else { continue }
            let links = peer.linkHeard.keys.sorted().map {
                LinkSnapshot(interface: $0, status: peer.linkUp[$0] == true ? .up : .dead, lastHeardAge: age(peer.linkHeard[$0]))
            }
            let status: NodeStatus = peer.shutDown && peer.status != .dead ? .stopping : peer.status
            var node = NodeSnapshot(
                name: name, status: status, lastHeardAge: age(peer.lastHeard), generation: peer.generation.map(Int64.init),
                advertisedDeadtime: peer.advertisedDeadtime.map { Int($0.milliseconds) }, links: links,
                holds: peer.isAlive ? peer.holds : nil, stable: peer.isAlive ? peer.stable : nil, configDigest: peer.configDigest,
                drbd: peer.drbd)
            node.stoppedCleanly = peer.shutDown ? true : nil
            nodes.append(node)
        }
        for ping in config.pingNodes {
            let state = pingStatus[ping.name]
            nodes.append(
                NodeSnapshot(name: ping.name, type: .ping, status: state?.status ?? .`init`, lastHeardAge: age(state?.lastReply)))
        }
        var groups: [GroupSnapshot] = []
        for group in config.groups {
            var holders: [String] = []
            let state = groupStates[group.key] ?? .stopped
            if mayRun(group.key) || state == .stopping { holders.append(config.me) }
            for name in config.peers where peers[name]?.isAlive == true && peers[name]?.shutDown == false {
                if peerHeldKeys[name]?.contains(group.key) == true { holders.append(name) }
            }
            let (snapshotState, error): (GroupSnapshot.State, String?) =
                switch state {
                case .stopped: (holders.isEmpty ? .stopped : .running, lastErrors[group.key])
                case .starting: (.starting, lastErrors[group.key])
                case .running: (.running, nil)
                case .stopping: (.stopping, lastErrors[group.key])
                case .failed: (.failed, lastErrors[group.key])
                }
            groups.append(
                GroupSnapshot(
                    key: group.key, preferredNode: group.node, resources: group.resources.map(\.text), holders: holders, state: snapshotState,
                    since: wall(groupSince[group.key]), lastError: error))
        }
        var snapshot = ClusterSnapshot(
            takenAt: wallNow, localNode: config.me,
            timers: .init(
                keepalive: Int(config.keepalive.milliseconds), warntime: Int(config.warntime.milliseconds),
                deadtime: Int(config.deadtime.milliseconds), initdead: Int(config.initdead.milliseconds)),
            autoFailback: config.autoFailback, nodes: nodes, groups: groups,
            alerts: alerts(at: now, groups: groups, logLosses: logLosses), configDigest: configDigest)
        snapshot.logfile = logfile
        if config.stonith != nil || !fenceHistory.isEmpty {
            snapshot.fencing = fenceHistory.map {
                FenceRecord(
                    fencer: $0.fencer ?? config.me, victim: $0.victim, device: $0.device, result: $0.result.rawValue,
                    duration: Int($0.duration.milliseconds), age: Int((now - $0.at).milliseconds), detail: $0.detail)
            }
        }
        snapshot.fenceDevice = config.stonith?.type
        if !fences.isEmpty {
            snapshot.fencesInProgress = fences.values.sorted { $0.victim < $1.victim }.map { fence in
                let (phase, due): (FenceInProgress.Phase, MonotonicTime?) =
                    switch fence.phase {
                    case .waiting(let until): (.waiting, until)
                    case .running: (fence.device.isManual ? .awaitingOperator : .running, nil)
                    case .retrying(let at): (.retrying, at)
                    }
                return FenceInProgress(
                    victim: fence.victim, device: fence.device.type, phase: phase, age: Int((now - fence.since).milliseconds),
                    failures: fence.failures, nextAttemptIn: due.map { Int(max(0, ($0 - now).milliseconds)) }, lastFailure: fence.lastFailure)
            }
        }
        return snapshot
    }
}
