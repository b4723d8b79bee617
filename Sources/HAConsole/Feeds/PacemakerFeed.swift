import Glibc
import HAHost
import HAPacemaker
import HAProtocol

/// A node of a Pacemaker + Corosync cluster, read without hadaemon: once a second the
/// ``PacemakerProbe`` script runs there (`sh -c` on this host, or behind a `via` prefix such as
/// `ssh root@bravo`), printing `crm_mon --output-as=xml`, the constraints and the node's DRBD
/// state; Pacemaker's log is followed; the console's actions become Pacemaker's own commands
/// (`crm_standby`, `pacemakerd --shutdown` with `corosync-cfgtool -H`, `stonith_admin
/// --confirm`). Nothing runs on the poll loop's thread for longer than a non-blocking read.
final class PacemakerFeed: ClusterFeed {
    /// Where Pacemaker 2.1 logs on Debian (`PCMK_logfile`).
    static let defaultLog = "/var/log/pacemaker/pacemaker.log"
    static let interval: Int64 = 1000
    static let probeTimeout: Int64 = 10_000
    static let commandTimeout: Int64 = 60_000
    /// crm_mon's XML of a large cluster is tens of kB; this bounds what one probe may hold.
    static let outputLimit = 8 << 20

    let via: [String]
    let prefix: CommandPrefix
    let drbdCommand: String?
    let logPath: String
    let initialLogLines: Int

    private(set) var connection: FeedConnection = .connecting
    private var reportedConnection: FeedConnection?
    private(set) var reading: PacemakerProbe.Reading?
    private var probe: SpawnedCommand?
    private var lastProbe: Int64?
    private let actions = FeedActions()
    private var nodeLog: NodeLog?
    private var logStarted = false

    init(via: [String], drbdCommand: String?, log: String?, initialLogLines: Int) {
        self.via = via
        prefix = CommandPrefix(via)
        self.drbdCommand = drbdCommand
        logPath = log ?? Self.defaultLog
        self.initialLogLines = initialLogLines
    }

    var origin: String { via.isEmpty ? "crm_mon on this host" : "crm_mon via \(via.joined(separator: " "))" }

    var watchedDescriptors: [Int32] {
        [probe?.fd, nodeLog?.fd].compactMap { $0 }.filter { $0 >= 0 } + actions.descriptors
    }

    /// Starts a probe when none runs and the last began an interval ago.
    func ensureProbe(now: MonotonicTime) {
        guard probe == nil, lastProbe.map({ now.milliseconds - $0 >= Self.interval }) ?? true else { return }
        lastProbe = now.milliseconds
        probe = SpawnedCommand(
            prefix.command(["sh", "-c", PacemakerProbe.script(drbdCommand: drbdCommand)]), deadline: now.milliseconds + Self.probeTimeout,
            limit: Self.outputLimit)
    }

    /// The snapshot of a probe that just finished, if it could be read.
    func read() -> ClusterSnapshot? {
        let now = SystemClock.milliseconds()
        actions.collect()
        guard let probe, let outcome = probe.poll(now: now) else { return nil }
        self.probe = nil
        let reading = PacemakerProbe.parse(probe.output)
        switch outcome {
        case .notStarted(let why):
            connection = .unreachable("cannot run \(via.first ?? "sh"): \(why)")
            return nil
        case .timedOut:
            connection = .unreachable("\(origin): no answer in \(Self.probeTimeout / 1000) s")
            return nil
        case .signalled(let signal):
            connection = .unreachable("\(origin): killed by signal \(signal)")
            return nil
        case .exited: break
        }
        if probe.outputTruncated {
            connection = .unreachable("\(origin): more than \(Self.outputLimit >> 20) MiB of output")
            return nil
        }
        self.reading = reading
        do {
            let snapshot = try reading.snapshot(takenAt: SystemClock.wallMilliseconds())
            connection = .connected
            startLog()
            return snapshot
        } catch {
            connection = .unreachable("\(reading.host.isEmpty ? origin : reading.host): \(error.description)")
            return nil
        }
    }

    /// One probe, waited for (bounded by the probe's timeout): for `haconsole status`.
    func probeOnce() -> (snapshot: ClusterSnapshot?, problem: String?) {
        ensureProbe(now: SystemClock.now())
        while probe != nil {
            var poller = pollfd(fd: probe?.fd ?? -1, events: Int16(POLLIN), revents: 0)
            _ = Glibc.poll(&poller, 1, 50)
            if let snapshot = read() { return (snapshot, nil) }
        }
        if case .unreachable(let why) = connection { return (nil, why) }
        return (nil, "no answer")
    }

    /// The node's DRBD state from the last probe, with where it came from.
    var drbd: (status: DRBDStatus, source: String)? {
        guard let reading, let text = reading.drbdText, let source = reading.drbdSource else { return nil }
        return DRBDReading.probed(text: text, source: source)
    }

    func poll(now: MonotonicTime) -> [FeedInput] {
        ensureProbe(now: now)
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
        let lines = pollLog()
        if !lines.isEmpty || logStarted && !logReported {
            logReported = true
            inputs.append(.log(path: logPath, lines: lines))
        }
        return inputs
    }

    private var logReported = false

    /// Once the node answers: Pacemaker's log here, or `tail -F` behind `via`.
    private func startLog() {
        guard !logStarted else { return }
        logStarted = true
        nodeLog = NodeLog(path: logPath, prefix: prefix, here: via.isEmpty, lastLines: initialLogLines)
    }

    private func pollLog() -> [String] { nodeLog?.poll() ?? [] }

    // MARK: - Actions

    /// Runs the Pacemaker command for `request` on the node; the answer arrives when it exits.
    func send(_ request: ControlRequest) {
        let id = request.id
        let (script, what): (String, String)
        switch request.op {
        case .standby:
            guard (request.resources ?? .all) == .all else {
                actions.answer(id, .failure(id: id, ControlError(.badRequest, "Pacemaker puts a whole node in standby: only 'all' applies")))
                return
            }
            (script, what) = ("crm_standby --node \"$(uname -n)\" --update on", "crm_standby --update on")
        case .shutdown:
            // pacemakerd stops this node's resources and returns once it is down; then corosync.
            (script, what) = (Self.stopScript, "pacemakerd --shutdown; corosync-cfgtool -H")
        case .confirmFence:
            let node = CommandPrefix.shellQuoted(request.node ?? "")
            (script, what) = ("stonith_admin --confirm \(node)", "stonith_admin --confirm \(request.node ?? "")")
        case .unstandby:
            (script, what) = ("crm_standby --node \"$(uname -n)\" --update off", "crm_standby --update off")
        case .move:
            guard let group = request.resource, !group.isEmpty else {
                actions.answer(id, .failure(id: id, ControlError(.badRequest, "move needs the group to move")))
                return
            }
            (script, what) = (Self.moveScript(group: group), "crm_resource --move --resource \(group), then --clear")
        case .takeover:
            actions.answer(
                id,
                .failure(
                    id: id,
                    ControlError(
                        .badRequest, "Pacemaker has no takeover: put the holder in standby (the pacemaker-failover SOP does it and brings it back)")))
            return
        case .status, .subscribe:
            actions.answer(id, ControlResponse(id: id, snapshot: nil))
            return
        case .outdatePeer:
            actions.answer(id, .failure(id: id, ControlError(.badRequest, "outdate-peer is not a console action")))
            return
        }
        actions.start(id, script: script, prefix: prefix, what: what, timeout: Self.commandTimeout)
    }

    /// Moves `group` here, waits (bounded) until it runs here, and clears the move constraint
    /// whatever happened, so that no `cli-prefer-…` is left behind (what `pcs resource move`
    /// users trip over most). Once cleared, the group stays only if its stickiness outweighs its
    /// other preferences.
    static func moveScript(group: String) -> String {
        // The group's name reaches the shell once, quoted; every later use is "$g". The wait is
        // bounded well inside the action's own timeout, so the clear always runs before a kill.
        """
        PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH
        g=\(CommandPrefix.shellQuoted(group)); me=$(uname -n)
        here() { crm_resource --locate --resource "$g" 2>/dev/null | grep -q "is running on: $me\\$"; }
        if here; then
          crm_resource --clear --resource "$g" >/dev/null 2>&1
          echo "$g already runs on $me; nothing to move"; exit 0
        fi
        crm_resource --move --resource "$g" --node "$me" || exit $?
        i=0; placed=1
        while [ $i -lt \(moveWaitTenths) ]; do
          if here; then placed=0; break; fi
          sleep 0.1; i=$((i+1))
        done
        crm_resource --clear --resource "$g"; cleared=$?
        [ $cleared = 0 ] || { echo "crm_resource --clear failed: the move constraint on $g is left; clear it by hand"; exit 1; }
        [ $placed = 0 ] || { echo "$g did not start on $me within \(moveWaitTenths / 10) s; the move constraint was cleared"; exit 1; }
        echo "$g runs on $me; the move constraint was cleared"
        """
    }

    /// How long the move waits for the group, in tenths of a second: 45 s, inside the 60 s
    /// ``commandTimeout`` with room for the calls around it (a killed script clears nothing).
    static let moveWaitTenths = 450

    /// Stops Pacemaker on this node and waits (bounded) for it, then corosync.
    static let stopScript = """
        PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH
        pacemakerd --shutdown || exit $?
        i=0; while pidof pacemakerd >/dev/null 2>&1 && [ $i -lt 500 ]; do sleep 0.1; i=$((i+1)); done
        pidof pacemakerd >/dev/null 2>&1 && { echo "pacemakerd still runs after 50 s"; exit 1; }
        corosync-cfgtool -H
        """
}
