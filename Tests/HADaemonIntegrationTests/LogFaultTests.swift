import Foundation
import Glibc
import HAProtocol
import HATestSupport
import Testing

/// ha-log under attack and fault (issue 10): text from outside cannot forge a line, and on a full
/// disk lines that cannot be written are counted, never torn, shown as an alert while it lasts,
/// and accounted for in the log once writing works again.
@Suite(.serialized)
struct LogFaultTests {
    @Test("a reason with newlines and escapes writes one ha-log line, never a forged one")
    func reasonCannotForgeLogLines() async throws {
        let cluster = try await AbuseTests().pair()
        defer { cluster.shutdown() }
        let forged = "Nov 22 03:04:51 alpha heartbeat: [1]: CRIT: forged line"
        let reason = "maintenance\n\(forged)\r\u{1b}[2Jcleared"
        let request = ControlRequest(id: 3, op: .takeover, node: "alpha", resources: .all, reason: reason)
        let answer = try cluster.control("alpha", String(decoding: ControlCodec.encode(request), as: UTF8.self))
        #expect(answer.contains(#""id":3"#), "\(answer)")
        try await cluster.waitUntil("the request is logged", timeout: .seconds(3)) { cluster.log("alpha").contains("maintenance") }
        let lines = cluster.log("alpha").split(separator: "\n", omittingEmptySubsequences: false)
        #expect(!lines.contains { $0.hasPrefix(forged) }, "a line of the reason became a log line of its own")
        #expect(!cluster.log("alpha").contains("\u{1b}") && !cluster.log("alpha").contains("\r"))
        let logged = try #require(lines.first { $0.contains("maintenance") })
        #expect(logged.hasSuffix(#"maintenance\n\#(forged)\r\x1b[2Jcleared"#), "\(logged)")
    }

    @Test("on a full log disk no line is torn, the loss is an alert, and the log says how many lines were lost once it has room")
    func fullDisk() async throws {
        let cluster = try NetnsCluster(ClusterSpec(nodes: ["alpha", "bravo"]))
        defer { cluster.shutdown() }
        let node = try cluster.node("alpha")
        let mounted = try HostCommand.run(["mount", "-t", "tmpfs", "-o", "size=64k,mode=0755", "tmpfs", node.logDirectory])
        try #require(mounted.succeeded, "\(mounted.stderr)")
        defer { _ = try? HostCommand.run(["umount", "-l", node.logDirectory]) }
        try cluster.start("alpha")
        // Alone, it takes the address after initdead; from then on only the reloads below log.
        try await cluster.waitUntil("alpha holds the address", timeout: .seconds(8)) {
            try cluster.holdsServiceAddress("alpha") && cluster.snapshot("alpha")?.groups.allSatisfy { $0.state == .running } == true
        }
        try await Task.sleep(for: .milliseconds(300))

        let filler = node.logDirectory + "/filler"
        Self.fill(filler)
        // More lines than the free end of the log's last page holds (4 KiB).
        let reloads = 100
        for _ in 0..<reloads {
            try cluster.signal("alpha", SIGHUP)
            try await Task.sleep(for: .milliseconds(10))
        }
        try await Task.sleep(for: .milliseconds(200))
        let failing = try #require(cluster.snapshot("alpha"))
        let alert = failing.alerts.first { $0.kind.rawValue == "log_failed" }
        #expect(alert?.message.contains("No space left on device") == true, "\(failing.alerts)")
        #expect(cluster.log("alpha").hasSuffix("\n"), "a torn line: \(cluster.logTail("alpha", lines: 2))")

        unlink(filler)
        try cluster.signal("alpha", SIGHUP)
        try await cluster.waitUntil("the next line gets through, after the account of those lost", timeout: .seconds(3)) {
            let log = cluster.log("alpha")
            return log.contains(" lost: ") && log.hasSuffix("Configuration unchanged.\n")
        }
        let lines = cluster.log("alpha").split(separator: "\n").map(String.init)
        for line in lines { #expect(HALogLine(parsing: line) != nil, "not one whole ha-log line: \(line)") }
        let notice = try #require(lines.last { $0.contains(" lost: ") }, "no line says what was lost: \(lines.suffix(3))")
        let lost = Int(notice.split(separator: " ").drop { !$0.hasSuffix("ERROR:") }.dropFirst().first ?? "") ?? 0
        #expect(notice.hasSuffix(" lost: No space left on device") && lost >= 1, "\(notice)")
        let written = lines.filter { $0.hasSuffix("Configuration unchanged.") }.count
        print("full log disk: \(written) reload lines written, \(lost) lines counted lost, of \(reloads + 1) reloads")
        #expect(written + lost <= reloads + 1, "\(written) written and \(lost) lost of \(reloads + 1)")
        #expect(cluster.snapshot("alpha")?.alerts.contains { $0.kind.rawValue == "log_failed" } == false)
    }

    /// Writes `path` until the file system is full.
    static func fill(_ path: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        defer { close(fd) }
        let block = [UInt8](repeating: 0x2E, count: 4096)
        while block.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) > 0 {}
        while write(fd, block, 1) > 0 {}
    }
}
