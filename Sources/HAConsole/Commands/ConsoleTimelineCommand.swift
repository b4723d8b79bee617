import ArgumentParser
import Glibc
import HAHost
import HAProtocol

/// `haconsole timeline`: every node's ha-log and the SOP audit trail merged into one history,
/// with each failover as a bar of its phases against deadtime.
struct ConsoleTimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Merge the nodes' ha-logs and the SOP audit trail into one history, with each failover's phases.",
        discussion: """
            Reads ha-log files (Heartbeat 3.0.6's layout, which hadaemon also writes), one per \
            node, and lists in time order what matters on call: nodes dead, active or \
            restarted, links up and dead, late heartbeats, resources taken over and released, \
            STONITH, split brains detected and healed, and SOP steps with the operator's name. \
            Then each failover as one bar split into its phases, against deadtime:

              alpha→bravo  detect 500 ms* ▕██▏  takeover 1000 ms ▕████▏  total 1500 ms

            The phases follow each other. detect: the peer's last heartbeat to 'node NODE: \
            is dead'; ha-log has no last-heard time, so from it detect is drawn as deadtime (marked *), \
            when Heartbeat declares a node dead. fence: to 'node NODE now reset.'. release: \
            to the old holder's 'All HA resources relinquished.', when it was alive to log \
            it. takeover: to 'mach_down takeover complete.', when the service is up. A clean \
            stop ('Received shutdown notice from NODE') has no detect phase and is marked \
            'clean stop'.

            ha-log prints whole seconds, so from ha-log alone every time and duration is good \
            to one second; events of the same second keep the order of the --log options. \
            hadaemon also keeps a timeline journal, timeline.log in its state directory \
            (\(DefaultPaths.stateDirectory)), with the same lines to the millisecond and the \
            time of the last heartbeat before a node is declared dead: give it with --journal \
            and that node's phases are timed to the millisecond (detect from the real last \
            heartbeat, not marked *). Its lines replace the ha-log's for the seconds both \
            cover; timeline.log.1, the older half, is read too when it is there.

            DRBD tells its own story in the kernel log: give a node's (syslog's kern.log, or \
            'journalctl -k -o short' saved to a file) with --kernel-log and its DRBD state \
            changes (conn, role, disk) and 'Split-Brain detected' lines are merged in, in \
            DRBD's own words. Lines with no syslog time stamp (plain dmesg) are skipped.

            Copy the other node's files over (scp) and give both:
              haconsole timeline --log alpha=/tmp/alpha.ha-log --log bravo=/var/log/ha-log
              haconsole timeline --journal alpha=/tmp/alpha.timeline.log \\
                  --journal bravo=/var/lib/hadaemon/timeline.log
              haconsole timeline --log /var/log/ha-log --kernel-log /var/log/kern.log
              haconsole timeline --since 2h --json
            """
    )

    @Option(
        name: .customLong("log"),
        help: ArgumentHelp(
            "A node's ha-log as NODE=PATH (repeat for each node); PATH alone is this node's. Default: this node's \(DefaultPaths.haLog).",
            valueName: "node=path"))
    var logs: [String] = []

    @Option(
        name: .customLong("journal"),
        help: ArgumentHelp(
            "A hadaemon node's timeline journal as NODE=PATH (repeat for each node), for millisecond times; PATH alone is this node's. Default, with no --log: this node's \(DefaultPaths.stateDirectory)/timeline.log when readable.",
            valueName: "node=path"))
    var journals: [String] = []

    @Option(
        name: .customLong("kernel-log"),
        help: ArgumentHelp(
            "A node's kernel log as NODE=PATH (repeat for each node; PATH alone is this node's), e.g. /var/log/kern.log: its DRBD role, connection and disk changes and split brains are merged in.",
            valueName: "node=path"))
    var kernelLogs: [String] = []

    @Option(help: "The SOP audit trail (JSON lines) to merge, for steps and operators; none when not given.")
    var audit: String?

    @Option(
        help: ArgumentHelp(
            "Only events from then on: 30m, 2h, 1d ago, or 2026-11-22T03:04:51Z (UTC), or '2026-11-22 03:04:51' (local).",
            valueName: "time"))
    var since: String?

    @Option(name: .customLong("ha-cf"), help: "ha.cf to read deadtime from (default: \(DefaultPaths.configDirectory)/ha.cf when readable).")
    var haCF: String?

    @Option(help: ArgumentHelp("Deadtime in ms when no ha.cf is read (Heartbeat's default: 30000).", valueName: "ms"))
    var deadtime: Int?

    @Flag(help: "One JSON document: events, failovers with phases, split brains.") var json = false
    @Flag(help: "ASCII only (the default when the locale is not UTF-8).") var ascii = false
    @Flag(help: "Unicode bars even when the locale is not UTF-8.") var unicode = false

    func validate() throws {
        if let deadtime, !(1...86_400_000).contains(deadtime) {
            throw ValidationError("--deadtime \(deadtime): must be 1 ms to 1 day")
        }
    }

    func run() throws {
        let clock = Self.localClock()
        var sources: [(node: String, text: String)] = []
        for spec in logs.isEmpty && !journals.isEmpty ? [] : logs.isEmpty ? [DefaultPaths.haLog] : logs {
            let (node, path) = Self.split(spec)
            sources.append((node, try Self.read(path, what: "--log")))
        }
        let journalTexts = try readJournals()
        let kernelTexts = try kernelLogs.map { spec in
            let (node, path) = Self.split(spec)
            return (node: node, text: try Self.read(path, what: "--kernel-log"))
        }
        let auditText = try audit.map { try Self.read($0, what: "--audit") }
        let sinceTime = try since.map { text -> Int64 in
            guard let time = Self.sinceTime(text, clock: clock) else {
                throw ValidationError("--since '\(text)': give 30m, 2h, 1d, 2026-11-22T03:04:51Z or '2026-11-22 03:04:51'")
            }
            return time
        }
        let timeline = Timeline(
            logs: sources, journals: journalTexts, kernelLogs: kernelTexts, audit: auditText, clock: clock, deadtime: Int64(try resolvedDeadtime()),
            since: sinceTime)
        if json {
            print(TimelineJSON(timeline, clock: clock).text)
        } else {
            let text = TimelineText(timeline: timeline, clock: clock, ascii: useASCII)
            print(text.lines.joined(separator: "\n"))
        }
    }

    private var useASCII: Bool {
        if ascii { return true }
        if unicode { return false }
        setlocale(LC_ALL, "")
        return !Glyphs.isUnicode(codeset: nl_langinfo(nl_item(CODESET)).map { String(cString: $0) } ?? "")
    }

    /// ha.cf's deadtime (given, or the standard file when readable), else `--deadtime`, else 30 s.
    private func resolvedDeadtime() throws -> Int {
        let path = haCF ?? (deadtime == nil ? DefaultPaths.configDirectory + "/ha.cf" : nil)
        guard let path, haCF != nil || access(path, R_OK) == 0 else { return deadtime ?? 30_000 }
        let parsed = HACFParser.parse(try Self.read(path, what: "--ha-cf"), file: path)
        // Only deadtime matters here: a file the daemon would refuse for its media still says it.
        let problem = parsed.diagnostics.first { $0.severity == .error && $0.message.contains("deadtime") }
        if let problem { throw TimelineFileError(description: "\(problem)") }
        return parsed.value.deadtime
    }
}
