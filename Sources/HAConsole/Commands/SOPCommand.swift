import ArgumentParser
import HAProtocol

/// `haconsole sop …`: check, run and report procedures.
struct SOPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sop", abstract: "Check, run and report guided procedures (SOPs).",
        subcommands: [SOPCheckCommand.self, SOPRunCommand.self, SOPApproveCommand.self, SOPTimelineCommand.self])
}

/// `haconsole sop check [FILE…]`.
struct SOPCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Validate procedure files; every problem as FILE:LINE: error: message, exit 1 on any.")

    @Argument(help: "Procedure files or folders of them (default: every .sop file in the procedures directory).") var files: [String] = []
    @OptionGroup var sop: SOPDirectoryOption

    func run() throws {
        let (output, code) = SOPCheck.run(paths: files, defaultDirectory: sop.procedures)
        output.forEach { print($0) }
        if code != 0 { throw ExitCode(code) }
    }
}

/// `haconsole sop run NAME`: the screen with that procedure started.
struct SOPRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Open the screen and walk a procedure (e.g. failover) step by verified step.",
        discussion: """
            With --dry-run, prints instead every step in order with the roles resolved: where it \
            runs, what the operator reads, the action and its target node, the confirmation, the \
            verification and its timeout, and the commands; nothing is sent and nothing is written \
            to the audit trail. The roles come from the live cluster, or from --primary, \
            --secondary and --choose when no daemon answers (or to see another assignment).

            Examples:
              haconsole sop run failover --dry-run
              haconsole sop run failover --dry-run --primary alpha --secondary bravo
              haconsole sop run drbd-split-brain --dry-run --choose alpha
            """)

    @Argument(
        help:
            "The procedure's name or file (failover, rejoin, heartbeat-split-brain, drbd-split-brain, manual-fence, rolling-migration, pacemaker-failover, migrate-to-pacemaker)."
    ) var name: String
    @OptionGroup var sources: SourceOptions
    @OptionGroup var display: DisplayOptions
    @OptionGroup var roles: SOPDryRunRoles

    func validate() throws {
        if !display.dryRun, roles.given { throw ValidationError("--primary, --secondary and --choose name roles for --dry-run only") }
    }

    func run() throws {
        let path = name.hasSuffix(".sop") ? name : display.procedures + "/\(name).sop"
        let check = SOPCheck.run(paths: [path], defaultDirectory: display.procedures)
        guard check.exitCode == 0 else {
            check.output.forEach { printError($0) }
            throw ExitCode(1)
        }
        if display.dryRun { return try printDryRun(path) }
        let app = ConsoleApp(
            sources: sources.nodeSources,
            options: display.renderOptions, sopDirectory: display.procedures, auditPath: display.audit)
        app.autostart = path
        do {
            try app.run()
        } catch let error as CursesTerminal.Unusable {
            printError("haconsole: \(error)")
            throw ExitCode(2)
        }
    }
}

/// `haconsole sop timeline`: a run from the audit trail as a Markdown incident timeline.
struct SOPTimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline", abstract: "Print an SOP run from the audit trail as a Markdown incident timeline.")

    @OptionGroup var auditTrail: AuditOption
    @Argument(help: "The run id (default: the latest run).") var runID: String?

    func run() throws {
        let audit = auditTrail.audit
        let text: String
        do {
            text = try SOPFiles.read(audit)
        } catch {
            printError("haconsole: cannot read \(audit): \(error)")
            throw ExitCode(1)
        }
        let records = SOPAuditRecord.records(in: text).records
        guard let id = runID ?? SOPTimeline.runIDs(in: records).last, let markdown = SOPTimeline.markdown(records, run: id) else {
            printError("haconsole: no run \(runID ?? "") in \(audit)")
            throw ExitCode(1)
        }
        print(markdown)
    }
}
