import Foundation
import HAFixtures
import HAProtocol
import Testing

/// The real Heartbeat 3.0.6 logs of the full-cycle run (observed §5), as the tests read them.
enum HALogFixture {
    static let logNames = [
        "full-cycle-alpha.ha-log", "full-cycle-bravo.ha-log", "full-cycle-alpha.ha-debug", "full-cycle-bravo.ha-debug",
    ]

    /// The file's bytes, decoded lossily: ha-log may hold raw packet bytes.
    static func text(_ name: String) throws -> String {
        try Fixtures.text("heartbeat-logs/\(name)")
    }

    static func entries(_ name: String) throws -> [HALogEntry] {
        HALogEntry.entries(in: try text(name))
    }
}

extension HALogEvent {
    /// The case name, `nodeDead` for `.nodeDead(node: "bravo")`, to count events by kind.
    var kind: String { String(String(describing: self).prefix { $0 != "(" }) }
}

@Suite struct HALogFixtureTests {
    /// Counts per event kind, taken with independent regexes (grep) over each file.
    static let ha_logCounts: [String: [String: Int]] = [
        "full-cycle-alpha": [
            "nodeDead": 3, "lateHeartbeat": 1, "linkUp": 9, "linkDead": 1, "statusUpdate": 8, "localStatus": 8,
            "communicationUp": 4, "returningAfterPartition": 1, "resourcesBeingAcquired": 3,
            "deadNodeGaveUpResources": 1, "acquiringResourceGroup": 7, "releasingResourceGroup": 5,
            "initialAcquisitionComplete": 4, "takeoverComplete": 6, "noStonithDevice": 2, "standbyRequested": 7,
            "standbyTransitionCompleted": 8, "standbyAcquisitionDone": 5, "goingStandby": 1,
            "localStandbyCompleted": 3, "otherNodeCompletedStandbyTakeover": 3, "shutdownInProgress": 3,
            "givingUpAllResources": 3, "allResourcesRelinquished": 3, "shutdownComplete": 3, "shutdownNotice": 2,
            "restartTriggered": 1, "lostPackets": 4,
        ],
        "full-cycle-bravo": [
            "nodeDead": 4, "lateHeartbeat": 2, "linkUp": 7, "linkDead": 3, "statusUpdate": 10, "localStatus": 4,
            "communicationUp": 2, "heartbeatRestart": 2, "returningAfterPartition": 1, "resourcesBeingAcquired": 4,
            "deadNodeGaveUpResources": 2, "acquiringResourceGroup": 7, "releasingResourceGroup": 6,
            "takingOverResourceGroup": 4, "initialAcquisitionComplete": 2, "takeoverComplete": 8,
            "noStonithDevice": 2, "standbyRequested": 7, "standbyTransitionCompleted": 8, "standbyAcquisitionDone": 4,
            "goingStandby": 1, "localStandbyCompleted": 4, "otherNodeCompletedStandbyTakeover": 4,
            "shutdownInProgress": 2, "givingUpAllResources": 2, "allResourcesRelinquished": 2, "shutdownComplete": 2,
            "shutdownNotice": 2, "restartTriggered": 1, "lostPackets": 5,
        ],
    ]

    struct Expectation: Sendable, CustomTestStringConvertible {
        var name: String
        var lines: Int
        var unparsed: Int
        var problems: Int
        var debugLines: Int
        var counts: [String: Int]
        var testDescription: String { name }
    }

    static let expectations: [Expectation] = [
        Expectation(
            name: "full-cycle-alpha.ha-log", lines: 385, unparsed: 0, problems: 39, debugLines: 0,
            counts: ha_logCounts["full-cycle-alpha"]!),
        Expectation(
            name: "full-cycle-bravo.ha-log", lines: 321, unparsed: 0, problems: 31, debugLines: 0,
            counts: ha_logCounts["full-cycle-bravo"]!),
        // ha-debug adds debug lines, and the raw stdout of scripts (`hbdummy: started`, `INFO:  Success`).
        Expectation(
            name: "full-cycle-alpha.ha-debug", lines: 431, unparsed: 22, problems: 39, debugLines: 24,
            counts: ha_logCounts["full-cycle-alpha"]!),
        Expectation(
            name: "full-cycle-bravo.ha-debug", lines: 370, unparsed: 22, problems: 31, debugLines: 27,
            counts: ha_logCounts["full-cycle-bravo"]!),
    ]

    @Test("each captured log parses into the lines, problems and events grep finds", arguments: expectations)
    func counts(_ expected: Expectation) throws {
        let entries = try HALogFixture.entries(expected.name)
        #expect(entries.count == expected.lines)
        #expect(entries.filter { $0.line == nil }.count == expected.unparsed)
        #expect(entries.filter(\.isProblem).count == expected.problems)
        #expect(entries.filter { $0.line?.level == .debug }.count == expected.debugLines)
        let counts = entries.compactMap(\.event).reduce(into: [String: Int]()) { $0[$1.kind, default: 0] += 1 }
        #expect(counts == expected.counts)
    }

    @Test(
        "the ha-log holds daemon and script lines and ha-debug the tab layout for scripts",
        arguments: HALogFixture.logNames)
    func layouts(name: String) throws {
        let layouts = Set(try HALogFixture.entries(name).compactMap { $0.line?.layout })
        let scriptLayout: HALogLine.Layout = name.hasSuffix(".ha-log") ? .scriptFile : .scriptDebugFile
        #expect(layouts == [.daemonFile, scriptLayout])
    }

    @Test("alpha alone: bravo is declared dead, alpha takes over and completes its initial acquisition")
    func alphaAloneTakesOver() throws {
        let events = try HALogFixture.entries("full-cycle-alpha.ha-log").compactMap(\.event)
        #expect(
            Array(events.prefix(9)) == [
                .localStatus("up"), .linkUp(node: "alpha", interface: "hb0"), .nodeDead(node: "bravo"),
                .communicationUp, .localStatus("active"), .noStonithDevice, .resourcesBeingAcquired(from: "bravo"),
                .takeoverComplete(node: "bravo"), .takeoverComplete(node: nil),
            ])
        #expect(events[9] == .initialAcquisitionComplete(reason: "mach_down"))
        #expect(
            events[10] == .acquiringResourceGroup(node: "alpha", resources: ["IPaddr2::192.0.2.100/24/hb0", "hbdummy"]))
    }

    @Test("bravo heals the split brain: partition, late heartbeat, shutdown, restart")
    func bravoHealsSplitBrain() throws {
        let events = try HALogFixture.entries("full-cycle-bravo.ha-log").compactMap(\.event)
        let start = try #require(events.firstIndex(of: .returningAfterPartition(node: "alpha")))
        let end = try #require(events.firstIndex(of: .restartTriggered))
        let group = ["IPaddr2::192.0.2.100/24/hb0", "hbdummy"]
        #expect(
            Array(events[start...end]) == [
                .returningAfterPartition(node: "alpha"), .linkUp(node: "alpha", interface: "hb0"),
                .lateHeartbeat(node: "alpha", intervalMilliseconds: 24000, beyondDeadtime: true),
                .nodeDead(node: "alpha"), .deadNodeGaveUpResources(node: "alpha"),
                .statusUpdate(node: "alpha", status: "active"), .shutdownNotice(from: "alpha"),
                .resourcesBeingAcquired(from: "alpha"), .takingOverResourceGroup(key: "IPaddr2::192.0.2.100/24/hb0"),
                .acquiringResourceGroup(node: "alpha", resources: group), .takeoverComplete(node: "alpha"),
                .takeoverComplete(node: nil), .shutdownInProgress(pid: 2965), .givingUpAllResources,
                .releasingResourceGroup(node: "alpha", resources: group), .allResourcesRelinquished,
                .shutdownComplete(node: "bravo"), .restartTriggered,
            ])
    }

    @Test("alpha's hb_standby hands all resources to bravo; bravo's hb_takeover brings them back")
    func standbyAndTakeover() throws {
        let alpha = try HALogFixture.entries("full-cycle-alpha.ha-log").compactMap(\.event)
        let request = try #require(alpha.firstIndex(of: .standbyRequested(node: "alpha", class: "all")))
        #expect(
            Array(alpha[request..<request + 6]) == [
                .standbyRequested(node: "alpha", class: "all"),
                .releasingResourceGroup(node: "alpha", resources: ["IPaddr2::192.0.2.100/24/hb0", "hbdummy"]),
                .standbyTransitionCompleted(class: "all", acquired: false), .localStandbyCompleted(class: "all"),
                .lostPackets(node: "bravo", count: 1, from: 66, to: 68),
                .otherNodeCompletedStandbyTakeover(class: "all"),
            ])
        let bravo = try HALogFixture.entries("full-cycle-bravo.ha-log").compactMap(\.event)
        let going = try #require(bravo.firstIndex(of: .goingStandby(class: "all")))
        #expect(bravo[going + 1] == .standbyRequested(node: "bravo", class: "all"))
    }

    @Test("the warn-level late heartbeat of the SIGSTOP step is read with its interval")
    func lateHeartbeatLine() throws {
        let line = try #require(
            try HALogFixture.entries("full-cycle-bravo.ha-log").compactMap(\.line).first {
                if case .lateHeartbeat = $0.event { true } else { false }
            })
        #expect(line.timestamp == HALogTimestamp(month: 11, day: 22, hour: 3, minute: 5, second: 32))
        #expect(line.host == "bravo")
        #expect(line.pid == 2965)
        #expect(line.level == .warn)
        #expect(line.event == .lateHeartbeat(node: "alpha", intervalMilliseconds: 7000, beyondDeadtime: false))
    }

    @Test("every parsed line of every captured log formats back byte for byte", arguments: HALogFixture.logNames)
    func everyLineRoundTrips(name: String) throws {
        let text = try HALogFixture.text(name)
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            if let line = HALogLine(parsing: raw) {
                #expect(line.formatted == String(raw))
            }
        }
    }

    @Test("an authentication-failure dump keeps its raw packet lines as unparsed entries")
    func authenticationDump() {
        let packet: [UInt8] = Array(">>>\nt=status\nsrcuuid=".utf8) + [0x56, 0x0E, 0xF3, 0x1D, 0x84, 0xFF, 0x00, 0x0A]
        var bytes = Array(
            "Nov 22 03:20:01 alpha heartbeat: [25506]: ERROR: authtoken does not match, authtoken=e931, authstr=0b12\n"
                .utf8)
        bytes += Array("Nov 22 03:20:01 alpha heartbeat: [25506]: ERROR: netstring authentication failed, s=###\n".utf8)
        bytes += packet + Array(", autotoken=1 e931,\n".utf8)
        bytes += Array("Nov 22 03:20:01 alpha heartbeat: [25506]: ERROR: MSG: Dumping message with 12 fields\n".utf8)
        let entries = HALogEntry.entries(in: String(decoding: bytes, as: UTF8.self))
        #expect(
            entries.compactMap(\.event) == [
                .authenticationFailure(.tokenMismatch(received: "e931", expected: "0b12")),
                .authenticationFailure(.netstringRejected),
            ])
        #expect(entries.filter { $0.line == nil }.count == 4)
        #expect(entries.last?.line?.message == "MSG: Dumping message with 12 fields")
    }
}
