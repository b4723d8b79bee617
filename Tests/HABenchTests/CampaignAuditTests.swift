import Testing

@testable import HABench

/// The audits as functions of hand-made observations: no cluster, no sleeps.
@Suite struct CampaignAuditTests {
    static let bounds = AuditBounds(stormPerSecond: 100, memoryGrowthKB: 32 * 1024, outageMS: 3000, logBytesPerStep: 1 << 20)

    static func node(_ name: String, holds: Bool = false, claims: Bool? = nil, running: Bool = true, failed: Bool = false) -> NodeView {
        let peer = name == "alpha" ? "bravo" : "alpha"
        return NodeView(
            name: name, running: running, answered: running, stable: running, activePeers: running ? [peer] : [],
            claimsGroup: running ? (claims ?? holds) : nil, groupFailed: failed, holdsAddress: holds)
    }

    static func ms(_ value: Int) -> Duration { .milliseconds(value) }

    static func span(_ holders: Set<String>, _ from: Int, _ to: Int) -> HolderSpan {
        HolderSpan(holders: holders, from: ms(from), to: ms(to))
    }

    /// A step settled at 2 s, audited until 3 s, alpha holding throughout unless `spans` says otherwise.
    static func step(
        spans: [HolderSpan] = [span(["alpha"], 0, 3000)], nodes: [NodeView] = [node("alpha", holds: true), node("bravo")],
        settled: Duration? = ms(2000), rates: [String: Double] = ["alpha": 10, "bravo": 10], logs: [String: LogCheck] = [:],
        memory: [String: MemorySample] = [:], probe: ControlProbe? = nil
    ) -> StepObservation {
        StepObservation(
            spans: spans, recovered: ms(1500), settled: settled, settleLimit: ms(8000), windowEnd: ms(3000), nodes: nodes, datagramRates: rates,
            logs: logs, memory: memory, controlProbe: probe)
    }

    static func log(lines: Int = 2, addressLines: Int = 0, torn: [String] = [], unterminated: Bool = false, diskFull: Bool = false) -> LogCheck {
        LogCheck(
            lines: lines, addressLines: addressLines, tornLines: torn, unterminated: unterminated, shrank: false, bytes: 200, diskWasFull: diskFull,
            checksLayout: true)
    }

    @Test("a quiet step passes every audit")
    func quietStep() {
        #expect(CampaignAudit.audit(Self.step(), bounds: Self.bounds).isEmpty)
    }

    @Test("settled means every node runs, answers, is stable and sees the other active")
    func settled() {
        #expect(CampaignAudit.isSettled([Self.node("alpha", holds: true), Self.node("bravo")]))
        #expect(!CampaignAudit.isSettled([Self.node("alpha", holds: true), Self.node("bravo", running: false)]))
        var deaf = Self.node("bravo")
        deaf.activePeers = []
        #expect(!CampaignAudit.isSettled([Self.node("alpha"), deaf]))
        var busy = Self.node("alpha")
        busy.stable = false
        #expect(!CampaignAudit.isSettled([busy, Self.node("bravo")]))
        #expect(!CampaignAudit.isSettled([]))
        let failures = CampaignAudit.audit(Self.step(settled: nil), bounds: Self.bounds)
        #expect(failures.map(\.audit).contains(.settle))
    }

    @Test("two holders during the fault are measured, not failed; after settling they fail")
    func twoHolders() {
        let during = Self.step(spans: [Self.span(["alpha", "bravo"], 0, 900), Self.span(["alpha"], 900, 3000)])
        #expect(CampaignAudit.audit(during, bounds: Self.bounds).isEmpty)
        let after = Self.step(spans: [Self.span(["alpha"], 0, 2500), Self.span(["alpha", "bravo"], 2500, 3000)])
        let failures = CampaignAudit.holders(after)
        #expect(failures.count == 1)
        #expect(failures.first?.detail == "alpha and bravo both held the address for 500 ms after settling")
        let record = StepRecord(step: 1, plan: FaultPlanTests.plan, target: "alpha", observation: after, failures: failures)
        #expect(record.twoHoldersAfterSettledMS == 500)
        #expect(record.twoHoldersLongestMS == 500)
    }

    @Test("nobody holding once settled fails, unless the group is failed and waits for the operator")
    func noHolder() {
        let empty = Self.step(spans: [Self.span(["alpha"], 0, 100), Self.span([], 100, 3000)], nodes: [Self.node("alpha"), Self.node("bravo")])
        #expect(CampaignAudit.holders(empty).map(\.detail) == ["no node holds the address once settled"])
        #expect(CampaignAudit.outage(empty, bounds: Self.bounds).count == 0, "2900 ms is within the 3000 ms bound")
        let failed = Self.step(spans: [Self.span([], 0, 3000)], nodes: [Self.node("alpha", failed: true), Self.node("bravo")])
        #expect(CampaignAudit.holders(failed).isEmpty)
        #expect(CampaignAudit.outage(failed, bounds: Self.bounds).isEmpty)
    }

    @Test("an outage longer than the bound fails; the longest run of empty spans is what counts")
    func outage() {
        let long = Self.step(spans: [Self.span([], 0, 2000), Self.span([], 2000, 3500), Self.span(["bravo"], 3500, 4000)])
        #expect(CampaignAudit.longest(long.spans, from: .zero, to: Self.ms(4000)) { $0.isEmpty } == Self.ms(3500))
        #expect(CampaignAudit.longest(long.spans, from: .zero, to: Self.ms(3000)) { $0.isEmpty } == Self.ms(3000))
        var observed = long
        observed.windowEnd = Self.ms(4000)
        #expect(CampaignAudit.outage(observed, bounds: Self.bounds).first?.detail == "no holder for 3500 ms (bound 3000 ms)")
    }

    @Test("an address on a node whose daemon is down or disowns it is stale")
    func stale() {
        let crashed = Self.step(nodes: [Self.node("alpha", holds: true, running: false), Self.node("bravo", holds: true)])
        #expect(CampaignAudit.stale(crashed).map(\.node) == ["alpha"])
        let disowned = Self.step(nodes: [Self.node("alpha", holds: true, claims: false), Self.node("bravo", holds: true, claims: true)])
        #expect(CampaignAudit.stale(disowned).map(\.node) == ["alpha"])
        #expect(CampaignAudit.alive(crashed).map(\.node) == ["alpha"])
    }

    @Test("datagram rates above the bound are a storm; the bound follows the keepalive")
    func storm() {
        let storm = Self.step(rates: ["alpha": 5123, "bravo": 12])
        #expect(CampaignAudit.storm(storm, bounds: Self.bounds).map(\.node) == ["alpha"])
        #expect(CampaignTimers.pair(keepaliveMS: 200).stormBound(nodes: 2) == 100)
        #expect(CampaignTimers.pair(keepaliveMS: 1000).stormBound(nodes: 2) == 50)
        #expect(CampaignTimers.pair(keepaliveMS: 10).stormBound(nodes: 2) == 2000)
    }

    @Test("torn, unterminated or missing log lines fail; a full disk or a crashed host excuses missing lines, not torn ones")
    func logContinuity() {
        let moved = [Self.span(["alpha"], 0, 1000), Self.span(["bravo"], 1000, 3000)]
        let nodes = [Self.node("alpha"), Self.node("bravo", holds: true)]
        let silent = Self.step(spans: moved, nodes: nodes, logs: ["alpha": Self.log(), "bravo": Self.log(addressLines: 1)])
        #expect(CampaignAudit.log(silent, bounds: Self.bounds).map(\.node) == ["alpha"])
        let full = Self.step(spans: moved, nodes: nodes, logs: ["alpha": Self.log(diskFull: true), "bravo": Self.log(addressLines: 1)])
        #expect(CampaignAudit.log(full, bounds: Self.bounds).isEmpty)
        var crashed = silent
        crashed.crashed = ["alpha"]
        #expect(CampaignAudit.log(crashed, bounds: Self.bounds).isEmpty, "a crashed host's address went with no daemon to log it")
        let torn = Self.step(logs: ["alpha": Self.log(torn: ["Nov 22 03:04:51 alpha heartbeat: [2Nov 22 03:04:52 alpha"], diskFull: true)])
        #expect(CampaignAudit.log(torn, bounds: Self.bounds).count == 1)
        let open = Self.step(logs: ["bravo": Self.log(unterminated: true)])
        #expect(CampaignAudit.log(open, bounds: Self.bounds).first?.detail == "bravo: ha-log ends in the middle of a line")
    }

    @Test("memory growth beyond the bound fails; each process has its own baseline")
    func memory() {
        var tracker = MemoryTracker()
        #expect(tracker.record(node: "alpha", pid: 10, kB: 30_000).growthKB == 0)
        let grown = tracker.record(node: "alpha", pid: 10, kB: 30_000 + 40 * 1024)
        #expect(grown.growthKB == 40 * 1024)
        #expect(tracker.record(node: "alpha", pid: 11, kB: 29_000).growthKB == 0, "a restarted daemon starts afresh")
        #expect(CampaignAudit.memory(Self.step(memory: ["alpha": grown]), bounds: Self.bounds).count == 1)
        #expect(tracker.summary.count == 2)
    }

    @Test("a control probe without an answer fails the control audit")
    func control() {
        #expect(CampaignAudit.control(Self.step(probe: ControlProbe(answeredAfter: nil, timeout: .seconds(2)))).count == 1)
        #expect(CampaignAudit.control(Self.step(probe: ControlProbe(answeredAfter: Self.ms(3), timeout: .seconds(2)))).isEmpty)
    }

    @Test("moves count each gain and loss of a node")
    func moves() {
        let spans = [Self.span(["alpha"], 0, 10), Self.span([], 10, 20), Self.span(["bravo"], 20, 30), Self.span(["alpha"], 30, 40)]
        #expect(CampaignAudit.moves(of: "alpha", in: spans) == 2)
        #expect(CampaignAudit.moves(of: "bravo", in: spans) == 2)
    }
}

extension FaultPlanTests {
    static let plan = FaultPlan(kind: .kill, target: .holder, phaseMS: 0, holdMS: 1200)
}

extension CampaignAuditTests {
    @Test("a resource script still running on a node whose daemon disowns the group fails the resources audit")
    func resources() {
        var alpha = Self.node("alpha", claims: false)
        alpha.runningScripts = ["flaky"]
        var bravo = Self.node("bravo", holds: true)
        bravo.runningScripts = ["hbdummy", "flaky"]
        let failures = CampaignAudit.resources(Self.step(nodes: [alpha, bravo]))
        #expect(failures.map(\.detail) == ["flaky still running on alpha, whose daemon says it does not hold the group"])
    }
}
