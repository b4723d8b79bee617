/// Writes the `corosync.conf` of the new cluster: the nodes with the ha.cf names and IDs the
/// CIB uses, knet, Heartbeat's deadtime as the token timeout, and two-node quorum for a pair.
public enum CorosyncWriter {
    public static func text(_ configuration: PacemakerConfiguration) -> String {
        var lines = [
            "# Built by hadaemon config export pacemaker. Set each node's ring0_addr to its address",
            "# on the link the heartbeat used, and create /etc/corosync/authkey (corosync-keygen).",
            "totem {", "    version: 2", "    cluster_name: \(configuration.clusterName)", "    transport: knet",
            "    # Heartbeat's deadtime; its keepalive was \(configuration.keepaliveMilliseconds) ms.",
            "    token: \(configuration.tokenMilliseconds)", "    crypto_cipher: aes256", "    crypto_hash: sha256", "}", "",
            "nodelist {",
        ]
        for (index, node) in configuration.nodes.enumerated() {
            lines += ["    node {", "        name: \(node)", "        nodeid: \(index + 1)", "        ring0_addr: \(node)", "    }"]
        }
        lines += ["}", "", "quorum {", "    provider: corosync_votequorum"]
        if configuration.nodes.count == 2 { lines.append("    two_node: 1") }
        lines += ["}", "", "logging {", "    to_syslog: yes", "    to_logfile: yes", "    logfile: /var/log/corosync/corosync.log", "}"]
        return lines.joined(separator: "\n") + "\n"
    }
}
