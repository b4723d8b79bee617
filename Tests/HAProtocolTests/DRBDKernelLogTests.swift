import HAProtocol
import Testing

@Suite struct DRBDKernelLogTests {
    func events(_ file: String) throws -> [DRBDKernelLogEvent] {
        try DRBDFixture.text("kernel-log/\(file)").split(separator: "\n").compactMap(DRBDKernelLogEvent.classify)
    }

    @Test("8.4 Ganeti log: helper calls, the unresolved split brain, and the resource's conn change")
    func ganeti() throws {
        let events = try events("8.4-splitbrain-ganeti-issue846.log")
        #expect(events.count == 9)
        #expect(events.allSatisfy { $0.minor == 6 || $0.resource == "resource6" })
        #expect(events[2].kind == .helperCommand(helper: "initial-split-brain", exitCode: nil))
        #expect(events[3].kind == .helperCommand(helper: "initial-split-brain", exitCode: 0))
        #expect(events[4].kind == .splitBrainDetected(.unresolved))
        #expect(events[5].isSplitBrainSignal)
        #expect(events[7].resource == "resource6")
        #expect(events[7].kind == .stateChange([DRBDStateTransition(field: "conn", from: "WFReportParams", to: "Disconnecting")]))
        #expect(events.filter(\.isSplitBrainSignal).count == 2)
    }

    @Test("a single syslog line without a kernel timestamp is still found")
    func oneLine() throws {
        let events = try events("8.4-splitbrain-one-line-hoangdh.log")
        #expect(
            events == [
                DRBDKernelLogEvent(
                    minor: 0, kind: .splitBrainDetected(.unresolved), message: "Split-Brain detected but unresolved, dropping connection!")
            ])
    }

    @Test("8.3 handshake: a uuid_compare verdict by numeric rule, then the initial-split-brain helper")
    func uuidCompare83() throws {
        let events = try events("8.3-splitbrain-uuid-compare-pastebin.log")
        #expect(events.contains { $0.kind == .uuidCompare(result: "100", rule: "90") })
        #expect(events[1].kind == .stateChange([DRBDStateTransition(field: "conn", from: "WFConnection", to: "WFReportParams")]))
        #expect(events.last?.kind == .helperCommand(helper: "initial-split-brain", exitCode: 0))
        #expect(!events.contains { $0.isSplitBrainSignal })
    }

    @Test("8.3 network failure: peer, conn and pdsk change on one line, then WFConnection")
    func networkFailure() throws {
        let events = try events("8.3-network-failure-then-wfconnection-pastebin.log")
        #expect(
            events[1].kind
                == .stateChange([
                    DRBDStateTransition(field: "peer", from: "Primary", to: "Unknown"),
                    DRBDStateTransition(field: "conn", from: "Connected", to: "NetworkFailure"),
                    DRBDStateTransition(field: "pdsk", from: "UpToDate", to: "DUnknown"),
                ]))
        #expect(events.last?.kind == .stateChange([DRBDStateTransition(field: "conn", from: "Unconnected", to: "WFConnection")]))
        #expect(events[0].kind == .other)
    }

    @Test("DRBD 9 prefixes give resource, volume, minor and peer; the split brain is detected")
    func drbd9Issue58() throws {
        let events = try events("9-splitbrain-drbd-issue58.log")
        #expect(events[2].resource == "vm-57da08a3-2938-4769-8959-3a11616d6ef9")
        #expect(events[2].volume == 0)
        #expect(events[2].minor == 8)
        #expect(events[2].peer == "os-hv-am-3")
        #expect(events[2].kind == .splitBrainDetected(.unresolved))
        #expect(events[3].kind == .helperCommand(helper: "split-brain", exitCode: nil))
        #expect(events[5].peer == nil)
        #expect(events[6].peer == "os-hv-am-3")
        #expect(events[6].kind == .stateChange([DRBDStateTransition(field: "conn", from: "Connecting", to: "Disconnecting")]))
    }

    @Test("dmesg lines with a symbolic uuid_compare rule and a failing helper exit code")
    func hwameistor() throws {
        let events = try events("9-splitbrain-auto-recover-rule-hwameistor-issue332.log")
        #expect(events.count == 4)
        #expect(events[0].kind == .uuidCompare(result: "split-brain-auto-recover", rule: "bitmap-both"))
        #expect(events[0].minor == 43001)
        #expect(events[2].kind == .helperCommand(helper: "initial-split-brain", exitCode: 255))
        #expect(events[3].isSplitBrainSignal)
    }

    @Test("DRBD 9 connection and peer-device state lines: conn, peer, pdsk and repl transitions")
    func linstorStateLines() throws {
        let events = try events("9-state-change-lines-linstor-issue213.log")
        #expect(events[2].peer == "kube-node-6")
        #expect(
            events[2].kind
                == .stateChange([
                    DRBDStateTransition(field: "conn", from: "Connected", to: "TearDown"),
                    DRBDStateTransition(field: "peer", from: "Secondary", to: "Unknown"),
                ]))
        #expect(events[3].minor == 1004)
        #expect(
            events[3].kind
                == .stateChange([
                    DRBDStateTransition(field: "pdsk", from: "UpToDate", to: "Outdated"),
                    DRBDStateTransition(field: "repl", from: "Established", to: "Off"),
                ]))
    }

    @Test(
        "automatically and manually solved split brains, 9.2 reason tags, and non-DRBD lines",
        arguments: [
            (
                "block drbd0: Split-Brain detected, 1 primaries, automatically solved. Sync from peer node",
                DRBDKernelLogEvent.Kind.splitBrainDetected(.automaticallySolved)
            ),
            ("drbd r0 bravo: Split-Brain detected, manually solved. Sync from this node", .splitBrainDetected(.manuallySolved)),
            (
                "drbd r0 bravo: conn( Disconnecting -> StandAlone ) [disconnected]",
                .stateChange([DRBDStateTransition(field: "conn", from: "Disconnecting", to: "StandAlone")])
            ),
        ])
    func moreKinds(_ line: String, _ kind: DRBDKernelLogEvent.Kind) {
        #expect(DRBDKernelLogEvent.classify(line)?.kind == kind)
    }

    @Test("lines that merely mention drbd are not DRBD kernel messages")
    func notDRBD() {
        #expect(DRBDKernelLogEvent.classify("systemd[1]: Starting drbd resources: r0") == nil)
        #expect(DRBDKernelLogEvent.classify("") == nil)
        #expect(DRBDKernelLogEvent.classify("kernel: block drbdX: nope") == nil)
    }
}
