/// Draws an SOP run as a panel over the lower part of the screen: where the step runs, what
/// to read and type, the action and its confirmation, the live verification and its evidence.
///
/// The panel is as tall as its lines (at least 7 rows, at most the lower two thirds), so the
/// console above keeps the rest; ``keptPanels(_:)`` names the panels the shown step verifies,
/// which the console lays out first (``ConsoleView``).
enum SOPView {
    /// The rows the panel takes above the footer on a `width` x `height` screen; 0 when the
    /// screen is too small for it.
    static func rows(_ session: SOPSession, width: Int, height: Int, options: RenderOptions) -> Int {
        let most = height - 1 - max(3, height / 3)
        guard most >= 7, width >= 40 else { return 0 }
        return max(7, min(most, lines(session, width: width, options: options).count + 2))
    }

    /// The console panels the step being shown reads its verification from (DRBD, the log,
    /// nodes, groups, alerts), so they stay on screen while it is verified.
    static func keptPanels(_ session: SOPSession) -> Set<ConsoleState.Panel> {
        guard let index = session.run.currentStep, !session.run.isFinished else { return [] }
        return Set(
            session.run.procedure.steps[index].verification.clauses.map {
                switch $0 {
                case .nodeStatus: .nodes
                case .groupHolder: .groups
                case .drbd: .drbd
                case .log: .log
                case .alert: .alerts
                }
            })
    }

    static func draw(_ session: SOPSession, into screen: inout Screen, options: RenderOptions) {
        let rows = rows(session, width: screen.width, height: screen.height, options: options)
        guard rows > 0 else { return }
        let bottom = screen.height - 2
        let top = bottom - rows + 1
        let width = screen.width
        for row in top...bottom { screen.put(String(repeating: " ", count: width), at: .init(row: row, column: 0)) }
        let run = session.run
        let rule = options.ascii ? "-" : "─"
        // The step counter first, so a long title never pushes it off the screen.
        var title = " SOP \(run.procedure.name)"
        if let index = run.currentStep { title += " step \(index + 1)/\(run.procedure.steps.count)" }
        title += ": \(run.procedure.title) "
        screen.put(String(repeating: rule, count: width), at: .init(row: top, column: 0), style: .role(.accent))
        screen.put(
            TextFit.truncate(title, to: width - 2, ellipsis: options.ascii ? "..." : "…"), at: .init(row: top, column: 1),
            style: .role(.header, bold: true))
        var row = top + 1
        for (text, style) in lines(session, width: width, options: options) where row < bottom {
            screen.put(text, at: .init(row: row, column: 1), style: style, limit: width - 1)
            row += 1
        }
        screen.put(keys(session), at: .init(row: bottom, column: 1), style: .role(.muted), limit: width - 1)
    }

    /// The panel's lines between its title rule and its key row, for a `width`-column screen.
    static func lines(_ session: SOPSession, width: Int, options: RenderOptions) -> [(String, CellStyle)] {
        let run = session.run
        var lines: [(String, CellStyle)] = []
        if case .choice(let draft) = session.typing, let choice = run.procedure.choice {
            lines.append((choice.question, .plain))
            lines.append(("Type the \(choice.role) node's name and press Enter: \(draft)_", .role(.warning, bold: true)))
        } else if let gate = session.goNoGo, gate.isBlocked, let index = run.currentStep {
            // The verdict in place of the step's text: at 80x24 the panel has no room for both.
            let step = run.presentation(ofStep: index)
            lines.append(("\(step.title) — \(step.location)", .role(.accent, bold: true)))
            lines += GoNoGoView.lines(gate, action: "\(step.action ?? "the action") on \(step.node ?? "?")", width: width - 2, options: options)
        } else if let index = run.currentStep {
            let step = run.presentation(ofStep: index)
            lines.append(("\(step.title) — \(step.location)", .role(.accent, bold: true)))
            lines += wrap(step.text, width: width - 2).map { ($0, CellStyle.plain) }
            if step.action == "start" && run.canStartNodes {
                // The console starts it here; the commands are for a real node, so say so.
                lines.append(("On a real node: \(step.commands.joined(separator: "  or  "))", .role(.muted)))
            } else {
                lines += step.commands.map { ("  $ \($0)", CellStyle.role(.muted, bold: true)) }
            }
            if let action = step.action, action != "start" || run.canStartNodes {
                lines.append(("Action: \(action) on \(step.node ?? "?")", .role(.warning, bold: true)))
            }
            lines.append(("Verify: \(step.verification) (timeout \(step.timeout))", .role(.muted)))
            lines += GoNoGoView.summary(session)
            lines += stateLines(session, step: step, width: width - 2)
        } else if case .completed = run.state {
            let skipped = run.outcomes.values.filter { $0 == .skipped }.count
            let verified = skipped == 0 ? "every step verified" : "\(run.outcomes.count - skipped) steps verified, \(skipped) skipped"
            lines.append(("Procedure completed: \(verified). The audit trail has the record.", .role(.ok, bold: true)))
        } else if case .aborted(_, let reason) = run.state {
            lines.append(("Run aborted: \(reason)", .role(.critical, bold: true)))
        } else if session.resumeOffer == nil {
            lines.append(("Press Enter to start \(run.procedure.title).", .plain))
        }
        if let notice = session.notice { lines += wrap(notice, width: width - 2).map { ($0, CellStyle.role(.warning)) } }
        return lines
    }

    static func stateLines(_ session: SOPSession, step: SOPStepPresentation, width: Int) -> [(String, CellStyle)] {
        switch session.run.state {
        case .showing(let index) where session.run.procedure.steps[index].twoPerson && session.run.approvals[index] == nil:
            // Nothing of a two-person step is done before a second operator approved it.
            if let pending = session.run.pendingApproval {
                return [
                    (
                        "Waiting for a second operator: haconsole sop approve \(pending.token)  (until \(pending.expires))",
                        .role(.critical, bold: true)
                    )
                ]
            }
            return [("Two-person step: run nothing yet. Press Enter for a token; a second operator approves it.", .role(.warning, bold: true))]
        case .showing:
            let node = step.node ?? "the node"
            let text =
                switch step.action {
                case nil: step.isManual ? "Run the commands, then press Enter to verify (x skips this step)." : "Press Enter to verify."
                case "start"? where !session.run.canStartNodes:
                    "Run one of the commands above on \(node), then press Enter to watch it rejoin (x skips this step)."
                case _? where session.run.procedure.goNoGo && session.goNoGo == nil && !session.run.isDryRun:
                    "Press Enter for the go/no-go, then c and type \(node) to perform the action."
                case _?: "Press Enter, then c and type \(node) to perform the action."
                }
            return [(text, .plain)]
        case .awaitingConfirmation(_, let action, let node):
            if case .confirmation(let draft) = session.typing {
                return [("\(step.confirmation ?? "Confirm \(action) on \(node)?") Type \(node): \(draft)_", .role(.critical, bold: true))]
            }
            return [("\(step.confirmation ?? "Confirm \(action) on \(node)?")  c confirm  d decline", .role(.warning, bold: true))]
        case .actionSent(_, _, let node):
            return [("Sent to \(node); waiting for its answer…", .role(.accent))]
        case .verifying:
            let observed = session.run.lastEvaluation?.observations.joined(separator: "; ") ?? ""
            return [("Verifying on live state… \(observed)", .role(.accent))]
        case .passed(_, let evidence) where session.run.isDryRun:
            return [("DRY RUN — nothing was done or recorded; Enter for the next step", .role(.accent, bold: true))]
                + evidence.prefix(5).map { ("  \($0)", CellStyle.role(.muted)) }
        case .passed(_, let evidence):
            return [("PASSED — Enter for the next step", .role(.ok, bold: true))] + evidence.prefix(4).map { ("  ✓ \($0)", CellStyle.role(.ok)) }
        case .failed(_, let observed, let onFailure):
            return [("FAILED — the run stopped here", .role(.critical, bold: true))]
                + observed.prefix(3).map { ("  observed: \($0)", CellStyle.role(.critical)) }
                + wrap("What to do: \(onFailure)", width: width).map { ($0, CellStyle.role(.warning)) }
        case .aborted(_, let reason):
            // Said here too: an aborted step otherwise looks like one still waiting.
            return [("ABORTED — \(reason); nothing more is sent. Esc closes the panel.", .role(.critical, bold: true))]
        default:
            return []
        }
    }

    static func keys(_ session: SOPSession) -> String {
        if session.typing == .abortQuestion { return "Abort this run? y yes, any other key no" }
        if session.run.isFinished { return "Esc close   t timeline written to the audit trail" }
        if session.goNoGo?.isBlocked == true { return GoNoGoView.keys }
        return "Enter next   c confirm   d decline   x skip (manual steps)   a abort"
    }

    /// Words to lines of at most `width` columns.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            if !line.isEmpty && DisplayWidth.of(line) + 1 + DisplayWidth.of(word) > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
