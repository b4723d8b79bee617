/// The selected row of the nodes, groups and DRBD panels (``ConsoleBrowse/selection``): which
/// lines it is, and how it is marked (`>` in the first column, the row reversed and underlined,
/// so it reads without colour and is not taken for a critical row, which is bold reverse).
extension PanelFrame {
    /// This frame with the focused panel's selected row set; unchanged for other panels, while
    /// another view fills the body, or when Enter belongs to an SOP run.
    func selecting(_ context: RenderContext) -> PanelFrame {
        let state = context.state
        guard state.focus == panel, ConsoleBrowse.selectablePanels.contains(panel), !state.browse.enterTaken else { return self }
        let subjects = state.selectableSubjects(panel)
        guard !subjects.isEmpty else { return self }
        let index = min(state.browse.selection[panel] ?? 0, subjects.count - 1)
        var copy = self
        switch panel {
        case .nodes, .groups: copy.selected = (lines.count + index)..<(lines.count + index + 1)
        case .drbd: copy.selected = drbdLines(resource: index, state: state)
        default: break
        }
        return copy
    }

    /// The lines of the `index`th resource in ``DRBDView``'s layouts: one per volume after the
    /// heading row side by side, else one per node, connection and volume.
    private func drbdLines(resource index: Int, state: ConsoleState) -> Range<Int>? {
        let nodes = state.nodeNames.filter { state.drbd[$0] != nil || state.drbdProblems[$0] != nil }
        let all = DRBDView.resources(state, nodes: nodes)
        guard index < all.count else { return nil }
        let sideBySide = table == nil
        var start = sideBySide ? 1 : 0
        var length = 0
        for (position, entry) in all.enumerated() {
            let volumes = DRBDView.volumes(entry.byNode).count
            let rows = sideBySide ? volumes : nodes.reduce(0) { $0 + (entry.byNode[$1].map { max(1, $0.connections.count) * volumes } ?? 0) }
            if position == index {
                length = rows
                break
            }
            start += rows
        }
        return start..<(start + max(1, length))
    }

    /// The first scroll offset that shows `selected` among `count` lines in `room` rows (one of
    /// them the "more" row when not all fit).
    static func offset(showing selected: Range<Int>, count: Int, room: Int) -> Int {
        let shown = count > room ? max(1, room - 1) : room
        let last = max(0, count - shown)
        // The selection's last line at the bottom, unless the selection is taller than the room.
        return min(last, min(selected.lowerBound, max(0, selected.upperBound - shown)))
    }

    /// The `>` that marks the selected row.
    static let selectedStyle = CellStyle.role(.accent, bold: true, reverse: true, underline: true)

    /// `line` reversed and underlined.
    static func marked(_ line: StyledLine) -> StyledLine {
        line.map { span in
            var style = span.style
            style.reverse = true
            style.underline = true
            return Span(span.text, style)
        }
    }
}
