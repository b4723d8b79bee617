import Foundation
import HAHost
import Testing

/// A CIB file walked through Pacemaker's own scheduler (`crm_simulate`, pacemaker-cli-utils):
/// nodes come up and go down, every action succeeds, and `crm_mon` reads where each resource
/// ended up. DRBD's agent sets a promotion score on a live node; here every node running a
/// `drbd` primitive gets an equal one, as two UpToDate disks do.
struct PacemakerSimulation {
    let directory: String
    private(set) var current: String
    /// The node attributes the simulated agents set on every online node, each step.
    let nodeAttributes: [(name: String, value: String)]
    private var steps = 0

    init(cib: String, in directory: String) throws {
        self.directory = directory
        current = directory + "/sim-0.xml"
        try cib.write(toFile: current)
        let drbd = cib.matches(of: /<primitive id="([^"]+)" class="ocf" provider="linbit" type="drbd"/).map {
            (name: "master-\($0.1)", value: "1000")
        }
        let ping = cib.contains(#"provider="pacemaker" type="ping""#) ? [(name: "pingd", value: "1000")] : []
        nodeAttributes = drbd + ping
    }

    /// The Pacemaker command-line tool `name`, or a failure naming the package: a test that
    /// needs it never skips itself (scripts/setup installs pacemaker-cli-utils).
    static func tool(_ name: String) throws -> String {
        let path = "/usr/sbin/" + name
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw TestFailure("\(path) is missing: install pacemaker-cli-utils (scripts/setup does)")
        }
        return path
    }

    static func runTool(_ name: String, _ arguments: [String], cibFile: String? = nil) throws -> CommandResult {
        var environment = ProcessInfo.processInfo.environment
        if let cibFile { environment["CIB_file"] = cibFile }
        let launch = ProcessLaunch([try tool(name)] + arguments, environment: environment, standardError: .capture)
        let command = SpawnedCommand.run(launch, timeout: .seconds(60), limit: 16 << 20)
        guard case .exited(let code)? = command.outcome else {
            throw TestFailure("\(name) \(arguments.joined(separator: " ")) did not finish: \(String(describing: command.outcome))")
        }
        return CommandResult(
            status: code, stdout: String(decoding: command.output, as: UTF8.self), stderr: String(decoding: command.errorOutput, as: UTF8.self))
    }

    /// Runs the scheduler `transitions` times (probes, then starts, then promotions and what
    /// follows them), bringing `up` nodes online and `down` nodes offline in the first; the
    /// cluster has quorum throughout, as corosync's `two_node` gives a pair.
    mutating func run(up: [String] = [], down: [String] = [], transitions: Int = 3) throws {
        for transition in 0..<transitions {
            steps += 1
            let next = directory + "/sim-\(steps).xml"
            var arguments = ["--xml-file", current, "--simulate", "--quorum", "1", "--save-output", next]
            if transition == 0 {
                arguments += up.flatMap { ["--node-up", $0] } + down.flatMap { ["--node-down", $0] }
            }
            let result = try Self.runTool("crm_simulate", arguments)
            guard result.status == 0 else { throw TestFailure("crm_simulate failed (\(result.status)): \(result.stderr)") }
            current = next
            for node in try onlineNodes() {
                for attribute in nodeAttributes {
                    let set = try Self.runTool(
                        "crm_attribute", ["--node", node, "--name", attribute.name, "--update", attribute.value, "--lifetime", "reboot"],
                        cibFile: current)
                    guard set.status == 0 else { throw TestFailure("crm_attribute failed: \(set.stderr)") }
                }
            }
        }
    }

    /// The current CIB after the nodes `up` have joined, no action taken yet: the state a new
    /// cluster's first scheduler run sees.
    mutating func join(_ up: [String]) throws -> String {
        steps += 1
        let next = directory + "/sim-\(steps).xml"
        let result = try Self.runTool(
            "crm_simulate", ["--xml-file", current, "--quorum", "1", "--save-output", next] + up.flatMap { ["--node-up", $0] })
        guard result.status == 0 else { throw TestFailure("crm_simulate failed (\(result.status)): \(result.stderr)") }
        current = next
        return next
    }

    /// `crm_mon`'s view of the current CIB.
    func status() throws -> String {
        let result = try Self.runTool("crm_mon", ["--one-shot", "--output-as=xml", "--inactive"], cibFile: current)
        guard result.status == 0 else { throw TestFailure("crm_mon failed (\(result.status)): \(result.stderr)") }
        return result.stdout
    }

    func onlineNodes() throws -> [String] {
        try status().matches(of: /<node name="([^"]+)" id="[^"]*" online="true"/).map { String($0.1) }
    }

    /// Where each resource runs: a Started primitive, or the Promoted instance of a clone.
    func placement() throws -> [String: String] {
        var result: [String: String] = [:]
        let pattern = /<resource id="([^"]+)"[^>]* role="(Started|Promoted)"[^>]*>\s*<node name="([^"]+)"/
        for match in try status().matches(of: pattern) { result[String(match.1)] = String(match.3) }
        return result
    }
}
