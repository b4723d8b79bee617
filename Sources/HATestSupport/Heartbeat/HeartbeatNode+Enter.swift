extension HeartbeatNode {
    /// The command prefix that runs a command inside the node (its network, mount and UTS
    /// namespaces), for a program that reaches Heartbeat nodes through a prefix such as
    /// `haconsole --heartbeat-via` (as it would through `ssh root@NODE`).
    public var enterPrefix: [String] {
        [HostCommand.resolve("nsenter"), "-t", String(anchor.pid), "-n", "-m", "-u", "--wd=/", "--"]
    }
}
