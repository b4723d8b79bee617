extension PacemakerNode {
    /// Starts corosync and Pacemaker on every node, waits (bounded) for the cluster to elect a
    /// DC, then loads `configuration` (a file holding a `<configuration>` section, such as the
    /// export's `configuration.xml`) on the first node with `cibadmin --replace --scope
    /// configuration`; throws with cibadmin's words when the load is refused.
    public static func startCluster(_ nodes: [PacemakerNode], configuration: String) async throws {
        for node in nodes { try node.start() }
        guard let first = nodes.first else { return }
        try await first.waitForDC()
        let arguments = ["cibadmin", "--replace", "--scope", "configuration", "--xml-file", configuration]
        let load = try first.exec(arguments)
        guard load.succeeded else {
            throw HarnessError.commandFailed(arguments: arguments, status: load.status, stdout: load.stdout, stderr: load.stderr)
        }
    }
}
