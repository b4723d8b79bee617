/// The go/no-go inside the SOP panel (``SOPView``): while the gate is blocked, the verdict, each
/// check green or red with its evidence (a red one wrapped whole, a green one on one line), and
/// what unlocks it; once passed, one line that says how the run got past it.
enum GoNoGoView {
    /// Red evidence wraps to at most this many lines per item; the audit trail has it all.
    static let redLines = 3

    /// The panel's lines for a blocked gate, for `width` columns.
    static func lines(_ gate: GoNoGoGate, action: String, width: Int, options: RenderOptions) -> [(String, CellStyle)] {
        let glyphs = Glyphs.forOptions(options)
        let verdict = gate.verdict
        let red = verdict.redItems.count
        var lines: [(String, CellStyle)] = [
            verdict.isGo
                ? ("GO before \(action): all \(verdict.items.count) checks green now; Enter goes on", .role(.ok, bold: true))
                : ("NO-GO before \(action): \(red) of \(verdict.items.count) checks red, not safe to act now", .role(.critical, bold: true))
        ]
        let label = 18
        for item in verdict.items {
            let head = "\(item.go ? glyphs.online : glyphs.critical) \(item.go ? "GO   " : "NO-GO") \(pad(item.check.title, label))"
            let indent = String(repeating: " ", count: DisplayWidth.of(head) + 1)
            if item.go {
                lines.append(("\(head) \(item.text)", .role(.ok)))
                continue
            }
            let wrapped = SOPView.wrap(item.text, width: max(20, width - indent.count))
            for (index, text) in wrapped.prefix(redLines).enumerated() {
                lines.append((index == 0 ? "\(head) \(text)" : indent + text, .role(.critical, bold: index == 0)))
            }
        }
        if case .blocked(let draft) = gate.phase, !verdict.isGo {
            lines.append(
                ("To act anyway, type \(GoNoGo.overrideWord) and press Enter (audited with your name): \(draft)_", .role(.warning, bold: true)))
        }
        return lines
    }

    /// One line on the gated step once the gate is behind it; none before, or on other steps.
    static func summary(_ session: SOPSession) -> [(String, CellStyle)] {
        guard let gate = session.goNoGo, gate.step == session.run.currentStep else { return [] }
        switch gate.phase {
        case .blocked: return []
        case .passed: return [("GO/NO-GO: GO, all \(gate.verdict.items.count) checks green", .role(.ok))]
        case .overridden(let user):
            let red = gate.verdict.redItems.map(\.check.title).joined(separator: ", ")
            return [("GO/NO-GO: NO-GO overridden by \(user) (red: \(red))", .role(.warning, bold: true))]
        }
    }

    /// The key row while the gate is blocked.
    static let keys = "\(GoNoGo.overrideWord)+Enter act anyway   Enter check again   Esc back out"

    private static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - DisplayWidth.of(text)))
    }
}
