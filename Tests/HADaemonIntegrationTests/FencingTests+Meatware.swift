import Foundation
import Glibc
import HAHost
import HAProtocol
import HATestSupport
import Testing

/// Manual fencing with cluster-glue's real `meatware` plugin and `meatclient` (issue 12): the
/// survivor asks a human and takes nothing over until the human confirms, however long that
/// takes (`--stonith-timeout` does not apply to a human), then takes over at once.
extension FencingTests {
    /// `meatware`'s one parameter is the host list it may "reset".
    static let meatwareLine = "stonith_host * meatware alpha bravo"

    /// A settled pair fencing with meatware and a 1 s `--stonith-timeout` that must not apply.
    func meatwarePair() async throws -> NetnsCluster {
        try await startedPair { spec in
            spec.extraDirectives.append(Self.meatwareLine)
            spec.daemon = try builtDaemon(adding: ["--fencing-delay", Self.fencingDelay, "--stonith-timeout", "1"])
        }
    }

    /// What the human does before confirming: the crashed node's addresses go (power off).
    func powerOff(_ cluster: NetnsCluster, _ node: String) throws {
        _ = try cluster.run(in: node, ["ip", "addr", "flush", "dev", NetnsCluster.interface])
        #expect(try !cluster.holdsServiceAddress(node))
    }

    /// After a kill of the holder: bravo asks for a human, then holds nothing for `seconds`.
    func expectWaitingForHuman(_ cluster: NetnsCluster, seconds: Int) async throws {
        try await cluster.waitUntil("bravo asks for a human", timeout: .seconds(10)) {
            cluster.log("bravo").contains("CRIT: OPERATOR INTERVENTION REQUIRED to reset alpha.")
        }
        #expect(cluster.log("bravo").contains("CRIT: Run \"meatclient -c alpha\" AFTER power-cycling the machine."))
        try await Task.sleep(for: .seconds(seconds))
        #expect(try cluster.serviceAddressHolders() == ["alpha"], "no takeover before the human confirms")
        #expect(!(try cluster.hbdummyIsRunning("bravo")))
        let log = cluster.log("bravo")
        #expect(!log.contains("STONITH of alpha failed"), "the stonith timeout does not kill a human's reset: \(cluster.logTail("bravo"))")
        #expect(log.components(separatedBy: "Resetting node alpha with [meatware]").count - 1 == 1, "one meatware run, never restarted")
        let state = snapshot(cluster, "bravo")
        #expect(state?.fencesInProgress?.map { "\($0.victim) \($0.phase.rawValue)" } == ["alpha awaiting-operator"])
        #expect(state?.alerts.contains { $0.node == "alpha" && $0.message.contains("waits for a human") } == true, "\(state?.alerts ?? [])")
    }

    /// After the confirmation: the reset is recorded and bravo holds the address alone.
    func expectTakenOverAfterConfirmation(_ cluster: NetnsCluster) async throws {
        try await cluster.waitUntil("bravo holds the address alone", timeout: .seconds(10)) {
            try cluster.serviceAddressHolders() == ["bravo"]
        }
        let log = cluster.log("bravo")
        let reset = try #require(log.range(of: "info: node alpha now reset."), "\(cluster.logTail("bravo"))")
        let acquired = try #require(log.range(of: "info: Resources being acquired from alpha."))
        #expect(reset.lowerBound < acquired.lowerBound)
        let fences = snapshot(cluster, "bravo")?.fencing ?? []
        #expect(fences.map { "\($0.fencer)>\($0.victim) \($0.device) \($0.result)" } == ["bravo>alpha meatware OK"])
        #expect(snapshot(cluster, "bravo")?.fencesInProgress == nil)
    }

    @Test("meatware: no takeover past deadtime and the stonith timeout until `meatclient -c alpha` confirms, then bravo takes over")
    func meatwareWaitsForMeatclient() async throws {
        let cluster = try await meatwarePair()
        defer { cluster.shutdown() }
        try cluster.kill("alpha")
        try await expectWaitingForHuman(cluster, seconds: 4)
        try powerOff(cluster, "alpha")
        let confirmed = try HostCommand.run(["sh", "-c", "echo y | /usr/sbin/meatclient -c alpha"], timeout: .seconds(5))
        #expect(confirmed.succeeded && confirmed.stdout.contains("Meatware_client: reset confirmed."), "\(confirmed)")
        try await expectTakenOverAfterConfirmation(cluster)
    }

    @Test("meatware: `hadaemon fence confirm alpha` on bravo is refused while nothing waits, then confirms as meatclient does")
    func fenceConfirmCommand() async throws {
        let cluster = try await meatwarePair()
        defer { cluster.shutdown() }
        let early = try cluster.runProduct("hadaemon", on: "bravo", ["fence", "confirm", "alpha"])
        #expect(!early.succeeded && early.stderr.contains("bravo is not fencing alpha: nothing to confirm"), "\(early)")
        try cluster.kill("alpha")
        try await expectWaitingForHuman(cluster, seconds: 2)
        try powerOff(cluster, "alpha")
        let confirmed = try cluster.runProduct("hadaemon", on: "bravo", ["fence", "confirm", "alpha", "--reason", "alpha is off"])
        #expect(confirmed.succeeded && confirmed.stdout.contains("bravo confirms the reset of alpha"), "\(confirmed)")
        try await expectTakenOverAfterConfirmation(cluster)
        let log = cluster.log("bravo")
        #expect(log.contains("info: confirm-fence [alpha] requested by"), "\(cluster.logTail("bravo"))")
        #expect(log.contains("reason: alpha is off"))
        #expect(log.contains("info: meatclient -c alpha: Meatware_client: reset confirmed."))
    }

    @Test("a daemon stopped while meatware waits leaves no stonith process behind (the runner kills its runs when it goes)")
    func stopEndsTheWait() async throws {
        let cluster = try await meatwarePair()
        defer { cluster.shutdown() }
        try cluster.kill("alpha")
        try await cluster.waitUntil("bravo asks for a human", timeout: .seconds(10)) {
            cluster.log("bravo").contains("OPERATOR INTERVENTION REQUIRED to reset alpha.")
        }
        let waiting = ["pgrep", "-f", "^/usr/sbin/stonith -t meatware -p alpha bravo -T reset alpha$"]
        #expect(!(try HostCommand.run(waiting).stdout.isEmpty), "the reset runs while it waits for a human")
        _ = try await cluster.stop("bravo")
        let left = try HostCommand.run(waiting).stdout
        #expect(left.isEmpty, "stonith still waits on its FIFO after bravo stopped: pid \(left)")
    }

    @Test("meatware: alpha restarted before anyone confirms is heard again, the wait ends, and only alpha holds the address")
    func rebootedPeerEndsTheWait() async throws {
        let cluster = try await meatwarePair()
        defer { cluster.shutdown() }
        try cluster.kill("alpha")
        try await cluster.waitUntil("bravo asks for a human", timeout: .seconds(10)) {
            cluster.log("bravo").contains("OPERATOR INTERVENTION REQUIRED to reset alpha.")
        }
        _ = try cluster.start("alpha")
        try await cluster.waitUntil("bravo drops the wait", timeout: .seconds(10)) {
            cluster.log("bravo").contains("info: STONITH of alpha cancelled: it is heard again.")
        }
        let waiting = ["pgrep", "-f", "^/usr/sbin/stonith -t meatware -p alpha bravo -T reset alpha$"]
        #expect(try HostCommand.run(waiting).stdout.isEmpty, "the plugin's wait is killed")
        #expect(snapshot(cluster, "bravo")?.fencesInProgress == nil)
        try await cluster.waitUntil("the pair settles with alpha holding", timeout: .seconds(15)) {
            try cluster.serviceAddressHolders() == ["alpha"] && settled(cluster)
        }
        let late = try HostCommand.run(["sh", "-c", "echo y | /usr/sbin/meatclient -c alpha"], timeout: .seconds(5))
        #expect(!late.succeeded, "nobody waits on the FIFO any more: \(late)")
        try await Task.sleep(for: .seconds(1))
        #expect(try cluster.serviceAddressHolders() == ["alpha"])
        #expect(!cluster.log("bravo").contains("Resources being acquired from alpha."))
    }
}
