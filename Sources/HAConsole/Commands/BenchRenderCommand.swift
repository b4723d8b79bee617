import ArgumentParser
import Glibc
import HAHost
import HAProtocol

/// `haconsole bench-render` (hidden): the frame-time half of the console benchmark.
///
/// Builds a synthetic console state (`--nodes` nodes with two links and DRBD each, `--groups`
/// groups, some failed or held twice, and a full log ring), then renders it `--frames` times at
/// each size and prints milliseconds per frame. It times ``ConsoleView/render(_:width:height:options:)``
/// only: the curses diff and the terminal are measured by `habench console`'s change-to-screen
/// figure. `habench console` runs it from the release build, since an executable target cannot
/// be imported by another.
struct BenchRenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-render",
        abstract: "Time rendering a synthetic big cluster (for habench console).",
        shouldDisplay: false
    )

    @Option(help: "Nodes in the synthetic cluster.") var nodes = 64
    @Option(help: "Resource groups in the synthetic cluster.") var groups = 256
    @Option(help: "Frames to render at each size.") var frames = 1000
    @Option(parsing: .upToNextOption, help: "Screen sizes, as WIDTHxHEIGHT.") var sizes = ["80x24", "200x60"]
    @Flag(help: "One JSON object per size, one a line.") var json = false

    func validate() throws {
        guard (1...4096).contains(nodes), (0...65536).contains(groups) else { throw ValidationError("--nodes 1-4096, --groups 0-65536") }
        guard (1...1_000_000).contains(frames) else { throw ValidationError("--frames must be 1 to 1000000") }
        for size in sizes where Self.dimensions(size) == nil { throw ValidationError("--sizes: '\(size)' is not WIDTHxHEIGHT") }
    }

    func run() throws {
        let state = SyntheticCluster.state(nodes: nodes, groups: groups)
        for size in sizes {
            guard let (width, height) = Self.dimensions(size) else { continue }
            var screen = ConsoleView.render(state, width: width, height: height)  // warm up
            let started = SystemClock.now()
            for _ in 0..<frames { ConsoleView.render(state, into: &screen, options: RenderOptions()) }
            let milliseconds = (SystemClock.now() - started).fractionalMilliseconds / Double(frames)
            if json {
                print(#"{"size":"\#(size)","nodes":\#(nodes),"groups":\#(groups),"frames":\#(frames),"msPerFrame":\#(milliseconds)}"#)
            } else {
                print("\(size): \(nodes) nodes, \(groups) groups, \(frames) frames, \(milliseconds) ms per frame")
            }
        }
    }

    private static func dimensions(_ size: String) -> (Int, Int)? {
        let parts = size.split(separator: "x")
        guard parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1]), width > 0, height > 0, width <= 1000, height <= 1000
        else { return nil }
        return (width, height)
    }
}

/// The big cluster `bench-render` draws: as the render tests' worst case, every panel busy.
enum SyntheticCluster {
    static let now: Int64 = 1_795_317_011_000

    /// `nodes` nodes (every ninth dead, every fifth with a dead link), `groups` groups (every 50th
    /// held twice, every 70th failed), DRBD on every node, and a full 2000-line log ring.
    static func state(nodes nodeCount: Int, groups groupCount: Int) -> ConsoleState {
        let primary = drbd(" 0: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----")
        let secondary = drbd(" 0: cs:Connected ro:Secondary/Primary ds:UpToDate/UpToDate C r-----")
        let nodes = (0..<nodeCount).map { node($0, drbd: $0 % 2 == 0 ? primary : secondary) }
        let groups = (0..<groupCount).map { group($0, nodes: nodeCount) }
        let snapshot = ClusterSnapshot(
            takenAt: now - 400, localNode: "node0", timers: .init(keepalive: 100, warntime: 200, deadtime: 500, initdead: 1000),
            autoFailback: .on, nodes: nodes, groups: groups)
        var state = ConsoleState(source: .daemon(socket: DefaultPaths.standardSocket), hostNode: "node0")
        state.clock = DisplayClock(now: now)
        state.receive(snapshot: snapshot, at: now - 400)
        state.receiveDRBD(primary, of: "node0", source: "/proc/drbd")
        state.logPath = DefaultPaths.haLog
        state.appendLog((0..<2000).map { HALogEntry(parsing: logLine($0, nodes: nodeCount)) })
        return state
    }

    /// Node `index`: every ninth (but this one) dead, every fifth with its second link dead.
    static func node(_ index: Int, drbd: DRBDStatus) -> NodeSnapshot {
        let links = [
            LinkSnapshot(interface: "hb0", status: .up, lastHeardAge: 80),
            LinkSnapshot(interface: "hb1", status: index % 5 == 0 ? .dead : .up),
        ]
        let status: NodeStatus = index % 9 == 0 && index > 0 ? .dead : .active
        return NodeSnapshot(
            name: "node\(index)", status: status, lastHeardAge: index == 0 ? nil : 80, generation: 1_795_316_671, advertisedDeadtime: 500,
            links: links, holds: .local, stable: true, drbd: DRBDSummary.encode(drbd))
    }

    /// Group `index`: homed and held round the nodes; every 50th held twice, every 70th failed.
    static func group(_ index: Int, nodes: Int) -> GroupSnapshot {
        let address = "IPaddr2::192.0.2.\(index % 254 + 1)/24/hb0"
        let home = "node\(index % nodes)"
        let holders: [String] = index % 50 == 0 ? [home, "node\((index + 1) % nodes)"] : [home]
        let failed = index % 70 == 0
        let since: Int64 = now - Int64(index) * 1000
        return GroupSnapshot(
            key: "\(address)#\(index)", preferredNode: home, resources: [address, "drbddisk::r\(index)", "hbdummy\(index)"],
            holders: holders, state: failed ? .failed : .running, since: since, lastError: failed ? "hbdummy\(index) start: exit status 1" : nil)
    }

    /// Heartbeat's daemon and resource-script line shapes, in turn.
    static func logLine(_ index: Int, nodes: Int) -> String {
        let peer = "node\(index % nodes)"
        switch index % 4 {
        case 0: return "Nov 22 03:04:51 node0 heartbeat: [25506]: WARN: Late heartbeat: Node \(peer): interval 300 ms"
        case 1: return "Nov 22 03:04:51 node0 heartbeat: [25506]: info: Status update for node \(peer): status active"
        case 2: return "2026/11/22_03:04:52  ResourceManager(default)[32732]:    info: Running /etc/ha.d/resource.d/hbdummy\(index) start"
        default: return "Nov 22 03:04:53 node0 heartbeat: [25506]: info: Link \(peer):hb1 up."
        }
    }

    private static func drbd(_ line: String) -> DRBDStatus {
        DRBDProcParser.parse("version: 8.4.11-1 (api:1/proto:86-101)\n\(line)\n", resourceNames: [0: "r0"]).status
    }
}
