import HAProtocol
import Testing

@testable import HADaemonCore

/// One counter for every refused packet, whether the wire refused it or the core did, and one
/// place its alerts come from (the snapshot's).
@Suite struct DroppedPacketsTests {
    @Test("refusals from any number of sources make one log line and one alert per cause")
    func boundedByCause() {
        var counts = DroppedPackets()
        var firsts = 0
        for index in 0..<1000 {
            if counts.record(.wire("bad-signature"), source: "192.0.2.\(index % 250)") { firsts += 1 }
        }
        if counts.record(.wire("truncated"), source: "192.0.2.7") { firsts += 1 }
        #expect(firsts == 2)
        #expect(
            counts.wireAlerts.map(\.message) == [
                "1000 packet(s) dropped (bad-signature) from 64 or more sources, first 192.0.2.0",
                "1 packet(s) dropped (truncated) from 192.0.2.7",
            ])
    }

    @Test("undecodable datagrams reach the core: logged once per cause with their source, counted always, one alert each")
    func undecodableThroughTheCore() {
        var node = AlphaCore.machine()
        var lines: [String] = []
        for index in 0..<100 {
            let error = WireError.badSignature(keyIndex: 1, received: "00")
            lines += AlphaCore.logs(node.handle(.undecodable(error, source: "198.51.100.\(index)", link: "hb0"), at: .milliseconds(Int64(index))))
        }
        lines += AlphaCore.logs(
            node.handle(.undecodable(.truncated(offset: 3, expected: "a length"), source: "203.0.113.9", link: "hb1"), at: .milliseconds(200)))
        #expect(
            lines == [
                "dropped a packet from 198.51.100.0 on hb0: bad signature 1 00; further ones like it, from any source, are counted, not logged",
                "dropped a packet from 203.0.113.9 on hb1: truncated at byte 3: expected a length; further ones like it, from any source, are counted, not logged",
            ])
        #expect(node.droppedPackets.total == 101)
        let alerts = node.snapshot(at: .milliseconds(300), wallNow: 0, cluster: "c", configDigest: nil, localLinks: []).alerts
        #expect(
            alerts.map(\.message) == [
                "100 packet(s) dropped (bad-signature) from 64 or more sources, first 198.51.100.0",
                "1 packet(s) dropped (truncated) from 203.0.113.9",
            ])
        #expect(alerts.allSatisfy { $0.kind == .badPackets && $0.severity == .warning })
    }

    @Test("the snapshot lists the core's alerts first, then wire refusals by cause, then log files losing lines")
    func oneDerivationInOrder() {
        var node = AlphaCore.machine()
        _ = node.handle(.undecodable(.missingAuthField, source: "192.0.2.9", link: "hb0"), at: .milliseconds(1))
        let forged = SenderHeader(node: "mallory", uuid: Array(repeating: 3, count: 16), seq: 1, generation: 1, timestamp: 1, load: "n/a")
            .stamped(.status("active", deadTimeMilliseconds: 500))
        _ = node.handle(.received(forged, link: "hb0"), at: .milliseconds(2))
        let losses = [LogLoss(path: "/var/log/ha-log", lost: 3, reason: "No space left on device")]
        let snapshot = node.snapshot(
            at: .milliseconds(3), wallNow: 0, cluster: "c", configDigest: nil, localLinks: [], logfile: "/var/log/ha-log", logLosses: losses)
        #expect(
            snapshot.alerts.map(\.message) == [
                "1 packet(s) dropped: unknown node",
                "1 packet(s) dropped (missing-auth-field) from 192.0.2.9",
                "3 log line(s) lost: cannot write /var/log/ha-log: No space left on device",
            ])
        #expect(snapshot.alerts.last?.kind == .logFailed)
        #expect(snapshot.logfile == "/var/log/ha-log")
    }
}
