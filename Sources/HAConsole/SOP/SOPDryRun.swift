/// A procedure as it would run, printed without acting: every step in order with its node, its
/// text, the exact action and target, the confirmation, the verification and its timeout, and the
/// commands (`haconsole sop run NAME --dry-run`).
///
/// Pure and inert: it reads a ``Procedure`` and resolved ``SOPRoles`` and returns lines; it has
/// no way to send a request or write an audit record.
enum SOPDryRun {
    /// The dry run of `procedure` with `roles` filled in; `source` says where the roles came from
    /// (`the live cluster, read from /run/hadaemon.sock`, `--primary/--secondary`).
    static func lines(_ procedure: Procedure, roles: SOPRoles, source: String) -> [String] {
        var run = SOPRun(procedure: procedure)
        run.roles = roles
        var lines = [
            "DRY RUN of \(procedure.name): \(roles.expand(procedure.title)) — nothing is sent and no audit record is written.",
            "Procedure: \(procedure.file) (sha256 \(procedure.digest.prefix(12)))",
            "Roles (\(source)): \(roles.summary)" + (roles.groupKey.map { "; group \($0)" } ?? ""),
        ]
        let gated = procedure.goNoGo ? procedure.steps.firstIndex { $0.action != nil } : nil
        for index in procedure.steps.indices {
            let step = run.presentation(ofStep: index)
            let marker = procedure.steps[index].twoPerson ? " [two-person]" : ""
            lines += ["", "Step \(step.number)/\(step.count) \(step.id): \(step.title) — runs \(step.location)\(marker)"]
            lines += wrapped("Operator reads: \(step.text)")
            if index == gated {
                lines += wrapped(
                    "Go/no-go first: nodes agree, configs equal, links up, DRBD in sync, no failed resource, fencing; a NO-GO holds the step until 'override' is typed (recorded)"
                )
            }
            lines += dryRunAction(procedure.steps[index], step)
            lines += step.commands.map { "  Command (by hand): $ \($0)" }
            lines.append("  Verify: \(step.verification) (timeout \(step.timeout))")
            lines += wrapped("On failure: \(step.onFailure)")
        }
        return lines
    }

    /// What the console would do for the step: the action, its target and confirmation.
    static func dryRunAction(_ step: ProcedureStep, _ shown: SOPStepPresentation) -> [String] {
        var lines: [String] = []
        if let action = step.action {
            let node = shown.node ?? "?"
            let how =
                switch action {
                case .start: "start the stopped daemon on \(node) (only where the console launched it, as in the demo; else the commands below)"
                default: "send '\(action)' to the daemon on \(node)"
                }
            lines.append("  Action (not performed): \(how)")
            if let confirmation = shown.confirmation {
                lines.append("  Confirmation: \(confirmation) — the operator types \(node)")
            }
        } else {
            lines.append(step.commands.isEmpty ? "  Action: none; the console only verifies" : "  Action: none; the operator runs the commands")
        }
        if step.twoPerson {
            lines.append("  Two-person: a second operator approves with 'haconsole sop approve TOKEN' before this step goes on")
        }
        return lines
    }

    /// `text` in lines of at most 100 columns, continuation lines indented under the first.
    static func wrapped(_ text: String, width: Int = 100) -> [String] {
        var lines: [String] = []
        var line = " "
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            if line.count > 4 && line.count + 1 + word.count > width {
                lines.append(line)
                line = "    "
            }
            line += " " + word
        }
        if line.count > 4 { lines.append(line) }
        return lines
    }
}
