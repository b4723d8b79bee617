/// The console's one screen, drawn from a ``ConsoleState`` into a ``Screen``: the render entry
/// point the terminal layer calls each frame. Pure: no clock, no I/O; the same state and size
/// always give the same grid.
///
/// Layout, top to bottom: the header, what is wrong and what to do while no data has come from
/// an unreachable node (``ConnectionProblemView``), alerts (only when there are any), nodes, resource groups,
/// fencing (while a reset is owed or after one ran), DRBD (when any node reports it), the
/// ha-log tail, and the key-hint row. Header, alerts, groups and nodes get their rows first;
/// fencing, DRBD and the log share what is left, the log keeping
/// at least a few lines. From 160x30 up, nodes and groups stand side by side, DRBD shows the
/// nodes side by side, and tables show more columns wherever they have room. Below 40x10 the screen says it is too
/// small. `?` draws the help over everything. The problems list (`!`) or a detail view (Enter)
/// takes the whole body instead of the panels; a node or group filter (`o`) narrows the panels
/// (``scopedContext(_:)``), never the header.
///
/// An overlay at the bottom (an SOP run's panel) reserves rows above the footer; the panels it
/// names as kept (what the step being verified reads: DRBD, the log) get their rows before
/// alerts, nodes and groups share the rest, so no number of alerts pushes them off the screen.
enum ConsoleView {
    static let minimumWidth = 40
    static let minimumHeight = 10

    /// A new screen of `width` x `height` with the console drawn on it.
    /// `reserving` rows above the footer are left blank for an overlay; `keeping` panels get
    /// their rows first.
    static func render(
        _ state: ConsoleState, width: Int, height: Int, options: RenderOptions = RenderOptions(), reserving: Int = 0,
        keeping: Set<ConsoleState.Panel> = []
    ) -> Screen {
        var screen = Screen(width: width, height: height, options: options)
        render(state, into: &screen, options: options, reserving: reserving, keeping: keeping)
        return screen
    }

    /// Redraws `screen` (same size, cleared, with `options`) from `state`.
    static func render(
        _ state: ConsoleState, into screen: inout Screen, options: RenderOptions, reserving: Int = 0, keeping: Set<ConsoleState.Panel> = []
    ) {
        screen = Screen(width: screen.width, height: screen.height, options: options)
        guard screen.width >= minimumWidth, screen.height >= minimumHeight else {
            drawTooSmall(into: &screen)
            return
        }
        let full = RenderContext(state: state, options: options)
        HeaderView.draw(into: &screen, row: 0, context: full)
        FooterView.draw(into: &screen, row: screen.height - 1, context: full)
        let body = max(0, screen.height - 2 - max(0, reserving))
        let context = scopedContext(full)
        if drawBrowse(full, scoped: context, into: &screen, body: body) {
            // The problems list or a detail view fills the body.
        } else if screen.width >= 160, screen.height >= 30 {
            drawWide(context, into: &screen, body: body, keeping: keeping)
        } else {
            drawSingleColumn(context, into: &screen, body: body, keeping: keeping)
        }
        if state.showHelp { HelpOverlay.draw(into: &screen, context: full) }
    }

    /// Log rows kept at least (its title and three lines) when DRBD competes for room.
    private static let logMinimum = 4

    /// Fencing and DRBD, the panels below nodes and groups, when they have anything to show.
    private static func lowerFrames(_ context: RenderContext, width: Int) -> [(ConsoleState.Panel, PanelFrame)] {
        [(.fencing, FencingView.frame(context, width: width)), (.drbd, DRBDView.frame(context, width: width)?.selecting(context))].compactMap {
            panel, frame in
            frame.map { (panel, $0) }
        }
    }

    /// The rows of the kept panels, taken from `remaining` before anything else (each at most
    /// half of what is left, so the rest still shows), the log's included.
    private static func keptRows(
        _ frames: [(ConsoleState.Panel, PanelFrame)], keeping: Set<ConsoleState.Panel>, remaining: inout Int
    ) -> [ConsoleState.Panel: Int] {
        var kept: [ConsoleState.Panel: Int] = [:]
        for (panel, frame) in frames where keeping.contains(panel) {
            let rows = min(frame.wantedRows, remaining / 2)
            kept[panel] = rows > 1 ? rows : 0
            remaining -= kept[panel]!
        }
        if keeping.contains(.log) {
            kept[.log] = min(logMinimum, remaining / 2)
            remaining -= kept[.log]!
        }
        return kept
    }

    private static func drawSingleColumn(_ context: RenderContext, into screen: inout Screen, body: Int, keeping: Set<ConsoleState.Panel>) {
        let width = screen.width
        let nodes = NodesView.frame(context, width: width).selecting(context)
        let groups = GroupsView.frame(context, width: width).selecting(context)
        let lower = lowerFrames(context, width: width)
        var remaining = body
        let kept = keptRows(lower, keeping: keeping, remaining: &remaining)
        var stack: [(PanelFrame, Int)] = []
        if let problem = ConnectionProblemView.frame(context, width: width) {
            let rows = min(problem.wantedRows, max(0, remaining - logMinimum - 4))
            stack.append((problem, rows))
            remaining -= rows
        }
        let alertRows = AlertsView.rows(context)
        if alertRows.full > 0 {
            // However many alerts, nodes and groups keep their title and a few rows.
            let reserve = min(nodes.wantedRows, 4) + min(groups.wantedRows, 4)
            let compact = alertRows.full + nodes.wantedRows + groups.wantedRows > remaining
            let wanted = compact ? alertRows.compact : alertRows.full
            let rows = max(min(2, remaining), min(wanted, remaining - reserve))
            if let alerts = AlertsView.frame(context, compact: compact) { stack.append((alerts, rows)) }
            remaining -= rows
        }
        let groupRows = min(groups.wantedRows, max(0, remaining - min(nodes.wantedRows, 4)))
        let nodeRows = min(nodes.wantedRows, remaining - groupRows)
        stack.append((nodes, nodeRows))
        stack.append((groups, groupRows))
        remaining -= nodeRows + groupRows
        // Fencing before DRBD: a reset in progress decides when the disk may be promoted.
        for (panel, frame) in lower {
            var rows = kept[panel] ?? min(frame.wantedRows, max(0, remaining - logMinimum))
            if rows == 1 { rows = 0 }
            if rows > 0 { stack.append((frame, rows)) }
            if kept[panel] == nil { remaining -= rows }
        }
        remaining += kept[.log] ?? 0
        if remaining > 0 { stack.append((LogView.frame(context, rows: remaining - 1), remaining)) }
        var top = 1
        for (frame, rows) in stack where rows > 0 {
            frame.draw(into: &screen, top: top, rows: rows, left: 0, width: width, context: context)
            top += rows
        }
    }

    /// Alerts across the top, then nodes and groups side by side, then DRBD (nodes side by
    /// side when they fit) and the log, each the full width.
    private static func drawWide(_ context: RenderContext, into screen: inout Screen, body: Int, keeping: Set<ConsoleState.Panel>) {
        let width = screen.width
        let leftWidth = (width - 1) / 2
        let rightWidth = width - leftWidth - 1
        let nodes = NodesView.frame(context, width: leftWidth).selecting(context)
        let groups = GroupsView.frame(context, width: rightWidth).selecting(context)
        let lower = lowerFrames(context, width: width)
        var remaining = body
        let kept = keptRows(lower, keeping: keeping, remaining: &remaining)
        var top = 1
        if let problem = ConnectionProblemView.frame(context, width: width) {
            let rows = min(problem.wantedRows, max(0, remaining - logMinimum - 4))
            problem.draw(into: &screen, top: top, rows: rows, left: 0, width: width, context: context)
            top += rows
            remaining -= rows
        }
        if let alerts = AlertsView.frame(context, compact: false) {
            let rows = max(0, min(alerts.wantedRows, remaining - logMinimum - 2))
            alerts.draw(into: &screen, top: top, rows: rows, left: 0, width: width, context: context)
            top += rows
            remaining -= rows
        }
        let band = max(0, min(max(nodes.wantedRows, groups.wantedRows), remaining - logMinimum))
        nodes.draw(into: &screen, top: top, rows: band, left: 0, width: leftWidth, context: context)
        groups.draw(into: &screen, top: top, rows: band, left: leftWidth + 1, width: rightWidth, context: context)
        for row in top..<(top + max(0, band)) {
            screen.put(String(context.glyphs.vertical), at: Screen.Point(row: row, column: leftWidth), style: .role(.muted))
        }
        top += band
        remaining -= band
        for (panel, frame) in lower {
            var rows = kept[panel] ?? min(frame.wantedRows, max(0, remaining - logMinimum))
            if rows == 1 { rows = 0 }
            frame.draw(into: &screen, top: top, rows: rows, left: 0, width: width, context: context)
            top += rows
            if kept[panel] == nil { remaining -= rows }
        }
        remaining += kept[.log] ?? 0
        guard remaining > 0 else { return }
        LogView.frame(context, rows: remaining - 1).draw(into: &screen, top: top, rows: remaining, left: 0, width: width, context: context)
    }

    private static func drawTooSmall(into screen: inout Screen) {
        let words = ["terminal too small", "(\(screen.width)x\(screen.height));", "need \(minimumWidth)x\(minimumHeight)"]
        var row = 0
        var line = ""
        for word in words {
            if !line.isEmpty, DisplayWidth.of(line) + 1 + word.count > screen.width {
                screen.put(line, at: Screen.Point(row: row, column: 0), style: .role(.warning, bold: true))
                row += 1
                line = word
            } else {
                line += line.isEmpty ? word : " " + word
            }
        }
        screen.put(line, at: Screen.Point(row: row, column: 0), style: .role(.warning, bold: true))
    }
}
