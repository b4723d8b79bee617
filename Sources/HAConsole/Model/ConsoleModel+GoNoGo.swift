import HAProtocol

extension ConsoleModel {
    /// The go/no-go's share of the keys: Enter on the step of the first action opens it (of a
    /// procedure with `go-no-go: yes`); while it is blocked it takes every key. Nil when it does
    /// not take `key`.
    ///
    /// A green verdict is recorded and the run goes on to the usual confirmation at once. A red
    /// one holds the run: Enter takes only ``GoNoGo/overrideWord`` typed before it (or a verdict
    /// that has turned green since), Esc backs out. Every outcome is an audit record.
    mutating func handleGoNoGo(_ key: ConsoleKey) -> [ConsoleEffect]? {
        guard var current = session else { return nil }
        guard var gate = current.goNoGo, case .blocked(var draft) = gate.phase else {
            guard key == .enter, current.typing == .none, let step = gatedStep(current) else { return nil }
            let verdict = GoNoGo.evaluate(state)
            let record = goNoGoRecord(.goNoGo, verdict, step: step, outcome: verdict.verdict)
            current.goNoGo = GoNoGoGate(step: step, phase: verdict.isGo ? .passed : .blocked(draft: ""), verdict: verdict)
            current.notice = nil
            session = current
            return [.audit(record)] + (verdict.isGo ? feedSession(.proceed) : [.redraw])
        }
        switch key {
        case .escape:
            var record = goNoGoRecord(.goNoGo, gate.verdict, step: gate.step, outcome: "backed out")
            record.detail = "\(identity.user) backed out at the no-go; nothing sent"
            current.goNoGo = nil
            current.notice = "Backed out of the no-go; nothing was sent. Enter checks again."
            session = current
            return [.audit(record), .redraw]
        case .backspace:
            if !draft.isEmpty { draft.removeLast() }
        case .character(let character) where character != "\n":
            if draft.count < GoNoGoGate.draftLimit { draft.append(character) }
        case .enter:
            return decideGoNoGo(&current, &gate, typed: draft)
        default:
            break
        }
        gate.phase = .blocked(draft: draft)
        current.goNoGo = gate
        session = current
        return [.redraw]
    }

    /// Enter at a blocked gate: the override word proceeds (recorded with the operator's name),
    /// a verdict green by now proceeds as a go, anything else is refused and says why.
    private mutating func decideGoNoGo(_ current: inout SOPSession, _ gate: inout GoNoGoGate, typed: String) -> [ConsoleEffect] {
        gate.verdict = GoNoGo.evaluate(state)
        var effects: [ConsoleEffect] = []
        if typed == GoNoGo.overrideWord && !gate.verdict.isGo {
            var record = goNoGoRecord(.goNoGoOverride, gate.verdict, step: gate.step, outcome: "overridden")
            record.evidence = gate.verdict.redItems.map(\.line)
            record.user = identity.user
            record.host = identity.host
            let red = gate.verdict.redItems.map(\.check.title).joined(separator: ", ")
            record.detail = "\(identity.user) on \(identity.host) typed '\(GoNoGo.overrideWord)' to act despite the no-go (red: \(red))"
            effects.append(.audit(record))
            gate.phase = .overridden(by: identity.user)
        } else if gate.verdict.isGo {
            effects.append(.audit(goNoGoRecord(.goNoGo, gate.verdict, step: gate.step, outcome: "go")))
            gate.phase = .passed
        } else {
            gate.phase = .blocked(draft: "")
            current.goNoGo = gate
            current.notice =
                typed.isEmpty
                ? "NO-GO: nothing is sent. Type \(GoNoGo.overrideWord) and press Enter to act anyway, or Esc to back out."
                : "'\(typed)' is not the override word: nothing is sent. Type \(GoNoGo.overrideWord) and press Enter, or Esc."
            session = current
            return [.redraw]
        }
        current.goNoGo = gate
        current.notice = nil
        session = current
        return effects + feedSession(.proceed)
    }

    /// The step whose action the go/no-go must clear before Enter goes on: the shown step, when
    /// the procedure asks for a go/no-go, it is the procedure's first step with an action, and
    /// no gate has been passed in this run yet. A rehearsal (`--dry-run`) performs nothing, so
    /// nothing needs clearing: its step says a go/no-go would come.
    func gatedStep(_ session: SOPSession) -> Int? {
        let steps = session.run.procedure.steps
        guard session.run.procedure.goNoGo, !session.run.isDryRun, session.goNoGo == nil, case .showing(let index) = session.run.state,
            let action = steps[index].action, index == steps.firstIndex(where: { $0.action != nil })
        else { return nil }
        // Without a launcher, `start` is the operator's own command: nothing for the console to hold.
        if action == .start && !session.run.canStartNodes { return nil }
        return index
    }

    /// Re-reads the verdict of a blocked gate, so the panel follows the cluster (once per tick).
    mutating func refreshGoNoGo() {
        guard let gate = session?.goNoGo, gate.isBlocked else { return }
        session?.goNoGo?.verdict = GoNoGo.evaluate(state)
    }

    /// A go/no-go record of this run, for step `step`: every check as a line of evidence.
    func goNoGoRecord(_ event: SOPAuditRecord.Event, _ verdict: GoNoGo, step: Int, outcome: String) -> SOPAuditRecord {
        guard let run = session?.run else { return SOPAuditRecord(time: wallTime, run: "", event: event, procedure: "") }
        var record = run.record(event, SOPRun.Context(now: now, wallTime: wallTime), step: step)
        record.action = run.procedure.steps[step].action?.description
        record.outcome = outcome
        record.evidence = verdict.items.map(\.line)
        let red = verdict.redItems
        record.detail =
            red.isEmpty
            ? "go/no-go: GO, all \(verdict.items.count) checks green"
            : "go/no-go: NO-GO, \(red.count) of \(verdict.items.count) red: \(red.map(\.check.title).joined(separator: ", "))"
        return record
    }
}
