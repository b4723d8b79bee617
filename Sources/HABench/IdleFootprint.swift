import Glibc
import HAHost
import HAProtocol
import HATestSupport

/// What a settled pair costs when nothing happens: each daemon's PSS at the end of the window
/// and its CPU over the window, from /proc (`ProcessFootprint`), with the 1 s profile.
struct IdleFootprint: Sendable, Codable {
    /// One daemon's figures.
    struct Node: Sendable, Codable {
        var node: String
        var pid: Int32
        /// The kernel's PSS: shared pages divided among every process mapping them, habench too.
        var pssKB: Int
        /// PSS with the two daemons as the only sharers (`PageSharing`): what the pair costs
        /// alone, never below `pssKB`. nil if page frames were unreadable.
        var pairPSSKB: Int?
        var rssKB: Int
        var threads: Int
        /// Processes in the node's namespace at the end (1: the daemon alone, no helpers left).
        var processes: Int
        /// utime + stime ticks over the window.
        var cpuTicks: Int
        /// `cpuTicks` as a percentage of one core over the window.
        var cpuPercent: Double
        /// CPU from the process CPU-time clock (ns resolution), per minute of window.
        var cpuMSPerMinute: Double
    }

    var profile: TimerProfile
    var seconds: Double
    var nodes: [Node]
    /// Address changes during the window: a healthy idle pair has none.
    var transitions: Int

    /// Starts a pair, lets it settle for 5 s, then measures `seconds` of idling.
    static func measure(daemon: DaemonCommand, seconds: Int, profile: TimerProfile = .oneSecond) async throws -> IdleFootprint {
        // A slow watcher: it only has to notice a false failover, and should not load the machine.
        let run = try await PairRun.start(profile, daemon: daemon, sampleInterval: .milliseconds(50))
        defer { run.finish() }
        try await Task.sleep(for: .seconds(3))
        let names = ["alpha", "bravo"]
        let pids = names.compactMap { run.cluster.pid($0) }
        guard pids.count == names.count else { throw HarnessError.notRunning(node: names.joined(separator: " or ")) }
        let before = pids.map { ProcessFootprint.read($0) }
        let transitionsBefore = run.watcher.timeline.transitions.count
        let started = SystemClock.now()
        try await Task.sleep(for: .seconds(seconds))
        let elapsed = (SystemClock.now() - started).fractionalMilliseconds / 1000
        let after = pids.map { ProcessFootprint.read($0) }
        let transitions = run.watcher.timeline.transitions.count - transitionsBefore
        let pairPSS = PageSharing.pss(among: pids)
        var nodes: [Node] = []
        for (index, name) in names.enumerated() {
            guard let start = before[index], let end = after[index] else { throw HarnessError.notRunning(node: name) }
            let ticks = end.cpuTicks - start.cpuTicks
            let namespacePIDs = try HostCommand.check(["ip", "netns", "pids", run.cluster.node(name).namespace])
            nodes.append(
                Node(
                    node: name, pid: pids[index], pssKB: end.pssKB, pairPSSKB: pairPSS?[pids[index]], rssKB: end.rssKB, threads: end.threads,
                    processes: namespacePIDs.split(separator: "\n").count, cpuTicks: ticks,
                    cpuPercent: Double(ticks) / Double(ProcessFootprint.ticksPerSecond) / elapsed * 100,
                    // A thread that ended in the window takes its time with it: never below zero.
                    cpuMSPerMinute: Double(
                        end.cpuNanoseconds.subtractingReportingOverflow(start.cpuNanoseconds).overflow
                            ? 0 : end.cpuNanoseconds - start.cpuNanoseconds) / 1e6 / elapsed * 60))
        }
        return IdleFootprint(profile: profile, seconds: elapsed, nodes: nodes, transitions: transitions)
    }
}
