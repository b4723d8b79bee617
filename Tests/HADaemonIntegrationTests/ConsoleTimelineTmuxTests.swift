import Foundation
import Glibc
import HAHost
import HATestSupport
import Testing

/// The timeline panel (`t`) in the real haconsole on its demo pair (two hadaemon processes on
/// loopback), read off a real terminal (tmux) at 80x24: the holder SIGKILLed, the panel shows
/// the survivor's dead-node line, the takeover, the DRBD role change and the failover bar.
@Suite(.serialized)
struct ConsoleTimelineTmuxTests {
    typealias Tmux = ConsoleSOPTmuxTests.Tmux

    @Test("alpha SIGKILLed on the demo: t shows bravo's 'node alpha: is dead', the takeover, bravo's DRBD promotion and the alpha→bravo bar")
    func killedHolder() async throws {
        let audit = FileManager.default.temporaryDirectory.appendingPathComponent("audit-\(getpid())-\(UInt32.random(in: 0...9999)).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: audit) }
        let console = try ConsoleSOPTmuxTests.console()
        let tmux = try Tmux(
            command: "exec env TERM=xterm-256color \(console) demo --audit \(audit) --port \(41000 + Int(getpid() % 5000))", width: 80, height: 24)
        defer { tmux.close() }
        try await tmux.waitFor("pref alpha  on alpha  running", timeout: .seconds(240))
        try await tmux.waitFor("r0  bravo")

        try tmux.keys("t")
        try await tmux.waitFor("Timeline")
        try await tmux.waitFor("Heartbeat age per link")  // bravo's lo link, sampled each snapshot
        #expect(tmux.screen().contains("Esc back"), "\(tmux.screen())")

        let alpha = try #require(Self.daemon(named: "alpha", under: try tmux.panePID()), "alpha's hadaemon among the demo's children")
        #expect(kill(alpha, SIGKILL) == 0)
        try await tmux.waitFor("node alpha: is dead", timeout: .seconds(20))
        try await tmux.waitFor("alpha→bravo", timeout: .seconds(20))
        try await tmux.waitFor("bravo  drbd_role", timeout: .seconds(20))
        let screen = tmux.screen()
        #expect(screen.contains("bravo  node_dead"), "the dead line is bravo's: \(screen)")
        #expect(screen.contains("takeover_complete") || screen.contains("takeover "), "\(screen)")
        #expect(screen.contains("r0 role Secondary -> Primary"), "\(screen)")
        #expect(screen.contains("detect 500ms*"), "demo deadtime, inferred from ha-log: \(screen)")

        try tmux.keys("Escape")
        try await tmux.waitFor("Resource groups")
    }

    /// The hadaemon started with `--node NAME` among the descendants of `root` (the demo's
    /// children), read from /proc.
    static func daemon(named name: String, under root: pid_t) -> pid_t? {
        var parents: [pid_t: pid_t] = [:]
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let pid = pid_t(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, let parent = pid_t(fields[1]) { parents[pid] = parent }
        }
        func descends(_ pid: pid_t) -> Bool {
            var current = pid
            for _ in 0..<16 {
                guard let parent = parents[current], parent > 1 else { return false }
                if parent == root { return true }
                current = parent
            }
            return false
        }
        for pid in parents.keys where descends(pid) {
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { continue }
            let words = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            if let index = words.firstIndex(of: "--node"), index + 1 < words.count, words[index + 1] == name { return pid }
        }
        return nil
    }
}
