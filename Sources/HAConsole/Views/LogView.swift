import HAProtocol

/// The live ha-log tail: the newest lines that pass the filter, scrolled back by the state's
/// offset, each with its level word in its level's role (``HALogLine/effectiveLevel``), lines
/// that fit no layout muted, and search hits in reverse video (bold on the current match).
/// Only the rows on screen are built, so a long tail costs nothing per frame.
enum LogView {
    static func frame(_ context: RenderContext, rows: Int) -> PanelFrame {
        let state = context.state
        let glyphs = context.glyphs
        var title: StyledLine = [Span("ha-log", .role(.header, bold: true))]
        if let path = state.logPath { title.append(Span(" \(path)", .role(.muted))) }
        if state.follow {
            title.append(Span("  \(glyphs.follow) following", .role(.ok)))
        } else {
            let newer = state.logScroll > 0 ? ", \(state.logScroll) newer below" : ""
            title.append(Span("  \(glyphs.paused) paused\(newer)", .role(.warning, bold: true)))
        }
        if !state.filter.isEmpty { title.append(Span("  filter \"\(state.filter)\"", .role(.accent))) }
        if !state.search.isEmpty { title.append(Span("  search \"\(state.search)\"", .role(.accent))) }
        return PanelFrame(panel: .log, title: title, lines: visibleLines(state, rows: rows))
    }

    /// The `rows` lines that end `logScroll` filtered lines above the newest, oldest first.
    static func visibleLines(_ state: ConsoleState, rows: Int) -> [StyledLine] {
        guard rows > 0, !state.log.isEmpty else {
            guard state.log.isEmpty else { return [] }
            // A file that cannot be read is not an empty one: say why, with where to point it.
            if let problem = state.logProblem {
                return [[Span(" \(problem) (ha.cf's logfile; haconsole --log PATH reads another)", .role(.warning))]]
            }
            return [[Span(" no log lines yet", .role(.muted))]]
        }
        let filter = state.filter.lowercased()
        let search = state.search.lowercased()
        var skip = state.logScroll
        var picked: [LogRing.Record] = []
        var index = state.log.count - 1
        while index >= 0, picked.count < rows {
            let record = state.log[index]
            index -= 1
            guard record.contains(folded: filter) else { continue }
            if skip > 0 {
                skip -= 1
                continue
            }
            picked.append(record)
        }
        if picked.isEmpty { return [[Span(" no line matches the filter", .role(.muted))]] }
        return picked.reversed().map { record in
            var line = spans(record)
            if !search.isEmpty, record.contains(folded: search) {
                line = highlight(line, term: search, current: record.sequence == state.searchMatch)
            }
            return [Span(" ")] + line
        }
    }

    /// The record split into prefix, level word and message, each in its role.
    static func spans(_ record: LogRing.Record) -> StyledLine {
        guard case .line(let line) = record.entry else { return [Span(record.text, .role(.muted))] }
        guard let word = line.levelWord else { return [Span(record.text)] }
        let tail = word.count + 2 + line.message.count
        let prefix = String(record.text.dropLast(tail))
        let level = line.effectiveLevel
        let role: ColorRole
        switch level {
        case .crit, .error: role = .critical
        case .warn: role = .warning
        case .debug: role = .muted
        default: role = .normal
        }
        let loud = level == .crit || level == .error
        return [
            Span(prefix), Span(word, .role(role, bold: level.isProblem)), Span(": "),
            Span(line.message, loud ? .role(role) : .plain),
        ]
    }

    /// Splits spans so every case-insensitive occurrence of `term` (lowercased) is reversed.
    static func highlight(_ line: StyledLine, term: String, current: Bool) -> StyledLine {
        let needle = term.map { String($0) }
        guard !needle.isEmpty else { return line }
        var result: StyledLine = []
        for span in line {
            let characters = Array(span.text)
            let folded = characters.map { String($0).lowercased() }
            var start = 0
            var index = 0
            while index + needle.count <= characters.count {
                if Array(folded[index..<(index + needle.count)]) == needle {
                    if start < index { result.append(Span(String(characters[start..<index]), span.style)) }
                    var style = span.style
                    style.reverse = true
                    style.bold = style.bold || current
                    result.append(Span(String(characters[index..<(index + needle.count)]), style))
                    index += needle.count
                    start = index
                } else {
                    index += 1
                }
            }
            if start < characters.count { result.append(Span(String(characters[start...]), span.style)) }
        }
        return result
    }
}
