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
        #expect(made.created && !again.created)
        #expect(made.bytes == again.bytes && made.bytes.count == 16)
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
