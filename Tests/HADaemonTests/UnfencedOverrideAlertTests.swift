import Foundation
import HAProtocol
import Testing

@testable import HADaemonCore

/// `hadaemon run --allow-unfenced`: while lines go unhonoured, the snapshot says so (issue 12).
@Suite struct UnfencedOverrideAlertTests {
    static let haCF = "node alpha\nnode bravo\nucast hb0 192.0.2.12\nkeepalive 100ms\ndeadtime 500ms\ninitdead 1\nauto_failback on\nlogfile /x\n"

    func cluster(_ extra: String) -> ClusterConfig {
        let cf = HACFParser.parse(Self.haCF + extra, file: "/etc/ha.d/ha.cf", allowUnfenced: true).value
        return ClusterConfig(haCF: cf, authKeys: AuthKeys(), haResources: HAResources(groups: AlphaCore.groups))
    }

    func alerts(_ node: NodeStateMachine) -> [Alert] {
        node.snapshot(at: .milliseconds(10), wallNow: 0, cluster: "c", configDigest: nil, localLinks: []).alerts
    }

    @Test("a critical unfenced_override alert names every line the override lifts")
    func alertNamesTheLines() throws {
        let node = NodeStateMachine(
            config: NodeCoreConfig(
                me: "alpha", cluster: cluster("apiauth ccm uid=hacluster\nrespawn hacluster /usr/lib/heartbeat/ccm\n"), generation: 1),
            at: .milliseconds(0))
        let alert = try #require(alerts(node).first { $0.kind == .unfencedOverride })
        #expect(alert.severity == .critical && alert.node == "alpha")
        #expect(alert.message == "running unfenced by override (--allow-unfenced): alpha does not honour apiauth (line 9), respawn (line 10)")
        #expect(
            alert.evidence == [
                "/etc/ha.d/ha.cf:9: apiauth ccm uid=hacluster: not honoured by hadaemon",
                "/etc/ha.d/ha.cf:10: respawn hacluster /usr/lib/heartbeat/ccm: not honoured by hadaemon",
            ])
    }

    @Test("no alert without lifted lines; a reload that removes them clears it, one that adds them raises it")
    func followsReloads() {
        var node = NodeStateMachine(config: NodeCoreConfig(me: "alpha", cluster: cluster(""), generation: 1), at: .milliseconds(0))
        #expect(!alerts(node).contains { $0.kind == .unfencedOverride })
        _ = node.handle(.reload(cluster("respawn hacluster /usr/lib/heartbeat/ccm\n")), at: .milliseconds(5))
        #expect(
            alerts(node).filter { $0.kind == .unfencedOverride }.map(\.message) == [
                "running unfenced by override (--allow-unfenced): alpha does not honour respawn (line 9)"
            ])
        _ = node.handle(.reload(cluster("")), at: .milliseconds(6))
        #expect(!alerts(node).contains { $0.kind == .unfencedOverride })
    }

    @Test("the new kind survives the snapshot's JSON both ways")
    func kindRoundTrips() throws {
        let alert = Alert(kind: .unfencedOverride, severity: .critical, message: "m", node: "alpha")
        let json = try JSONEncoder().encode(alert)
        #expect(String(decoding: json, as: UTF8.self).contains(#""kind":"unfenced_override""#))
        #expect(try JSONDecoder().decode(Alert.self, from: json) == alert)
    }
}
