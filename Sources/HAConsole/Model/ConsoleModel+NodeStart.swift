import HAProtocol

extension ConsoleModel {
    /// The key hint shown where the console can start a stopped node (the demo).
    static let startNodeHint = KeyHint(key: "S", label: "start node")

    /// The outcome of starting a node: an SOP action's goes back to the run as the answer to
    /// its request (a refusal fails the step); the `S` key's is posted on the status line.
    mutating func nodeStarted(requestID: Int?, _ outcome: NodeStartOutcome) -> [ConsoleEffect] {
        if let id = requestID {
            guard let pending = pendingRequests[id], pending.feed == -1 else { return [] }
            pendingRequests[id] = nil
            let response: ControlResponse =
                switch outcome {
                case .started(let node, let pid):
                    ControlResponse(id: pending.requestID, message: "started \(node)'s daemon (pid \(pid)); it rejoins on its own")
                case .refused(let why):
                    .failure(id: pending.requestID, ControlError(.notReady, why))
                }
            return feedSession(.response(response))
        }
        switch outcome {
        case .started(let node, let pid):
            state.post("started \(node)'s daemon (pid \(pid)); it rejoins in a few seconds", now: state.clock.now)
        case .refused(let why):
            state.post(why, severity: .warning, now: state.clock.now)
        }
        return [.redraw]
    }
}
