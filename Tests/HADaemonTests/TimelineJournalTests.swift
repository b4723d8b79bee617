import Foundation
import HAProtocol
import Testing

@testable import HADaemon

/// ``TimelineJournal``, alone and fed by ``HALogWriter``: ha-log's lines with milliseconds,
/// bounded by rotation, and never in the way when it cannot write.
@Suite struct TimelineJournalTests {
    func lines(_ path: String) -> [String] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    @Test("every ha-log line above debug goes to the journal after its epoch milliseconds, the ha-log unchanged")
    func copiesHALogLines() throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        let writer = HALogWriter(logfile: tmp.path + "/ha-log", debugfile: tmp.path + "/ha-debug", host: "alpha", echo: false)
        let before = Int64(Date().timeIntervalSince1970 * 1000)
        writer.useJournal(TimelineJournal(directory: tmp.path))
        writer.daemon(.warn, "node bravo: is dead")
        writer.daemon(.debug, "a debug line")
        writer.script("ResourceManager", instance: "default", level: .info, "Running /etc/ha.d/resource.d/IPaddr 192.0.2.100 start")
        let after = Int64(Date().timeIntervalSince1970 * 1000)
        let haLog = lines(tmp.path + "/ha-log")
        let journal = lines(tmp.path + "/" + TimelineJournal.fileName)
        #expect(haLog.count == 2 && journal.count == 2, "\(journal)")
        for (stamped, line) in zip(journal, haLog) {
            let parts = stamped.split(separator: " ", maxSplits: 1)
            let time = try #require(Int64(parts[0]))
            #expect((before...after).contains(time))
            #expect(String(parts[1]) == line)
        }
    }

    @Test("at the limit the journal moves to .1 and a new one begins: both together stay under twice the limit")
    func rotatesAtTheLimit() throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        let limit = 8192
        var journal = TimelineJournal(directory: tmp.path, limit: limit)
        let line = Array((String(repeating: "x", count: 99) + "\n").utf8)
        for index in 0..<1000 { #expect(journal.append(line, at: 1_765_000_000_000 + Int64(index)) == nil) }
        let path = tmp.path + "/" + TimelineJournal.fileName
        let sizes = [path, path + ".1"].map { (try? FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int) ?? nil }
        #expect(sizes.allSatisfy { $0 != nil && $0! <= limit }, "\(sizes)")
        #expect(!FileManager.default.fileExists(atPath: path + ".2"))
        // The newest line is last in the current file, and no line was cut.
        #expect(lines(path).last == "1765000000999 " + String(repeating: "x", count: 99))
        #expect((lines(path + ".1") + lines(path)).allSatisfy { $0.utf8.count == 14 + 99 })
    }

    @Test("an oversized line is cut to the maximum, still one line")
    func cutsLongLines() throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        var journal = TimelineJournal(directory: tmp.path)
        _ = journal.append(Array((String(repeating: "y", count: 100_000) + "\n").utf8), at: 1)
        let written = lines(tmp.path + "/" + TimelineJournal.fileName)
        #expect(written.count == 1 && written[0].utf8.count == 2 + TimelineJournal.maximumLine - 1)
    }

    @Test("a journal that cannot be written says so once, the lines still reach ha-log, and once it can again says that too")
    func failureIsReportedOnce() throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        let missing = tmp.path + "/no-such-directory"
        let writer = HALogWriter(logfile: tmp.path + "/ha-log", debugfile: nil, host: "alpha", echo: false)
        writer.useJournal(TimelineJournal(directory: missing))
        for index in 0..<5 { writer.daemon(.info, "line \(index)") }
        var haLog = lines(tmp.path + "/ha-log")
        #expect(haLog.filter { $0.contains("Timeline journal \(missing)/timeline.log: cannot write") }.count == 1, "\(haLog)")
        #expect(haLog.filter { $0.contains(": info: line ") }.count == 5)
        try FileManager.default.createDirectory(atPath: missing, withIntermediateDirectories: false)
        writer.daemon(.info, "line 5")
        haLog = lines(tmp.path + "/ha-log")
        #expect(haLog.last?.hasSuffix("info: Timeline journal \(missing)/timeline.log: written again") == true, "\(haLog)")
        #expect(lines(missing + "/timeline.log").count == 2)
    }

    @Test("a journal removed by hand is begun again at the next line")
    func followsRemoval() throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        var journal = TimelineJournal(directory: tmp.path)
        let path = tmp.path + "/" + TimelineJournal.fileName
        _ = journal.append(Array("one\n".utf8), at: 1)
        try FileManager.default.removeItem(atPath: path)
        _ = journal.append(Array("two\n".utf8), at: 2)
        #expect(lines(path) == ["2 two"])
    }
}
