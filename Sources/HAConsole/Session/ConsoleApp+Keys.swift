import Glibc
import HAHost
import HAProtocol

extension ConsoleApp {
    /// Handles one key; returns true to quit.
    func handle(_ key: CursesTerminal.Key, pageSize: Int) -> Bool {
        let consoleKey = Self.map(key)
        if picker != nil { return handlePicker(consoleKey) }
        if var current = session, state.inputMode == .normal {
            if consoleKey == .escape, current.run.isFinished || !current.started {
                session = nil
                return false
            }
            if let events = current.handle(consoleKey) {
                session = current
                for event in events { session?.feed(event, at: SystemClock.now().milliseconds, into: self) }
                return false
            }
        }
        if consoleKey == .character("p"), !options.readOnly, state.inputMode == .normal, session == nil {
            openPicker()
            return false
        }
        switch state.handle(consoleKey, pageSize: pageSize) {
        case .quit?:
            if let session, !session.run.isFinished, session.started {
                state.post("An SOP run is in progress: abort it with 'a' first", severity: .warning, now: state.clock.now)
                return false
            }
            return true
        default: return false
        }
    }

    static func map(_ key: CursesTerminal.Key) -> ConsoleKey {
        switch key {
        case .character(let c) where c.asciiValue.map { $0 < 32 } == true:
            return .control(Character(UnicodeScalar(c.asciiValue! + 96)))
        case .character(let c): return .character(c)
        case .up: return .up
        case .down: return .down
        case .left: return .left
        case .right: return .right
        case .pageUp: return .pageUp
        case .pageDown: return .pageDown
        case .home: return .home
        case .end: return .end
        case .backspace: return .backspace
        case .enter: return .enter
        case .escape: return .escape
        case .tab: return .tab
        case .resize: return .function(0)
        }
    }

    // MARK: - Procedure picker

    func openPicker() {
        do {
            picker = try SOPFiles.procedures(in: sopDirectory)
            pickerIndex = 0
            if picker?.isEmpty == true {
                picker = nil
                state.post("no procedures in \(sopDirectory)", severity: .warning, now: state.clock.now)
            }
        } catch {
            state.post("cannot read \(sopDirectory): \(error)", severity: .warning, now: state.clock.now)
        }
    }

    func handlePicker(_ key: ConsoleKey) -> Bool {
        guard let list = picker else { return false }
        switch key {
        case .escape, .character("q"): picker = nil
        case .up, .character("k"): pickerIndex = max(0, pickerIndex - 1)
        case .down, .character("j"): pickerIndex = min(list.count - 1, pickerIndex + 1)
        case .enter:
            picker = nil
            startProcedure(at: list[pickerIndex])
        default: break
        }
        return false
    }

    func startProcedure(at path: String) {
        do {
            let text = try SOPFiles.read(path)
            let parsed = ProcedureParser.parse(text, file: path)
            guard let procedure = parsed.procedure else {
                state.post("\(path) does not validate: \(parsed.diagnostics.first.map { "\($0)" } ?? "?")", severity: .critical, now: state.clock.now)
                return
            }
            var new = SOPSession(procedure: procedure)
            if let snapshot = state.snapshot {
                _ = new.run.handle(.snapshot(snapshot), at: SystemClock.now().milliseconds, wallTime: isoNow())
            }
            session = new
            if procedure.choice == nil { session?.feed(.start(new.start(chosen: nil)), at: SystemClock.now().milliseconds, into: self) }
        } catch {
            state.post("cannot read \(path): \(error)", severity: .critical, now: state.clock.now)
        }
    }

    func drawPicker(_ list: [String], into screen: inout Screen) {
        let top = 3
        let width = min(screen.width - 4, 70)
        let height = min(list.count + 3, screen.height - top - 2)
        guard height >= 4 else { return }
        for row in top..<(top + height) {
            screen.put(String(repeating: " ", count: width), at: .init(row: row, column: 2), style: .role(.normal, reverse: true))
        }
        screen.put(" Run a procedure (Enter run, Esc close) ", at: .init(row: top, column: 3), style: .role(.header, bold: true, reverse: true))
        for (offset, path) in list.prefix(height - 2).enumerated() {
            let name = String(path.split(separator: "/").last ?? Substring(path))
            let style: CellStyle = offset == pickerIndex ? .role(.accent, bold: true) : .role(.normal, reverse: true)
            screen.put((offset == pickerIndex ? "> " : "  ") + name, at: .init(row: top + 2 + offset, column: 3), style: style, limit: 2 + width - 1)
        }
    }
}

/// The wall clock as ISO-8601 UTC, for audit records.
func isoNow() -> String {
    var now = time(nil)
    var parts = tm()
    gmtime_r(&now, &parts)
    func pad(_ value: Int32, _ width: Int = 2) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
    return
        "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1))-\(pad(parts.tm_mday))T\(pad(parts.tm_hour)):\(pad(parts.tm_min)):\(pad(parts.tm_sec))Z"
}

extension SOPSession {
    /// Applies an event to the run and carries out its effects through the app.
    mutating func feed(_ event: SOPRun.Event, at now: Int64, into app: ConsoleApp) {
        switch event {
        case .start: started = true
        case .proceed, .confirm, .decline, .skip, .abort: notice = nil
        default: break
        }
        let effects = run.handle(event, at: now, wallTime: isoNow())
        for effect in effects {
            switch effect {
            case .send(let request):
                if let refusal = app.send(request) { _ = run.handle(.response(refusal), at: now, wallTime: isoNow()) }
            case .audit(let record):
                do {
                    try SOPAuditWriter(path: app.auditPath).append([record])
                } catch {
                    notice = "audit trail \(app.auditPath) not writable: \(error)"
                }
            case .refused(let why):
                notice = why
            }
        }
    }
}
