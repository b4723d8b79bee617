import HAProtocol

/// Manual fencing on the console: while the followed daemon's meatware reset waits for a person,
/// `F` opens the shipped `manual-fence` procedure, which explains the check, takes the fenced
/// node's typed name as the confirmation, sends `confirm-fence` and verifies the takeover.
extension ConsoleModel {
    /// The procedure `F` opens, in the SOP directory.
    static let manualFenceProcedure = "manual-fence.sop"
    static let manualFenceHint = KeyHint(key: "F", label: "confirm fence")

    /// The victims whose reset waits for a person, as the followed daemon reports them.
    var fencesAwaitingOperator: [String] {
        (state.snapshot?.fencesInProgress ?? []).filter { $0.phase == .awaitingOperator }.map(\.victim)
    }

    /// `F`: the manual-fence procedure's file to read, when a reset waits and nothing else is open.
    mutating func openManualFence() -> [ConsoleEffect]? {
        guard !readOnly, state.inputMode == .normal, session == nil, picker == nil, !fencesAwaitingOperator.isEmpty else { return nil }
        return [.readProcedure(sopDirectory + "/" + Self.manualFenceProcedure), .redraw]
    }

    /// Shows the `F` hint exactly while a reset waits for a person (never on a read-only console).
    mutating func refreshManualFenceHint() {
        guard !readOnly else { return }
        state.actionHints.removeAll { $0 == Self.manualFenceHint }
        if !fencesAwaitingOperator.isEmpty { state.actionHints.append(Self.manualFenceHint) }
    }

    /// The feed an SOP request goes to: the daemon of the node it names, except `confirm-fence`,
    /// whose node is the dead peer: it goes to a daemon that fences it, the followed node's first.
    func feed(for request: ControlRequest) -> Int? {
        let connected = feedConnections.filter { $0.value == .connected }.keys.sorted()
        guard request.op == .confirmFence else {
            return connected.first { feedNodes[$0] == request.node }
        }
        return connected.first { feedNodes[$0] != nil && feedNodes[$0] != request.node }
    }
}
