import ArgumentParser
import CNcursesw
import Glibc
import HAHost

/// `haconsole`: the operator's console.
@main
struct HAConsoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "haconsole",
        abstract: "The operations console for Heartbeat-style high-availability pairs.",
        discussion: """
            With no subcommand, opens the live screen: who holds the resources, whether \
            the nodes hear each other, every DRBD disk on every node, alerts with their \
            evidence, and the ha-log as it happens. Press p for guided procedures (SOPs), \
            ? for help, q to quit. Nodes run hadaemon (read through its socket) or \
            Heartbeat 3.0.6 itself (read through cl_status; actions become hb_standby, \
            hb_takeover and service heartbeat stop), or belong to a Pacemaker + Corosync \
            cluster (read through crm_mon --output-as=xml; actions become crm_standby and \
            pacemakerd --shutdown).

            Examples:
              haconsole                       # the screen, on this node
              haconsole status --json         # one answer, for scripts
              haconsole check                 # a monitoring plugin: one line, exit 0-3
              haconsole sop run failover      # the failover SOP, step by verified step
              haconsole demo                  # a local two-node cluster to try it on
              haconsole --daemon-via 'ssh root@alpha'
                                              # this node's daemon and alpha's, via ssh
              haconsole --heartbeat-via 'ssh root@bravo'
                                              # a Heartbeat node: this one and bravo
              haconsole --pacemaker-via 'ssh root@alpha' --pacemaker-via 'ssh root@bravo'
                                              # a Pacemaker cluster, read on alpha

            How the screen looks (with the screen, sop run and demo alike):
              --ascii       ASCII lines and status marks (+ - x !); chosen by itself
                            when the locale's character set is not UTF-8 (LANG=C, or
                            an LC_CTYPE glibc does not know, like a Mac's UTF-8)
              --unicode     Unicode lines and marks even when the locale is not UTF-8
              --no-color    no colours (also with NO_COLOR, or a terminal without
                            them): bold and reverse video carry the emphasis
              --read-only   hide every action: watch only
              --dry-run     rehearse SOPs: each step shows the action, node and
                            check it would use, Enter walks on; nothing is sent
                            or written to the audit trail ('haconsole sop run
                            NAME --dry-run' prints the whole procedure instead)
            'haconsole screen --help' lists every option.

            Keys: ? or F1 help, R, F5 or Ctrl-L repaint, Tab and Shift-Tab move
            between panels, q or Ctrl-C quit (both ask first during an SOP run).
            """,
        version: "0.1.0 (\(String(cString: curses_version())))",
        subcommands: [
            ScreenCommand.self, ConsoleStatusCommand.self, ConsoleCheckCommand.self, ConsoleTimelineCommand.self, SOPCommand.self, DemoCommand.self,
            BenchRenderCommand.self,
        ],
        defaultSubcommand: ScreenCommand.self
    )

    /// As `check`, a usage error is the plugin state UNKNOWN (3) on one line: a monitoring system
    /// reads the argument parser's 64 as "out of bounds". Everything else runs as parsed.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard arguments.first == ConsoleCheckCommand.configuration.commandName else {
            main(nil)
            return
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            // Help, and the check's own state (an ExitCode), go out as the parser sends them.
            if error is ExitCode || exitCode(for: error) == .success { exit(withError: error) }
            let reason = message(for: error).split(separator: "\n").first.map(String.init) ?? "invalid arguments"
            print("HACLUSTER UNKNOWN - \(String(reason.map { $0 == "|" ? "/" : $0 }))")
            exit(withError: ExitCode(MonitoringCheck.State.unknown.rawValue))
        }
    }
}

/// Display options the screen commands share.
struct DisplayOptions: ParsableArguments {
    @Flag(name: .customLong("no-color"), help: "No colours (also when NO_COLOR is set and not empty): bold and reverse video carry the emphasis.")
    var noColor = false
    @Flag(help: "ASCII line drawing and status marks only (the default when the locale is not UTF-8).") var ascii = false
    @Flag(help: "Unicode line drawing and status marks even when the locale is not UTF-8.") var unicode = false
    @Flag(name: .customLong("read-only"), help: "Hide every action: watch only.") var readOnly = false
    @Flag(
        name: .customLong("dry-run"),
        help: "Rehearse SOPs: each step shows its action, node and verification; nothing is sent or audited.")
    var dryRun = false
    @OptionGroup var sop: SOPDirectoryOption
    @OptionGroup var auditTrail: AuditOption

    func validate() throws {
        if ascii && unicode { throw ValidationError("--ascii and --unicode contradict each other; give one (or neither: the locale decides)") }
    }

    var renderOptions: RenderOptions {
        // NO_COLOR counts when it is set and not empty (no-color.org).
        let noColorEnvironment = getenv("NO_COLOR").map { $0.pointee != 0 } ?? false
        return RenderOptions(
            color: !noColor && !noColorEnvironment, charset: ascii ? .ascii : unicode ? .unicode : .automatic, readOnly: readOnly)
    }

    var procedures: String { sop.procedures }
    var audit: String { auditTrail.audit }
}

/// The live screen (the default subcommand).
struct ScreenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "screen", abstract: "Open the live screen (the default).")

    @OptionGroup var sources: SourceOptions
    @OptionGroup var display: DisplayOptions

    func run() throws {
        let app = ConsoleApp(
            sources: sources.nodeSources,
            options: display.renderOptions, sopDirectory: display.procedures, auditPath: display.audit)
        app.dryRun = display.dryRun
        do {
            try app.run()
        } catch let error as CursesTerminal.Unusable {
            printError("haconsole: \(error)")
            throw ExitCode(2)
        }
    }
}

/// Where the program is (its shipped files: ``DefaultPaths/procedures()``).
enum ProgramPaths {
    /// The directory of the running executable.
    static func executableDirectory() -> String { DefaultPaths.executableDirectory() }
}

func printError(_ line: String) {
    let bytes = Array((line + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}
