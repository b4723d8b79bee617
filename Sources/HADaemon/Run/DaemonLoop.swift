import Glibc
import HADaemonCore
import HAHost
import HAProtocol

/// The daemon's single thread of control: one poll loop owns the core and every socket.
///
/// Datagrams, control requests, signals and finished resource actions become core events in
/// the order they arrive; the loop sleeps until the core's next deadline (rounded up to the
/// millisecond), so death is declared at deadtime, not at the next polling tick.
final class DaemonLoop {
    /// Changed only by ``handle(_:)``: the shell reads the core, never writes it.
    private(set) var core: NodeStateMachine
    var settings: DaemonSettings
    let transport: HeartbeatTransport
    let control: ControlServer
    let log: HALogWriter
    let inbox: EventInbox
    let signals: Int32
    let executor: GroupExecutor
    /// Runs the resets the core asks for; polled every turn while one runs.
    let fencer = FenceRunner()
    /// Runs `drbdadm outdate` for peers' outdate requests; polled every turn while one runs.
    let outdater = OutdateRunner()
    /// The programs of `respawn`/`failfast` lines, started at comm-up (``superviseChildren()``).
    let children = ChildSupervisor()
    /// Present when ha.cf names ping nodes.
    let pinger: ICMPPinger?
    /// Where this node's DRBD state is read, once a second.
    let drbd: DRBDSource
    var drbdReadAt = MonotonicTime(nanoseconds: 0)
    var drbdReading = false
    var authenticator: MessageAuthenticator
    var lastPush = MonotonicTime(nanoseconds: 0)
    var lastPushedSignature: [UInt8] = []
    var load = "n/a"
    var loadReadAt = MonotonicTime(nanoseconds: 0)
    var exitCode: Int32?
    /// With `--exit-with-parent`: the parent's pid; when it changes the parent is gone.
    var parent: pid_t?
    /// ha.cf's `watchdog`, armed: ticked by each status of our own this loop sends.
    var watchdog: Watchdog?
    /// systemd's `Type=notify` and `WatchdogSec=` (nil unless started by systemd).
    var notifier: SystemdNotifier?
    /// When startup-only pages are handed back (nil with `--keep-startup-pages`).
    var pageRelease: PageReleaseSchedule? = PageReleaseSchedule()

    init(
        settings: DaemonSettings, core: NodeStateMachine, transport: HeartbeatTransport, control: ControlServer, log: HALogWriter,
        executor: GroupExecutor, inbox: EventInbox, signals: Int32, pinger: ICMPPinger?,
        drbd: DRBDSource = .none
    ) {
        self.settings = settings
        self.core = core
        self.transport = transport
        self.control = control
        self.log = log
        self.executor = executor
        self.inbox = inbox
        self.signals = signals
        self.pinger = pinger
        self.drbd = drbd
        authenticator = settings.authenticator
    }

    /// Runs until a clean stop has released everything; returns the process exit code.
    func run() -> Int32 {
        noteActivity()
        handle(.tick)
        while exitCode == nil {
            var fds = [pollfd(fd: signals, events: Int16(POLLIN), revents: 0), pollfd(fd: inbox.readEnd, events: Int16(POLLIN), revents: 0)]
            fds += transport.sockets.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
            let pingIndex = fds.count
            if let pinger { fds.append(pollfd(fd: pinger.fd, events: Int16(POLLIN), revents: 0)) }
            fds += children.pollDescriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let controlStart = fds.count
            fds += control.pollDescriptors
            // Control requests a turn did not reach are worked on at once, not after the next deadline.
            var wait = control.hasPendingWork ? .zero : max(.zero, core.nextDeadline - SystemClock.now())
            // A running reset is polled, not waited for: look at it every 50 ms.
            if fencer.isBusy || outdater.isBusy { wait = min(wait, .milliseconds(50)) }
            wait = pageReleaseAwareWait(childAwareWait(wait))
            notifier?.tick(now: SystemClock.now())
            if let tick = notifier?.untilNextTick(now: SystemClock.now()) { wait = min(wait, tick) }
            // Round up: waking a fraction of a millisecond late is fine, waking early spins.
            let timeout = Int32(min(Int64(Int32.max), (wait.nanoseconds + 999_999) / 1_000_000))
            let ready = poll(&fds, nfds_t(fds.count), timeout)
            if ready > 0 {
                if fds[0].revents != 0 { readSignals() }
                if fds[1].revents != 0 {
                    for event in inbox.drain() {
                        if case .localDRBD = event {} else { noteActivity() }
                        handle(event)
                    }
                }
                for (index, _) in transport.sockets.enumerated() where fds[2 + index].revents != 0 {
                    transport.receive(from: index) { bytes, interface, source in received(bytes, interface: interface, source: source) }
                }
                if let pinger, fds[pingIndex].revents != 0 {
                    for address in pinger.replies() { handle(.pingReply(address: address)) }
                }
            }
            serveControl(fds[controlStart...])
            if fencer.isBusy { for event in fencer.finished() { handle(event) } }
            if outdater.isBusy { for event in outdater.finished() { handle(event) } }
            superviseChildren()
            if SystemClock.now() >= core.nextDeadline {
                // After a stall (a slow reload, a slow disk) datagrams may be waiting: read them
                // first, or a peer that kept beating is declared dead on stale knowledge and the
                // two nodes each see the other "return after a partition".
                receiveWaitingDatagrams()
                handle(.tick)
            }
            refreshDRBD()
            if let parent, getppid() != parent {
                self.parent = nil
                log.daemon(.info, "The process that started hadaemon exited: clean stop")
                notifier?.stopping()
                handle(.command(.shutdown))
            }
            pushSubscriptions()
            releasePagesIfDue()
        }
        pushSubscriptions(force: true)
        return exitCode ?? 0
    }

    func receiveWaitingDatagrams() {
        for index in transport.sockets.indices {
            transport.receive(from: index) { bytes, interface, source in received(bytes, interface: interface, source: source) }
        }
    }

    /// The running ha.cf, as the core last accepted it.
    var cf: HACF { core.config.cluster.haCF }

    /// Applies one event to the core and carries out its effects; returns the core's answer to a
    /// control request, which the caller sends back to its client.
    @discardableResult
    func handle(_ event: NodeEvent) -> ControlResponse? {
        if case .localDRBD = event { drbdReading = false }
        let effects = core.handle(event, at: SystemClock.now())
        var answer: ControlResponse?
        for effect in effects {
            switch effect {
            case .send(let message, let seq): send(message, seq: seq)
            case .runGroup(let key, let action):
                noteActivity()
                executor.run(key, action)
            case .ping(let addresses): pinger?.ping(addresses)
            case .fence(let node, let device):
                noteActivity()
                fencer.start(node: node, device: device)
            case .outdate(let resource, let requester): outdater.start(resource: resource, requester: requester)
            case .confirmFence(let node): fencer.confirm(node: node)
            case .cancelFence(let node): fencer.cancel(node: node)
            case .log(let level, let text): log.daemon(level, text)
            case .answer(let response): answer = response
            case .rekey(let keys):
                guard let key = keys.signingKey else { continue }
                authenticator = MessageAuthenticator(outbound: key, accepting: Array(keys.keys.values))
                settings.authenticator = authenticator
            case .reopenLogs(let logfile, let debugfile):
                log.reopen(logfile: logfile, debugfile: debugfile)
                log.useSyslog(facility: core.config.cluster.haCF.logfacility)
            case .exit: finishShutdown()
            }
        }
        return answer
    }

    /// Reads the local DRBD state at most once a second, off the loop thread (drbdsetup may be slow).
    func refreshDRBD() {
        guard drbd.isReadable, !drbdReading, SystemClock.now() - drbdReadAt >= .seconds(1) else { return }
        drbdReadAt = SystemClock.now()
        drbdReading = true
        let source = drbd
        let inbox = inbox
        Task.detached { inbox.post(.localDRBD(source.read().status?.summary)) }
    }

    func send(_ message: HAMessage, seq: UInt64?) {
        // Heartbeat ticks when its own status comes back from the media; hadaemon does not read
        // its own packets, so the tick is the status sent: the loop and its keepalive timer run.
        if message.type == "status" { watchdog?.tick() }
        let now = SystemClock.now()
        if now - loadReadAt > .seconds(1) {
            load = LoadAverage.read()
            loadReadAt = now
        }
        let destination = message.dest.flatMap { core.uuid(of: $0) }
        let header = SenderHeader(
            node: settings.node, uuid: settings.uuid, seq: seq ?? 0, generation: settings.generation, timestamp: SystemClock.wallSeconds(),
            load: load, ttl: 1 + cf.nodes.count, destinationUUID: destination)
        do {
            let bytes = try authenticator.sealNetstring(header.stamped(message), embedClassicAuth: cf.msgfmt == .classic)
            transport.send(bytes)
        } catch {
            log.daemon(.error, "cannot encode a \(message.type ?? "?") message: \(error)")
        }
    }

    func received(_ bytes: [UInt8], interface: String, source: String) {
        do {
            let message = try authenticator.open(bytes)
            handle(.received(message, link: interface))
        } catch {
            handle(.undecodable(error, source: source, link: interface))
        }
    }

    func readSignals() {
        var buffer = [UInt8](repeating: 0, count: 16)
        while true {
            let count = read(signals, &buffer, buffer.count)
            if count <= 0 { return }
            for number in buffer[0..<count] {
                switch Int32(number) {
                case SIGHUP: reload()
                default:
                    log.daemon(.info, "Received signal \(number): clean stop")
                    notifier?.stopping()
                    handle(.command(.shutdown))
                }
            }
        }
    }
}

/// The first line of /proc/loadavg, as Heartbeat's `ld` field carries it.
enum LoadAverage {
    static func read() -> String {
        let fd = open("/proc/loadavg", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return "n/a" }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 128)
        let count = Glibc.read(fd, &buffer, buffer.count)
        guard count > 0 else { return "n/a" }
        return String(decoding: buffer[0..<count].prefix { $0 != 0x0A }, as: UTF8.self)
    }
}
