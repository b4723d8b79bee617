import Foundation
import Glibc
import HAHost
import HAProtocol
import HATestSupport
import Testing

/// `watchdog DEVICE` on a live node (issue 12). No watchdog driver loads on these machines, so
/// the device is a regular file in the node's directory: it keeps every byte the daemon writes,
/// and the daemon's ioctl on it fails as on any file that is no watchdog (logged, not fatal).
@Suite(.serialized)
struct WatchdogTests {
    /// A started pair whose alpha (only) has `watchdog FILE`; returns the cluster and the file.
    func pair(device: (ClusterNode) -> String, create: Bool, daemon: DaemonCommand? = nil) async throws -> (NetnsCluster, String) {
        var spec = ClusterSpec(nodes: ["alpha", "bravo"])
        spec.daemon = daemon
        let cluster = try NetnsCluster(spec)
        do {
            let alpha = try cluster.node("alpha")
            let path = device(alpha)
            if create { #expect(FileManager.default.createFile(atPath: path, contents: nil)) }
            var withWatchdog = spec
            withWatchdog.extraDirectives = ["watchdog \(path)"]
            try cluster.writeFiles(for: alpha, withWatchdog)
            return (cluster, path)
        } catch {
            cluster.shutdown()
            throw error
        }
    }

    func written(_ path: String) -> [UInt8] { (try? Array(Data(contentsOf: URL(fileURLWithPath: path)))) ?? [] }

    @Test("ticks arrive about once per keepalive, none while the daemon is SIGSTOPped, and a clean stop ends with V")
    func ticks() async throws {
        let (cluster, path) = try await pair(device: { $0.directory + "/watchdog" }, create: true)
        defer { cluster.shutdown() }
        try cluster.start("alpha")
        try cluster.start("bravo")
        try await cluster.waitUntil("alpha holds the address, the pair is settled", timeout: .seconds(8)) {
            try cluster.serviceAddressHolders() == ["alpha"] && cluster.isSettled()
        }
        #expect(cluster.log("alpha").contains("Using watchdog device: \(path)"))
        #expect(cluster.log("alpha").contains("WDIOC_SETTIMEOUT: Failed to set watchdog timer to 1 seconds.: Inappropriate ioctl for device"))

        let start = written(path).count
        let startedAt = SystemClock.now()
        try await Task.sleep(for: .seconds(1))
        let elapsed = Double((SystemClock.now() - startedAt).nanoseconds) / 1e9
        let perSecond = Double(written(path).count - start) / elapsed
        #expect(perSecond >= 6 && perSecond <= 20, "\(perSecond) ticks a second with a 100 ms keepalive")

        // Frozen for less than bravo's deadtime (500 ms): nothing else changes meanwhile.
        try cluster.stall("alpha")
        try await Task.sleep(for: .milliseconds(50))
        let frozen = written(path).count
        try await Task.sleep(for: .milliseconds(350))
        #expect(written(path).count == frozen, "the watchdog was written while the daemon was stopped")
        try cluster.resume("alpha")
        try await cluster.waitUntil("ticks resume", timeout: .seconds(2)) { written(path).count > frozen }

        try await cluster.stop("alpha")
        let bytes = written(path)
        #expect(bytes.last == UInt8(ascii: "V"))
        #expect(bytes.dropLast().allSatisfy { $0 == 0 }, "only NUL ticks before the V")
        #expect(bytes.count > frozen)
    }

    @Test("a watchdog device that cannot be opened stops the start: exit 1, Heartbeat's words on stderr, no address")
    func missingDeviceRefused() async throws {
        // One that exists (a missing one is a configuration error: UnfencedOverrideTests+Watchdog).
        let (cluster, path) = try await pair(device: { $0.directory + "/no-watchdog" }, create: false)
        defer { cluster.shutdown() }
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        let alpha = try cluster.node("alpha")
        try cluster.start("alpha")
        try await cluster.waitUntil("alpha exits", timeout: .seconds(5)) { !cluster.isRunning("alpha") }
        #expect(cluster.exitStatus("alpha") == .exited(1))
        let stderr = try String(contentsOfFile: alpha.stderrFile, encoding: .utf8)
        #expect(stderr.contains("hadaemon: Cannot open watchdog device: \(path) (Is a directory): a hung node"), "\(stderr)")
        #expect(stderr.contains("or run 'hadaemon run --allow-unfenced' to accept the risk"))
        #expect(try cluster.serviceAddressHolders().isEmpty)
    }

    @Test("with --allow-unfenced a device that cannot be opened is logged in Heartbeat's words and the node runs without it")
    func missingDeviceOverridden() async throws {
        let (cluster, path) = try await pair(
            device: { $0.directory + "/no-watchdog" }, create: false, daemon: try builtDaemon(adding: ["--allow-unfenced"]))
        defer { cluster.shutdown() }
        try cluster.start("alpha")
        try await cluster.waitUntil("alpha takes the address alone after initdead", timeout: .seconds(8)) {
            try cluster.serviceAddressHolders() == ["alpha"]
        }
        let log = cluster.log("alpha")
        #expect(log.contains("ERROR: Cannot open watchdog device: \(path) (No such file or directory)"), "\(log)")
        #expect(log.contains("running without the watchdog because --allow-unfenced was given: a hung node will not be reset"))
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
