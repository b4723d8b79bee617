import HAProtocol

extension ConsoleModel {
    /// A key goes to the picker when it is open, else to the SOP run when it takes it, else to
    /// the view (``ConsoleState/handle(_:pageSize:)``).
    ///
    /// Ctrl-C is `q` wherever `q` quits (asking first during a run), and Esc while a node name,
    /// an answer or the go/no-go's override is being typed, where `q` is just a letter.
    mutating func handle(_ key: ConsoleKey, pageSize: Int) -> [ConsoleEffect] {
        var key = key
        if key == .control("c") {
            picker = nil
            if let typing = session?.typing, typing != .none { key = .escape }
            if session?.goNoGo?.isBlocked == true { key = .escape }
        }
        if picker != nil { return handlePicker(key) + [.redraw] }
        if var current = session, state.inputMode == .normal {
            if key == .escape, current.run.isFinished || !current.started {
                session = nil
                return [.redraw]
            }
            if let effects = handleGoNoGo(key) { return effects }
            if let events = current.handle(key, start: runStart) {
                session = current
                return events.flatMap { feedSession($0) } + [.redraw]
            }
        }
        // Problems only, the detail view, the node or group filter; Enter stays the run's.
        if let effect = state.browseKey(key, pageSize: pageSize, enterFree: session == nil) { return [effect] }
        if key == .character("p"), !readOnly, state.inputMode == .normal, session == nil {
            return [.listProcedures, .redraw]
        }
        if key == .character("F"), let effects = openManualFence() { return effects }
        if key == .character("S"), canStartNodes, state.inputMode == .normal { return [.startNode(nil, requestID: nil), .redraw] }
        switch state.handle(key, pageSize: pageSize) {
        case .quit?:
            if let session, !session.run.isFinished, session.started, !session.run.isDryRun {
                state.post("An SOP run is in progress: abort it with 'a' first", severity: .warning, now: state.clock.now)
                return [.redraw]
            }
            return [.quit]
        case let effect?: return [effect]
        case nil: return [.redraw]
        }
    }

    // MARK: - Procedure picker

    mutating func showPicker(_ listed: Result<[String], SOPFileError>) -> [ConsoleEffect] {
        switch listed {
        case .success(let paths) where paths.isEmpty:
            state.post("no procedures in \(sopDirectory)", severity: .warning, now: state.clock.now)
        case .success(let paths):
            picker = Picker(paths: paths)
        case .failure(let error):
            state.post("cannot read \(sopDirectory): \(error)", severity: .warning, now: state.clock.now)
        }
        return [.redraw]
    }

    private mutating func handlePicker(_ key: ConsoleKey) -> [ConsoleEffect] {
        guard var current = picker else { return [] }
        switch key {
        case .escape, .character("q"): picker = nil
        case .up, .character("k"): current.index = max(0, current.index - 1)
        case .down, .character("j"): current.index = min(current.paths.count - 1, current.index + 1)
        case .enter:
            picker = nil
            return [.readProcedure(current.paths[current.index])]
        default: break
        }
        if picker != nil { picker = current }
        return []
    }

    /// Opens a run of the procedure read from `path`; one without a `choose:` starts at once.
    mutating func startProcedure(_ path: String, _ read: Result<String, SOPFileError>) -> [ConsoleEffect] {
        switch read {
        case .failure(let error):
            state.post("cannot read \(path): \(error)", severity: .critical, now: state.clock.now)
            return [.redraw]
        case .success(let text):
            let parsed = ProcedureParser.parse(text, file: path)
            guard let procedure = parsed.procedure else {
                state.post("\(path) does not validate: \(parsed.diagnostics.first.map { "\($0)" } ?? "?")", severity: .critical, now: state.clock.now)
                return [.redraw]
            }
            var new = SOPSession(procedure: procedure)
            if let snapshot = state.snapshot { _ = new.run.handle(.snapshot(snapshot), at: now, wallTime: wallTime) }
            if let offer = pendingResume, offer.file == path { return offerResume(offer, new) }
            session = new
            guard procedure.choice == nil else { return [.redraw] }
            return feedSession(.start(runStart(chosen: nil)))
        }
    }
}
