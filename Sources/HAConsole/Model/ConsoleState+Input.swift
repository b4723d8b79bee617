extension ConsoleState {
    /// Applies one operator action; `pageSize` is how many rows PgUp/PgDn move (the log panel's
    /// height in the last frame). Returns what the shell must do next: redraw, unless it quits.
    @discardableResult
    mutating func apply(_ action: ConsoleAction, pageSize: Int = 10) -> ConsoleEffect {
        switch action {
        case .quit: return .quit
        case .refresh: return .refresh
        case .toggleHelp: showHelp.toggle()
        case .focusNext, .focusPrevious:
            let panels = Panel.allCases
            let index = panels.firstIndex(of: focus) ?? 0
            let step = action == .focusNext ? 1 : panels.count - 1
            focus = panels[(index + step) % panels.count]
        case .scrollUp: scroll(by: -1)
        case .scrollDown: scroll(by: 1)
        case .pageUp: scroll(by: -max(1, pageSize))
        case .pageDown: scroll(by: max(1, pageSize))
        case .scrollToTop: scroll(by: -Int.max / 2)
        case .scrollToBottom:
            if focus == .log {
                setFollow(true)
            } else {
                panelScroll[focus] = 0
            }
        case .toggleFollow: setFollow(!follow)
        case .beginFilter: beginInput(.filter, text: filter)
        case .beginSearch: beginInput(.search, text: search)
        case .nextMatch: moveToMatch(newer: true)
        case .previousMatch: moveToMatch(newer: false)
        case .cancel: cancel()
        case .insert(let character): draft.append(character)
        case .deleteBackward: if !draft.isEmpty { draft.removeLast() }
        case .commit: commitInput()
        }
        return .redraw
    }

    /// Applies the action a key stands for; nil when the key is not the console's.
    mutating func handle(_ key: ConsoleKey, pageSize: Int = 10) -> ConsoleEffect? {
        guard let action = ConsoleAction(key: key, mode: inputMode) else { return nil }
        return apply(action, pageSize: pageSize)
    }

    /// How many kept log lines pass the filter.
    var filteredLogCount: Int {
        let term = filter.lowercased()
        guard !term.isEmpty else { return log.count }
        var count = 0
        for index in 0..<log.count where log[index].contains(folded: term) { count += 1 }
        return count
    }

    private mutating func setFollow(_ on: Bool) {
        follow = on
        if on { logScroll = 0 }
    }

    /// Moves the focused panel; in the log, positive is towards newer lines.
    private mutating func scroll(by delta: Int) {
        if focus == .log {
            let limit = max(0, filteredLogCount - 1)
            logScroll = min(limit, max(0, logScroll - delta))
            if delta < 0 { follow = false }
        } else {
            panelScroll[focus] = max(0, (panelScroll[focus] ?? 0) + delta)
        }
    }

    private mutating func beginInput(_ mode: InputMode, text: String) {
        inputMode = mode
        draft = text
        showHelp = false
    }

    private mutating func commitInput() {
        switch inputMode {
        case .filter:
            filter = draft
            logScroll = 0
        case .search:
            search = draft
            searchMatch = nil
            if !search.isEmpty { moveToMatch(newer: false) }
        case .scope: commitScope()
        case .normal: break
        }
        inputMode = .normal
        draft = ""
    }

    private mutating func cancel() {
        if showHelp {
            showHelp = false
        } else if inputMode != .normal {
            inputMode = .normal
            draft = ""
        } else if !search.isEmpty {
            search = ""
            searchMatch = nil
        } else if !filter.isEmpty {
            filter = ""
            logScroll = 0
        }
    }

    /// Moves to the next newer (or older) line that passes the filter and holds the search
    /// term, wrapping around; from no current match, older starts at the newest line.
    private mutating func moveToMatch(newer: Bool) {
        let term = search.lowercased()
        guard !term.isEmpty, !log.isEmpty else { return }
        let filterTerm = filter.lowercased()
        let matches = (0..<log.count).filter {
            log[$0].contains(folded: filterTerm) && log[$0].contains(folded: term)
        }
        guard !matches.isEmpty else {
            message = Message(text: "no line matches \"\(search)\"", severity: .warning, expiresAt: clock.now + 3000)
            return
        }
        let current = searchMatch.map { $0 - log.firstSequence }
        let target: Int
        if newer {
            target = matches.first { $0 > (current ?? -1) } ?? matches[0]
        } else {
            target = matches.last { $0 < (current ?? log.count) } ?? matches[matches.count - 1]
        }
        searchMatch = log[target].sequence
        follow = false
        var below = 0
        for index in (target + 1)..<max(target + 1, log.count) where log[index].contains(folded: filterTerm) { below += 1 }
        logScroll = below
        focus = .log
    }
}
