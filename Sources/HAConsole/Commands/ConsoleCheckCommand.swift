import ArgumentParser

/// `haconsole check`: the cluster as a monitoring plugin reports it, for Nagios, Icinga, Naemon
/// or anything that runs plugins: one line, and the state as the exit status.
struct ConsoleCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the cluster as a monitoring plugin: one line, exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.",
        discussion: """
            Reads what 'haconsole status' reads (the daemon's snapshot, this node's DRBD state, \
            the end of ha-log) and judges it by the alerts the screen shows: any critical alert \
            is CRITICAL (split brain, a dead node, a failed resource), any warning WARNING (a \
            dead link among several, a late heartbeat, DRBD StandAlone), notices and no alert OK. \
            With no daemon to answer the state is UNKNOWN: the check cannot tell.

            It prints exactly one line, the worst alert first, then performance data:
              HACLUSTER OK - alpha holds 2/2 groups, 2 links up | link_age_ms=80ms;250;500;0 \
            deadtime_margin_ms=420ms;250:;;0;500 links_up=2;;;0;2 drbd_out_of_sync_kib=0KB;;;0

            link_age_ms: the oldest last-heard age of a link to a live peer (warn at warntime, \
            critical at deadtime). deadtime_margin_ms: how long before the stalest live peer \
            would be declared dead. links_up: links to peers that are up, of all. \
            drbd_out_of_sync_kib: the most data out of sync on any DRBD resource (absent \
            without DRBD). A value is U when it cannot be known (no live peer).

            Example (Nagios/Icinga command): haconsole check --socket /run/hadaemon/hadaemon.sock
            """
    )

    @OptionGroup var sources: SourceOptions

    func run() throws {
        let report = StatusReport.gather(sources: sources, logLines: 0)
        let check = report.check
        print(check.line)
        if check.state != .ok { throw ExitCode(check.state.rawValue) }
    }
}
