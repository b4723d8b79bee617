import HAProtocol

/// The first row: cluster and local node, where the data comes from and how old it is,
/// `PROBLEMS ONLY` and `filter: node=alpha` while they are on, the quorum of heartbeat links
/// and, at the right edge, the time. (The alerts panel right under it
/// carries the alert count.)
///
/// Segments are dropped from the least important end when the row is too narrow; the source
/// and its freshness are never dropped (an operator must know whether to trust the rest), nor
/// are the problems-only and filter marks. Where
/// this node's DRBD state is read comes last, shortened (`DRBD: none`) before it would push
/// out the clock.
enum HeaderView {
    static func draw(into screen: inout Screen, row: Int, context: RenderContext) {
        let state = context.state
        let time = Span(state.clock.timeOfDay, .role(.muted))
        let width = screen.width
        var segments: [StyledLine] = [identity(state), source(state)]
        // Problems only and a filter are never dropped: a filtered screen must not pass for a whole one.
        let marks = marks(state, room: width - 3 - segments.joined().reduce(0) { $0 + $1.width })
        segments += marks
        let mandatory = 2 + marks.count
        if let links = links(state) { segments.append(links) }
        var line: StyledLine = [Span(" ")]
        var used = 1
        var placed = 0
        for (index, segment) in segments.enumerated() {
            let segmentWidth = segment.reduce(0) { $0 + $1.width } + (index == 0 ? 0 : 2)
            if index >= mandatory, used + segmentWidth > width { break }
            if index > 0 { line.append(Span("  ")) }
            line += segment
            used += segmentWidth
            placed += 1
        }
        // After a gap, leaving the clock its gap, width and the right margin.
        if placed == segments.count, let drbd = drbd(state, room: width - used - 2 - (3 + time.width)) {
            line += [Span("  ")] + drbd
            used += 2 + drbd.reduce(0) { $0 + $1.width }
        }
        screen.put(line, at: Screen.Point(row: row, column: 0), limit: width)
        if used + 3 + time.width <= width {
            screen.put(time.text, at: Screen.Point(row: row, column: width - time.width - 1), style: time.style)
        }
    }

    private static func identity(_ state: ConsoleState) -> StyledLine {
        var line: StyledLine = [Span(state.snapshot?.cluster ?? "haconsole", .role(.header, bold: true))]
        if let node = state.localNode { line += [Span(" on "), Span(node, .role(.accent, bold: true))] }
        return line
    }

    /// `daemon connected, data 0.4s` / `daemon DOWN (refused), data 45s old` / `no daemon`,
    /// `daemon via ssh connected` for one reached through `--daemon-via`, and
    /// `Heartbeat via cl_status connected` for a node that runs Heartbeat itself.
    private static func source(_ state: ConsoleState) -> StyledLine {
        let name: String
        switch state.source {
        case .daemon(_, let via): name = via.map { "daemon via \($0)" } ?? "daemon"
        case .heartbeat: name = "Heartbeat via cl_status"
        case .pacemaker: name = "Pacemaker via crm_mon"
        case .none: return [Span("no daemon: log and DRBD only", .role(.warning))]
        }
        var line: StyledLine = [Span(name + " ")]
        switch state.connection {
        case .connected: line.append(Span("connected", .role(.ok)))
        case .connecting: line.append(Span("connecting", .role(.warning)))
        case .disconnected(let reason): line.append(Span("DOWN (\(reason))", .role(.critical, bold: true)))
        }
        if let age = state.dataAge {
            let text = DisplayFormat.duration(milliseconds: age)
            line.append(Span(", data "))
            line.append(state.isStale ? Span("\(text) old STALE", .role(.warning, bold: true)) : Span(text, .role(.muted)))
        } else if state.connection != .connected {
            line.append(Span(", no data yet", .role(.muted)))
        }
        return line
    }

    /// `DRBD: drbdsetup status`, `DRBD: /proc/drbd`, `DRBD: none: no /proc/drbd, no drbdsetup`,
    /// or its first word when that is all that fits in `room`; nil when this node's DRBD is not
    /// read here.
    private static func drbd(_ state: ConsoleState, room: Int) -> StyledLine? {
        guard let choice = state.drbdChoice else { return nil }
        let short = String(choice.prefix { $0 != " " && $0 != ":" })
        for text in [choice, short] where 6 + text.count <= room {
            return [Span("DRBD: "), Span(text, .role(.muted))]
        }
        return nil
    }

    /// `PROBLEMS ONLY` (`PROBLEMS` when `room` is short) and `filter: node=alpha`, each set off
    /// in reverse video; none on the plain screen.
    private static func marks(_ state: ConsoleState, room: Int) -> [StyledLine] {
        let filter = state.browse.scopeText.map { [Span($0, .role(.accent, bold: true, reverse: true))] }
        guard state.browse.problemsOnly else { return filter.map { [$0] } ?? [] }
        let filterWidth = filter.map { 2 + $0.reduce(0) { $0 + $1.width } } ?? 0
        let word = 2 + 13 + filterWidth <= room ? "PROBLEMS ONLY" : "PROBLEMS"
        return [[Span(word, .role(.warning, bold: true, reverse: true))]] + (filter.map { [$0] } ?? [])
    }

    /// `links 2/2`: links up to live peers out of all links to normal peers.
    private static func links(_ state: ConsoleState) -> StyledLine? {
        guard let snapshot = state.snapshot else { return nil }
        let peers = snapshot.nodes.filter { $0.type == .normal && $0.name != snapshot.localNode }
        let links = peers.flatMap(\.links)
        guard !links.isEmpty else { return nil }
        let up = links.filter { $0.status == .up }.count
        let role: ColorRole = state.isStale ? .muted : up == links.count ? .ok : up == 0 ? .critical : .warning
        return [Span("links "), Span("\(up)/\(links.count)", .role(role, bold: up < links.count))]
    }
}
