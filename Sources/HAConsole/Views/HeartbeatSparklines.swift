/// Each link's heartbeat ages as a sparkline (``Sparkline``) scaled to deadtime, with the
/// largest age: `  bravo lo    ▁▁▂▁▁▇▁▁  max 480 ms`. Sources that tell no ages (`cl_status`,
/// `crm_mon`) get one line saying so instead.
enum HeartbeatSparklines {
    /// The section for the timeline panel: a heading and at most `limit` links; none before
    /// any age was recorded.
    static func lines(_ context: RenderContext, width: Int, limit: Int) -> [StyledLine] {
        let state = context.state
        let heading = Span(" Heartbeat age per link", .role(.header, bold: true))
        guard state.source.knowsAges else { return [[heading, Span("  " + noAges(state.source), .role(.muted))]] }
        let links = state.history.heartbeatAges.links
        guard !links.isEmpty else { return [] }
        let scale = "  top = deadtime \(deadtime(state)) ms" + (links.count > limit ? ", \(limit) of \(links.count) links" : "")
        let nameWidth = min(20, links.prefix(limit).map { DisplayWidth.of("\($0.node) \($0.interface)") }.max() ?? 0)
        return [[heading, Span(scale, .role(.muted))]]
            + links.prefix(limit).map { link in
                [Span("  " + TextFit.pad("\(link.node) \(link.interface)", to: nameWidth) + "  ", .role(.accent))]
                    + sparkline(link, context: context, width: max(0, width - nameWidth - 18))
            }
    }

    /// `▁▁▂▁▁▇▁▁  max 480 ms` for one link, at most `width` samples.
    static func sparkline(_ link: HeartbeatAges.Link, context: RenderContext, width: Int) -> StyledLine {
        let ages = context.state.history.heartbeatAges.ages[link] ?? []
        let peak = ages.max() ?? 0
        let deadtime = deadtime(context.state)
        let warntime = context.state.snapshot?.timers.warntime ?? deadtime
        let role: ColorRole = peak >= deadtime ? .critical : peak >= warntime ? .warning : .ok
        return [
            Span(Sparkline.draw(ages, ceiling: deadtime, width: width, ascii: context.options.ascii), .role(role)),
            Span("  max \(peak) ms", .role(peak >= warntime ? role : .muted, bold: peak >= warntime)),
        ]
    }

    /// The lines for a node's detail view: one per link with ages, or why there are none.
    static func nodeLines(_ node: String, context: RenderContext) -> [StyledLine] {
        let state = context.state
        guard state.source.knowsAges else { return [DetailView.field("jitter", [Span(noAges(state.source), .role(.muted))])] }
        let links = state.history.heartbeatAges.links(of: node)
        guard !links.isEmpty else { return [] }
        return links.enumerated().map { index, link in
            let value = [Span("\(link.interface) ")] + sparkline(link, context: context, width: 40)
            return index == 0 ? DetailView.field("jitter", value) : DetailView.continued(value)
        }
    }

    private static func deadtime(_ state: ConsoleState) -> Int {
        max(1, state.snapshot?.timers.deadtime ?? 30_000)
    }

    private static func noAges(_ source: ConsoleState.Source) -> String {
        source.isHeartbeat ? "no ages from cl_status" : "no ages from crm_mon"
    }
}
