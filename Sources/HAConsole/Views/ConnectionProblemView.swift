/// While the followed node does not answer and no cluster data has come yet, a panel at the top
/// of the body says what is wrong, in full (the header cuts a long reason on a narrow screen),
/// and what to do about it. With stale data on screen the header's `DOWN` and `STALE` say it.
enum ConnectionProblemView {
    static func frame(_ context: RenderContext, width: Int) -> PanelFrame? {
        let state = context.state
        guard state.snapshot == nil, case .disconnected(let reason) = state.connection else { return nil }
        let advice: String
        switch state.source {
        case .daemon(let socket, nil):
            advice =
                "start the daemon on this node (systemctl start hadaemon, or hadaemon run), or point the console at one: "
                + "--socket PATH (now \(socket)), or --daemon-via 'ssh NODE' for another node."
        case .daemon(_, let via?):
            advice = "check that \(via) reaches the node without a prompt and that hadaemon runs there (systemctl status hadaemon)."
        case .heartbeat(let origin):
            advice = "check that Heartbeat runs there (service heartbeat status) and that cl_status answers (\(origin))."
        case .pacemaker(let origin):
            advice = "check that Pacemaker and corosync run there (crm_mon -1, corosync-cfgtool -s) and that crm_mon answers (\(origin))."
        case .none:
            return nil
        }
        let lines =
            SOPView.wrap("Not answering: \(reason).", width: width - 2).map { [Span(" " + $0, .role(.critical))] }
            + SOPView.wrap("What to do: \(advice)", width: width - 2).map { [Span(" " + $0, .role(.warning))] }
        return PanelFrame(panel: .alerts, title: [Span("No cluster data", .role(.critical, bold: true))], lines: lines)
    }
}
