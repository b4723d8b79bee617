import Foundation
import Glibc
import HAHost
import HATestSupport
import Testing

/// ha-log under the real `logrotate` (issue 13): Debian's own stanza for heartbeat (rename,
/// nothing created, no signal), a `create` stanza and `copytruncate`, each while the daemon
/// runs; every line written after a rotation is in the new ha-log and none in the rotated file.
/// Before, the daemon kept writing to ha-log.1 after the first two.
@Suite(.serialized)
struct LogRotateTests {
    /// Rotates `node`'s ha-log with `options` (one per line), forced, with a state file of its own.
    func rotate(_ cluster: NetnsCluster, _ node: String, _ options: [String]) throws {
        let logFile = try cluster.node(node).logFile
        let directory = try cluster.node(node).directory
        let config = directory + "/logrotate.conf"
        try "\(logFile) {\n\(options.map { "    \($0)\n" }.joined())}\n".write(toFile: config, atomically: true, encoding: .utf8)
        let result = try HostCommand.run(["logrotate", "-f", "-s", directory + "/logrotate.state", config])
        #expect(result.succeeded, "logrotate: \(result.stdout)\(result.stderr)")
    }

    @Test("under Debian's heartbeat stanza, a create stanza and copytruncate, every later line is in the new ha-log")
    func everyStanza() async throws {
        guard access("/usr/sbin/logrotate", X_OK) == 0 else {
            throw HarnessError.missingFile("/usr/sbin/logrotate", hint: "install logrotate (scripts/setup does)")
        }
        let cluster = try await startedPair()
        defer { cluster.shutdown() }
        let logFile = try cluster.node("alpha").logFile
        for (round, stanza) in [
            ["missingok", "rotate 2"], ["missingok", "rotate 2", "create 0644 root root"], ["missingok", "rotate 2", "copytruncate"],
        ].enumerated() {
            try rotate(cluster, "alpha", stanza)
            // A reload writes lines; each round's must land in the file now called ha-log.
            try cluster.signal("alpha", SIGHUP)
            try await cluster.waitUntil("round \(round): the reload's lines in the new ha-log", timeout: .seconds(5)) {
                cluster.log("alpha").contains("Configuration unchanged.")
            }
            // The new file holds this round's reload alone; the rotated one the round before's.
            let rotated = (try? String(contentsOfFile: logFile + ".1", encoding: .utf8)) ?? ""
            let marker = "Configuration unchanged."
            #expect(cluster.log("alpha").components(separatedBy: marker).count - 1 == 1, "round \(round) \(stanza)")
            #expect(rotated.components(separatedBy: marker).count - 1 == (round == 0 ? 0 : 1), "round \(round) \(stanza): \(rotated)")
            #expect(cluster.isRunning("alpha"))
        }
    }
}
