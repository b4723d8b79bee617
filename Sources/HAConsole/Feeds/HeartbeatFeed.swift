import Glibc
import HAHost
import HAProtocol

/// A node that runs Heartbeat 3.0.6 itself, read without a daemon socket: once a second the
/// ``ClStatusProbe`` script runs there (`sh -c` on this host, or behind a `via` prefix such as
/// `ssh root@bravo` or `nsenter -t PID -n -m -u --`), its ha-log is followed, and the console's
/// actions become Heartbeat's own commands: `hb_standby`, `hb_takeover` and the init script's
/// `stop`. Nothing runs on the poll loop's thread for longer than a non-blocking read.
final class HeartbeatFeed: ClusterFeed {
    /// The command prefix that reaches the node; empty for this host.
    let via: [String]
    /// How a command goes behind `via` (quoted for ssh, with a shared connection).
    let prefix: CommandPrefix
    let drbdCommand: String?
    /// Every Heartbeat feed's latest `rscstatus`, so each snapshot can use its peers' own word.
    let claims: HeartbeatClaims
    /// The ha-log to follow instead of ha.cf's `logfile` (`--log`).
    let logOverride: String?
    /// How many lines of the log's end to show at start (the followed node's only).
    let initialLogLines: Int

    private(set) var connection: FeedConnection = .connecting
    private var reportedConnection: FeedConnection?
    private(set) var reading: ClStatusProbe.Reading?
    private var probe: SpawnedCommand?
    private var lastProbe: Int64?
    private let actions = FeedActions()
    private var nodeLog: NodeLog?
    private(set) var logPath: String?

    /// How often the probe runs, and how long one may take before it counts as failed.
    static let interval: Int64 = 1000
    static let probeTimeout: Int64 = 10_000
    /// `service heartbeat stop` returns 4–5 s after the request and can hang on a pending
    /// negotiation (observed.md §2a, §7): bounded here.
    static let stopTimeout: Int64 = 60_000
    static let commandTimeout: Int64 = 15_000

    init(via: [String], drbdCommand: String?, claims: HeartbeatClaims, log: String?, initialLogLines: Int) {
        self.via = via
        prefix = CommandPrefix(via)
        self.drbdCommand = drbdCommand
        self.claims = claims
        logOverride = log
        self.initialLogLines = initialLogLines
    }

    /// `cl_status on this host` or `cl_status via ssh bravo`: where the data comes from.
    var origin: String { via.isEmpty ? "cl_status on this host" : "cl_status via \(via.joined(separator: " "))" }

    var watchedDescriptors: [Int32] {
        [probe?.fd, nodeLog?.fd].compactMap { $0 }.filter { $0 >= 0 } + actions.descriptors
    }

    /// Starts a probe when none runs and the last began an interval ago.
    @discardableResult
    func ensureConnected(now: MonotonicTime) -> Bool {
        if probe == nil, lastProbe.map({ now.milliseconds - $0 >= Self.interval }) ?? true {
            lastProbe = now.milliseconds
            probe = SpawnedCommand(
                prefix.command(["sh", "-c", ClStatusProbe.script(drbdCommand: drbdCommand)]), deadline: now.milliseconds + Self.probeTimeout)
        }
        return connection == .connected
    }

    /// Collects finished actions, and returns the snapshot of a probe that just finished.
    func read() -> ClusterSnapshot? {
        let now = SystemClock.milliseconds()
        actions.collect()
        guard let probe, let outcome = probe.poll(now: now) else { return nil }
        self.probe = nil
        let reading = ClStatusProbe.parse(probe.text)
        if reading.complete { self.reading = reading }
        if let problem = problem(outcome, reading, output: probe.text) {
            if !reading.host.isEmpty { claims.forget(reading.host) }
            connection = .unreachable(problem)
            return nil
        }
        claims.record(reading.host, reading.holds, at: now)
        guard let snapshot = reading.snapshot(takenAt: SystemClock.wallMilliseconds(), claims: claims.current(excluding: reading.host, now: now))
        else { return nil }
        connection = .connected
        startLog(reading)
        return snapshot
    }

    /// One probe, waited for (bounded by the probe's timeout): for `haconsole status`.
    func probeOnce() -> (snapshot: ClusterSnapshot?, problem: String?) {
        ensureConnected(now: SystemClock.now())
        while probe != nil {
            var poller = pollfd(fd: probe?.fd ?? -1, events: Int16(POLLIN), revents: 0)
            _ = Glibc.poll(&poller, 1, 50)
            if let snapshot = read() { return (ConsoleAlerts.withClStatusAlerts(snapshot), nil) }
        }
        if case .unreachable(let why) = connection { return (nil, why) }
        return (nil, "no answer")
    }

    private func problem(_ outcome: SpawnedCommand.Outcome, _ reading: ClStatusProbe.Reading, output: String) -> String? {
        switch outcome {
        case .notStarted(let why): return "cannot run \(via.first ?? "sh"): \(why)"
        case .timedOut: return "\(origin): no answer in \(Self.probeTimeout / 1000) s"
        case .signalled(let signal): return "\(origin): killed by signal \(signal)"
        case .exited(let status) where !reading.complete:
            let last = output.split(separator: "\n").last.map(String.init) ?? ""
            return "\(origin) failed (exit \(status))" + (last.isEmpty ? "" : ": \(last)")
        case .exited: return reading.unusableReason
        }
    }

    /// The node's DRBD state from the last probe, parsed, with where it came from.
    var drbd: (status: DRBDStatus, source: String)? {
        guard let reading, let text = reading.drbdText, let source = reading.drbdSource else { return nil }
        return DRBDReading.probed(text: text, source: source)
    }

    // MARK: - Log

    /// Lines the node's ha-log gained since the last call.
    func pollLog() -> [String] { nodeLog?.poll() ?? [] }

    /// Once ha.cf names the log (or `--log` does): a ``LogTail`` here, `tail -F` behind `via`.
    private func startLog(_ reading: ClStatusProbe.Reading) {
        guard logPath == nil, let path = logOverride ?? reading.haCF?.logfile else { return }
        logPath = path
        nodeLog = NodeLog(path: path, prefix: prefix, here: via.isEmpty, lastLines: initialLogLines)
    }

    // MARK: - Actions

    /// Runs the Heartbeat command for `request` on the node; the answer arrives when it exits.
    func send(_ request: ControlRequest) {
        let id = request.id
        let resources = (request.resources ?? .all).rawValue
        let (script, what, timeout): (String, String, Int64)
        switch request.op {
        case .standby: (script, what, timeout) = (Self.shareCommand("hb_standby", resources), "hb_standby \(resources)", Self.commandTimeout)
        case .takeover: (script, what, timeout) = (Self.shareCommand("hb_takeover", resources), "hb_takeover \(resources)", Self.commandTimeout)
        case .shutdown: (script, what, timeout) = (Self.stopScript, "service heartbeat stop", Self.stopTimeout)
        case .confirmFence:
            // Heartbeat runs the meatware plugin itself: its own meatclient confirms, as by hand.
            let node = CommandPrefix.shellQuoted(request.node ?? "")
            (script, what, timeout) = ("echo y | meatclient -c \(node)", "meatclient -c \(request.node ?? "")", Self.commandTimeout)
        case .status, .subscribe:
            actions.answer(id, ControlResponse(id: id, snapshot: nil))
            return
        case .unstandby, .move:
            actions.answer(
                id,
                .failure(
                    id: id,
                    ControlError(
                        .badRequest, "\(request.op.rawValue) is a Pacemaker operation; Heartbeat moves groups with hb_standby and hb_takeover")))
            return
        case .outdatePeer:
            // The console never asks this; DRBD's handler talks to hadaemon only.
            actions.answer(id, .failure(id: id, ControlError(.badRequest, "outdate-peer is not a console action")))
            return
        }
        actions.start(id, script: script, prefix: prefix, what: what, timeout: timeout)
    }

    /// A probe that finished, its DRBD reading, the connection when it changed, finished
    /// actions' answers and new log lines, in that order.
    func poll(now: MonotonicTime) -> [FeedInput] {
        ensureConnected(now: now)
        var inputs: [FeedInput] = []
        if let snapshot = read() {
            inputs.append(.snapshot(snapshot))
            if let drbd { inputs.append(.drbd(DRBDReading(status: drbd.status, source: drbd.source, problem: nil))) }
        }
        if connection != reportedConnection {
            reportedConnection = connection
            inputs.append(.connection(connection))
        }
        inputs += actions.takeAnswers().map(FeedInput.answer)
        let hadPath = logPathReported
        let lines = pollLog()
        if !lines.isEmpty || (!hadPath && logPath != nil) {
            logPathReported = true
            inputs.append(.log(path: logPath, lines: lines))
        }
        return inputs
    }

    private var logPathReported = false

    /// `hb_standby` / `hb_takeover` live in Heartbeat's share directory, not on the PATH.
    static func shareCommand(_ name: String, _ argument: String) -> String {
        """
        for d in /usr/share/heartbeat /usr/lib/heartbeat /usr/lib64/heartbeat; do
          [ -x "$d/\(name)" ] && exec "$d/\(name)" \(argument)
        done
        echo "\(name) is not installed (looked in /usr/share/heartbeat, /usr/lib/heartbeat)"; exit 127
        """
    }

    /// What `service heartbeat stop` runs: the init script, else `heartbeat -k` as it would.
    static let stopScript = """
        [ -x /etc/init.d/heartbeat ] && exec /etc/init.d/heartbeat stop
        for d in /usr/libexec/heartbeat /usr/lib/heartbeat /usr/lib64/heartbeat; do
          [ -x "$d/heartbeat" ] && exec "$d/heartbeat" -k
        done
        echo "heartbeat is not installed"; exit 127
        """
}
