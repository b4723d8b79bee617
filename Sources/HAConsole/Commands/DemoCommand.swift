import ArgumentParser
import Glibc
import HAHost

/// `haconsole demo`: a real two-node cluster on loopback with the console on it.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Start two hadaemon nodes on loopback and open the console on them (everything is stopped on exit).",
        discussion: """
            alpha (127.0.0.2) and bravo (127.0.0.3) run a 'demo-service' resource group homed on \
            alpha, with 100 ms keepalives and 500 ms deadtime. Each node has a DRBD status file \
            that follows the service (Primary where it runs), so the DRBD panel moves too. \
            Press p and pick 'failover' to walk the SOP; the console can act on both nodes, and \
            S starts a stopped node again (the SOP's rejoin step does it too). The audit trail of \
            an SOP run is kept after exit (the exit message names it). Needs no root and sends \
            nothing beyond 127.0.0.0/8.
            """
    )

    @OptionGroup var display: DisplayOptions
    @Option(help: "UDP port for the demo's heartbeats.") var port = 17694
    @Flag(name: .customLong("no-screen"), help: "Start the cluster, print where everything is, and wait for Ctrl-C (for scripts).") var noScreen =
        false

    func run() throws {
        let cluster = try DemoCluster(port: port)
        defer { cluster.stop() }
        let sources = cluster.nodes.map {
            ConsoleApp.NodeSources(socket: $0.socket, log: $0.log, drbd: .drbdsetup($0.drbdsetup))
        }
        if noScreen {
            print("demo cluster in \(cluster.directory)")
            for node in cluster.nodes { print("  \(node.name): socket \(node.socket) log \(node.log) drbd \(node.drbdFile) pid \(node.pid)") }
            fflush(nil)  // a script reads this through a pipe while we wait: do not leave it buffered
            var mask = sigset_t()
            sigemptyset(&mask)
            sigaddset(&mask, SIGINT)
            sigaddset(&mask, SIGTERM)
            sigprocmask(SIG_BLOCK, &mask, nil)
            var received: Int32 = 0
            sigwait(&mask, &received)
            return
        }
        let audit = display.audit == DefaultPaths.auditTrail ? cluster.directory + "/audit.jsonl" : display.audit
        let app = ConsoleApp(
            sources: sources, options: display.renderOptions, sopDirectory: display.procedures, auditPath: audit, launcher: cluster)
        app.dryRun = display.dryRun
        do {
            try app.run()
        } catch let error as CursesTerminal.Unusable {
            printError("haconsole: \(error)")
            throw ExitCode(2)
        }
        cluster.stop()  // before the message: it says what is left
        if access(audit, F_OK) == 0 {
            print("demo stopped; the audit trail of this run is kept in \(audit) (haconsole sop timeline --audit \(audit))")
        } else {
            print("demo stopped; no SOP was run, so there is no audit trail")
        }
    }
}
