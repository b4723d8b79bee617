import Testing

@testable import HADaemon

@Suite struct RequestFramerTests {
    func drain(_ framer: inout RequestFramer, budget: Int) -> (lines: [String], last: RequestFramer.Next) {
        var budget = budget
        var lines: [String] = []
        while true {
            switch framer.next(budget: &budget) {
            case .line(let line): lines.append(String(decoding: line, as: UTF8.self))
            case let other: return (lines, other)
            }
        }
    }

    @Test("lines come out whole, in order, without their newline; blank lines are skipped; a partial line waits")
    func lines() {
        var framer = RequestFramer(maxLineBytes: 100)
        framer.append(Array("one\n\n\ntwo\nthr".utf8))
        let first = drain(&framer, budget: 1000)
        #expect(first.lines == ["one", "two"] && first.last == .needMore)
        framer.append(Array("ee\n".utf8))
        let second = drain(&framer, budget: 1000)
        #expect(second.lines == ["three"] && second.last == .needMore)
        #expect(framer.buffered == 0 && !framer.hasUnscanned)
    }

    @Test("a flood of newlines is looked at no more than the budget per turn and finished over later turns")
    func floodOverTurns() {
        var framer = RequestFramer(maxLineBytes: 100)
        framer.append([UInt8](repeating: 0x0A, count: 10_000) + Array("{}\n".utf8))
        var turns = 0
        var seen: [String] = []
        while true {
            turns += 1
            let before = framer.buffered
            let (lines, last) = drain(&framer, budget: 1024)
            seen += lines
            #expect(before - framer.buffered <= 1024, "turn \(turns) looked at \(before - framer.buffered) bytes")
            if last == .needMore { break }
            #expect(last == .budgetSpent && framer.hasUnscanned)
        }
        #expect(seen == ["{}"] && turns == 10, "\(turns) turns")
    }

    @Test("a line longer than the cap is refused as soon as the cap is passed, without waiting for its newline")
    func tooLong() {
        var framer = RequestFramer(maxLineBytes: 8)
        framer.append(Array("12345678\n".utf8))
        let fits = drain(&framer, budget: 100)
        #expect(fits.lines == ["12345678"] && fits.last == .needMore)
        framer.append(Array("123456789".utf8))
        let over = drain(&framer, budget: 100)
        #expect(over.lines.isEmpty && over.last == .tooLong)
    }
}
