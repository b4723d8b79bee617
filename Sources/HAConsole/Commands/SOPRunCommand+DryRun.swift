import ArgumentParser
import HAProtocol

/// The roles of a dry run given by hand: `--primary`, `--secondary`, `--choose`.
struct SOPDryRunRoles: ParsableArguments {
    @Option(help: "With --dry-run: the node that holds the group (instead of asking the daemon).") var primary: String?
    @Option(help: "With --dry-run: the other node.") var secondary: String?
    @Option(help: "With --dry-run: the node a procedure's 'choose:' asks for (drbd-split-brain's survivor, manual-fence's dead node).")
    var choose: String?

    var given: Bool { primary != nil || secondary != nil || choose != nil }

    /// The roles `procedure` uses, from these options; a message naming the missing option when one is.
    func roles(for procedure: Procedure, localNode: String) -> Result<SOPRoles, SOPStartProblem> {
        // Without a daemon the group's key is unknown for `group: first`: say which group it is.
        var roles = SOPRoles(nodes: ["local": localNode], groupKey: "the first group in haresources")
        if case .key(let key) = procedure.group { roles.groupKey = key }
        roles.nodes["primary"] = primary
        roles.nodes["secondary"] = secondary
        if let choice = procedure.choice {
            guard let choose else { return .failure(SOPStartProblem("\(procedure.name) asks for the \(choice.role): give --choose NODE")) }
            roles.nodes[choice.role] = choose
            if let other = choice.otherRole {
                let others = [primary, secondary].compactMap { $0 }.filter { $0 != choose }
                guard let node = others.first else {
                    return .failure(SOPStartProblem("the \(other) is the node not chosen: give --primary and --secondary (one of them \(choose))"))
                }
                roles.nodes[other] = node
            }
        }
        let missing = procedure.usedRoles.filter { roles.nodes[$0] == nil }.sorted()
        guard missing.isEmpty else {
            return .failure(
                SOPStartProblem(
                    "\(procedure.name) uses \(missing.joined(separator: ", ")): give " + missing.map { "--\($0) NODE" }.joined(separator: " ")))
        }
        return .success(roles)
    }
}

extension SOPRunCommand {
    /// Prints the dry run of the procedure at `path`; exit 1 when its roles cannot be resolved.
    func printDryRun(_ path: String) throws {
        let text: String
        do {
            text = try SOPFiles.read(path)
        } catch {
            printError("haconsole: cannot read \(path): \(error)")
            throw ExitCode(1)
        }
        guard let procedure = ProcedureParser.parse(text, file: path).procedure else { throw ExitCode(1) }
        let resolved: Result<SOPRoles, SOPStartProblem>
        let source: String
        if roles.primary != nil || roles.secondary != nil {
            resolved = roles.roles(for: procedure, localNode: SOPOperatorIdentity.currentHost())
            source = "given with --primary/--secondary"
        } else {
            let report = StatusReport.gather(sources: sources, logLines: 0)
            guard let snapshot = report.snapshot else {
                let why = report.daemon.error.map { ": \($0)" } ?? ""
                printError(
                    "haconsole: no cluster state from \(report.daemon.socket)\(why); give --primary NODE and --secondary NODE to see the dry run with those nodes"
                )
                throw ExitCode(1)
            }
            resolved = SOPRoles.resolve(procedure, snapshot: snapshot, chosen: roles.choose)
            source = "resolved against the live cluster from \(snapshot.localNode)"
        }
        switch resolved {
        case .success(let roles):
            SOPDryRun.lines(procedure, roles: roles, source: source).forEach { print($0) }
        case .failure(let problem):
            printError("haconsole: cannot resolve the roles of \(procedure.name): \(problem)")
            throw ExitCode(1)
        }
    }
}
