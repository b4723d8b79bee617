extension FooterView {
    /// The hints of the detail view and the problems list, after quit, help and the SOP
    /// actions; nil on the panels' screen.
    static func browseHints(_ context: RenderContext) -> [KeyHint]? {
        let browse = context.state.browse
        if context.state.showTimeline {
            return [KeyHint(key: "Esc", label: "back"), KeyHint(key: context.glyphs.scroll, label: "older/newer"), KeyHint.problems]
        }
        if browse.detail != nil {
            return [
                KeyHint(key: "Esc", label: "back"), KeyHint(key: context.glyphs.scroll, label: "scroll"), KeyHint.problems, KeyHint.scope,
            ]
        }
        guard browse.problemsOnly else { return nil }
        // What the list is for first: open a problem, move to another, then leave.
        var hints: [KeyHint] = browse.enterTaken ? [] : [KeyHint(key: "Enter", label: "detail")]
        hints += [KeyHint(key: context.glyphs.scroll, label: "select"), KeyHint(key: "!", label: "show all")]
        return hints + [KeyHint(key: "Esc", label: browse.scope == nil ? "back" : "clear filter"), KeyHint.scope]
    }

    /// `Enter detail` while a panel whose rows open has focus (and no SOP run takes Enter).
    static func openHint(_ context: RenderContext) -> KeyHint? {
        let state = context.state
        guard ConsoleBrowse.selectablePanels.contains(state.focus), !state.browse.enterTaken else { return nil }
        return KeyHint(key: "Enter", label: "detail")
    }
}
