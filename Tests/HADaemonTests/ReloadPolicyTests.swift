import HAProtocol
import Testing

@testable import HADaemonCore

/// What a SIGHUP may change while resources stay held, decided by the core in memory: the
/// namespace tests (FailoverTests, ConfigReloadSafetyTests, LogFaultTests) reach the same answers
/// through a live daemon.
@Suite struct ReloadPolicyTests {
    static let running: ClusterConfig = {
        var cf = AlphaCore.cf
        cf.logfile = "/var/log/ha-log"
        cf.media = [Medium(kind: .ucast(peer: "192.0.2.2"), interface: "hb0", port: 694, line: 7)]
        let keys = AuthKeys(keys: [1: SigningKey(index: 1, method: .sha1, secret: Array("old".utf8))], selectedIndex: 1)
        return ClusterConfig(haCF: cf, authKeys: keys, haResources: HAResources(groups: AlphaCore.groups))
    }()

    /// Alpha as the daemon starts it: configured, then its first tick (the first status sent).
    func node() -> NodeStateMachine {
        var node = NodeStateMachine(config: NodeCoreConfig(me: "alpha", cluster: Self.running, generation: 1), at: .milliseconds(0))
        _ = node.handle(.tick, at: .milliseconds(0))
        return node
    }

    static func changed(_ change: (inout ClusterConfig) -> Void) -> ClusterConfig {
        var new = running
        change(&new)
        return new
    }

    static let refusals: [(String, ClusterConfig)] = [
        ("node list", changed { $0.haCF.nodes.append("charlie") }),
        ("media", changed { $0.haCF.media[0].kind = .ucast(peer: "192.0.2.3") }),
        ("haresources", changed { $0.haResources = HAResourcesParser.parse("alpha 192.0.2.101\n").value }),
        (
            "respawn/failfast programs or env",
            changed { $0.haCF.respawn.append(HACF.ClientChild(user: "root", command: ["/usr/local/bin/agent"], failfast: false, line: 30)) }
        ),
        ("respawn/failfast programs or env", changed { $0.haCF.parameters["env:FOO"] = "bar" }),
        (
            "node list, media, haresources",
            changed {
                $0.haCF.nodes = ["alpha"]
                $0.haCF.media = []
                $0.haResources = HAResources()
                $0.haCF.keepalive = 200
            }
        ),
    ]

    @Test("a reload that changes the node list, the media or the groups is refused, naming them, and changes nothing", arguments: refusals)
    func refused(what: String, new: ClusterConfig) {
        var node = node()
        let effects = node.handle(.reload(new), at: .milliseconds(10))
        #expect(AlphaCore.logs(effects) == ["Reload refused: changes to \(what) need a restart; keeping the running configuration"])
        #expect(effects.allSatisfy { if case .log = $0 { true } else { false } })
        #expect(node.config.cluster == Self.running)
        #expect(node.config.keepalive == .milliseconds(100))
    }

    @Test("the same configuration again is unchanged")
    func unchanged() {
        var node = node()
        let effects = node.handle(.reload(Self.running), at: .milliseconds(10))
        #expect(AlphaCore.logs(effects) == ["Configuration unchanged."])
        #expect(effects.count == 1)
    }

    @Test("new timers apply at once, the negotiation delay follows keepalive, and the snapshot shows them")
    func timersAccepted() {
        var node = node()
        let new = Self.changed {
            $0.haCF.keepalive = 200
            $0.haCF.warntime = 600
            $0.haCF.deadtime = 800
            $0.haCF.initdead = 1600
            $0.haCF.autoFailback = .off
        }
        let effects = node.handle(.reload(new), at: .milliseconds(10))
        #expect(AlphaCore.logs(effects) == ["Configuration reloaded; resources held: none"])
        #expect(node.config.keepalive == .milliseconds(200))
        #expect(node.config.negotiationDelay == .milliseconds(400))
        #expect(node.config.autoFailback == .off)
        #expect(node.config.cluster == new)
        let timers = node.snapshot(at: .milliseconds(10), wallNow: 0, cluster: "c", configDigest: nil, localLinks: []).timers
        #expect(timers == ClusterSnapshot.Timers(keepalive: 200, warntime: 600, deadtime: 800, initdead: 1600))
        let fast = node.handle(.reload(Self.changed { $0.haCF.keepalive = 20 }), at: .milliseconds(20))
        #expect(AlphaCore.logs(fast) == ["Configuration reloaded; resources held: none"])
        #expect(node.config.negotiationDelay == .milliseconds(100), "never under 100 ms")
    }

    @Test("new keys are reread and new log files reopened, before the reload is reported")
    func keysAndLogs() {
        var node = node()
        let keys = AuthKeys(keys: [2: SigningKey(index: 2, method: .sha1, secret: Array("new".utf8))], selectedIndex: 2)
        let new = Self.changed {
            $0.authKeys = keys
            $0.haCF.logfile = "/var/log/ha-log.new"
            $0.haCF.debugfile = "/var/log/ha-debug"
        }
        let effects = node.handle(.reload(new), at: .milliseconds(10))
        #expect(
            effects == [
                .log(.info, "Rereading authentication file."), .rekey(keys),
                .reopenLogs(logfile: "/var/log/ha-log.new", debugfile: "/var/log/ha-debug"),
                .log(.info, "Configuration reloaded; resources held: none"),
            ])
    }

    @Test("a reload while holding reports what is held and keeps holding it")
    func whileHolding() {
        var node = node()
        var started = node.handle(.tick, at: .milliseconds(1001))
        for case .runGroup(let key, let action) in started {
            started = node.handle(.groupActionFinished(key: key, action: action, succeeded: true, detail: nil), at: .milliseconds(1010))
        }
        let effects = node.handle(.reload(Self.changed { $0.haCF.deadtime = 800 }), at: .milliseconds(1020))
        #expect(AlphaCore.logs(effects) == ["Configuration reloaded; resources held: \(AlphaCore.groups[0].key)"])
        #expect(!effects.contains { if case .runGroup = $0 { true } else { false } })
        #expect(node.heldKeys == [AlphaCore.groups[0].key])
    }
}
