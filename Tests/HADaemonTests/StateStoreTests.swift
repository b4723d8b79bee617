import Foundation
import Testing

@testable import HADaemon

@Suite struct StateStoreTests {
    @Test("the generation starts past the clock, then increments on each start in Heartbeat's 16-byte format")
    func generation() throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        let store = StateStore(directory: tmp.path + "/state")
        let first = try store.nextGeneration(wallSeconds: 1_795_000_000)
        #expect(first == (1_795_000_001, true))
        let second = try store.nextGeneration(wallSeconds: 1_795_000_999)
        #expect(second == (1_795_000_002, false))
        let file = try Data(contentsOf: URL(fileURLWithPath: tmp.path + "/state/hb_generation"))
        #expect(file.count == 16 && String(decoding: file, as: UTF8.self) == "     1795000002\n")
    }

    @Test("the uuid is 16 bytes, made once and kept")
    func uuid() throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        let store = StateStore(directory: tmp.path)
        let made = try store.uuid()
        let again = try store.uuid()
        #expect(made.origin == .created && again.origin == .kept)
        #expect(made.bytes == again.bytes && made.bytes.count == 16)
    }

    @Test("beside Heartbeat's state: its uuid is kept, and the generation rises past both files and is written to both")
    func sharedWithHeartbeat() throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        let heartbeat = tmp.path + "/heartbeat"
        try FileManager.default.createDirectory(atPath: heartbeat, withIntermediateDirectories: true)
        let theirs: [UInt8] = Array(0..<16)
        try Data(theirs).write(to: URL(fileURLWithPath: heartbeat + "/hb_uuid"))
        try "     1700000005\n".write(toFile: heartbeat + "/hb_generation", atomically: true, encoding: .utf8)
        let store = StateStore(directory: tmp.path + "/state", heartbeat: heartbeat)
        // Heartbeat ran this node last: it goes on as a restart of the same node.
        #expect(try store.nextGeneration(wallSeconds: 1_795_000_000) == (1_700_000_006, false))
        try store.shareGeneration(1_700_000_006)
        #expect(try store.uuid() == (theirs, .heartbeat))
        #expect(try store.uuid() == (theirs, .kept))
        let written = { (folder: String) in try String(contentsOfFile: folder + "/hb_generation", encoding: .utf8) }
        #expect(try written(heartbeat) == "     1700000006\n" && written(tmp.path + "/state") == "     1700000006\n")
        // Heartbeat ran again (from 1700000006 to 1700000007), then hadaemon: past both.
        try "     1700000007\n".write(toFile: heartbeat + "/hb_generation", atomically: true, encoding: .utf8)
        #expect(try store.nextGeneration(wallSeconds: 1_795_000_000) == (1_700_000_008, false))
        // Ours ahead (Heartbeat's file older): past ours, and Heartbeat's catches up.
        try "     1600000000\n".write(toFile: heartbeat + "/hb_generation", atomically: true, encoding: .utf8)
        #expect(try store.nextGeneration(wallSeconds: 1_795_000_000) == (1_700_000_009, false))
        try store.shareGeneration(1_700_000_009)
        #expect(try written(heartbeat) == "     1700000009\n")
    }

    @Test("when Heartbeat's file cannot be written, ours still is: the node starts, the caller warns")
    func heartbeatUnwritable() throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        let heartbeat = tmp.path + "/heartbeat"
        // The temporary file the write goes through is a directory: the write fails, even as root.
        try FileManager.default.createDirectory(atPath: heartbeat + "/hb_generation.new", withIntermediateDirectories: true)
        let store = StateStore(directory: tmp.path + "/state", heartbeat: heartbeat)
        #expect(try store.nextGeneration(wallSeconds: 1_795_000_000) == (1_795_000_001, true))
        #expect(throws: (any Error).self) { try store.shareGeneration(1_795_000_001) }
        #expect(FileManager.default.fileExists(atPath: tmp.path + "/state/hb_generation"))
    }

    @Test("a Heartbeat state directory that does not exist is not created")
    func heartbeatNotInstalled() throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        let store = StateStore(directory: tmp.path + "/state", heartbeat: tmp.path + "/heartbeat")
        #expect(try store.nextGeneration(wallSeconds: 1_795_000_000) == (1_795_000_001, true))
        #expect(try store.uuid().origin == .created)
        try store.shareGeneration(1_795_000_001)
        #expect(!FileManager.default.fileExists(atPath: tmp.path + "/heartbeat"))
    }

    @Test("hadaemon run refuses an invalid configuration with config check's errors and exit 6")
    func refusesInvalidConfig() throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        let dir = try tmp.copyConfig("alpha-bravo-netns")
        let path = dir + "/ha.cf"
        try String(contentsOfFile: path, encoding: .utf8).replacingLine("deadtime 10", with: "deadtime 2").write(toFile: path)
        let result = try run(
            "hadaemon", ["run", "--config-dir", dir, "--state-dir", tmp.path + "/state", "--socket", tmp.path + "/sock", "--node", "alpha"])
        #expect(result.status == 6)
        #expect(result.stderr.contains("\(dir)/ha.cf:6: error: deadtime (2000 ms) must be greater than 2 x keepalive (1000 ms)"))
        #expect(result.stderr.contains("Configuration error, hadaemon not started."))
        #expect(!FileManager.default.fileExists(atPath: tmp.path + "/state"))
    }
}
