import HAProtocol

/// An SOP run as the operator drives it on screen: the pure run plus what is being typed.
///
/// Keys while a run is open: Enter proceeds (shows the action or starts verifying, then goes on
/// to the next step), `c` starts a confirmation, which only counts when the operator types the
/// target node's name, `d` declines the action, `x` skips a manual step, `a` then `y` aborts, Esc
/// closes the panel once the run is over.
struct SOPSession: Sendable {
    enum Typing: Sendable, Equatable {
        case none
        /// Typing the node name that confirms the pending action.
        case confirmation(String)
        /// Typing the node that a `choose:` procedure asks for before it starts.
        case choice(String)
        case abortQuestion
    }

    var run: SOPRun
    var typing: Typing = .none
    /// The last refusal or result to show, one line.
    var notice: String?
    var started = false
    /// The go/no-go before the first action, once shown (procedures with `go-no-go: yes`).
    var goNoGo: GoNoGoGate?
    /// A run whose console died, offered for resuming: Enter resumes it instead of starting anew.
    var resumeOffer: SOPInterruptedRun?

    init(procedure: Procedure) {
        run = SOPRun(procedure: procedure)
        typing = procedure.choice == nil ? .none : .choice("")
    }

    /// What a key means to the session: events for the run, or nil when the session ignores it.
    /// `start` says who starts a run once a `choose:` was answered.
    mutating func handle(_ key: ConsoleKey, start: (String?) -> SOPRunStart) -> [SOPRun.Event]? {
        switch typing {
        case .confirmation(var draft), .choice(var draft):
            switch key {
            case .escape:
                typing = .none
                return []
            case .backspace:
                if !draft.isEmpty { draft.removeLast() }
            case .character(let character) where character != "\n":
                draft.append(character)
            case .enter:
                let isChoice = if case .choice = typing { true } else { false }
                typing = .none
                return isChoice ? [.start(start(draft))] : [.confirm(node: draft)]
            default:
                return []
            }
            typing = if case .choice = typing { .choice(draft) } else { .confirmation(draft) }
            return []
        case .abortQuestion:
            typing = .none
            return key == .character("y") ? [.abort(reason: "aborted by the operator")] : []
        case .none:
            switch key {
            case .enter:
                // A run that could not start (no cluster data yet) starts on Enter, as its panel says.
                guard case .notStarted = run.state else { return [.proceed] }
                if let offer = resumeOffer { return [.resume(SOPRunResume(interrupted: offer, start: start(nil)))] }
                if run.procedure.choice != nil {
                    typing = .choice("")
                    return []
                }
                return [.start(start(nil))]
            case .character("c"):
                if case .awaitingConfirmation = run.state { typing = .confirmation("") }
                return []
            case .character("d"): return [.decline]
            // Not `s`: on this screen `s` is the log search (one key, one meaning).
            case .character("x"): return [.skip]
            case .character("a"):
                if !run.isFinished { typing = .abortQuestion }
                return []
            default: return nil
            }
        }
    }

}
