import HAProtocol

extension NetnsCluster {
    /// `node`'s cluster snapshot from its control socket (`{"op":"status"}`, docs/control-api.md),
    /// or nil when it does not answer or answers with something else.
    public func snapshot(_ name: String, timeout: Duration = .seconds(2)) -> ClusterSnapshot? {
        guard let line = try? control(name, #"{"id":1,"op":"status"}"#, timeout: timeout) else { return nil }
        return try? ControlCodec.decodeResponse(Array(line.utf8)).snapshot
    }

    /// Every node answers, sees every node active, and calls its state stable: nothing is being
    /// started, stopped or negotiated. A stopped node's answer is missing, so this is false then.
    /// Ping nodes are left out: they are `ping` or `dead`, never `active`.
    public func isSettled() -> Bool {
        spec.nodes.allSatisfy { name in
            guard let seen = snapshot(name) else { return false }
            return seen.nodes.filter { $0.type != .ping }.allSatisfy { $0.status == .active && $0.stable == true }
        }
    }
}
