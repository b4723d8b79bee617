import Foundation
import Glibc
import HAHost
import HAProtocol
import HATestSupport
import Testing

/// The export of a pair's configuration loaded into a real Pacemaker 2.1.5 + Corosync 3.1
/// cluster in network namespaces, corosync.conf and all: the address comes up on the
/// haresources line's node and moves to the peer when that node is killed (issue 15,
/// "Migration").
@Suite(.serialized)
struct PacemakerExportLoadTests {
    @Test("the exported CIB and corosync.conf run a real Pacemaker pair: the address starts on its haresources node and moves on kill")
    func loadAndFailOver() async throws {
        try PacemakerNode.requireInstalled()
        var spec = ClusterSpec()
        // bravo, not the first node, so that the preference is the export's doing.
        spec.groups = [GroupSpec(node: "bravo", resources: ["IPaddr2::\(NetnsCluster.serviceAddress)/24/\(NetnsCluster.interface)"])]
        spec.deadtime = .seconds(1)
        let cluster = try NetnsCluster(spec)
        defer { cluster.shutdown() }
        let out = cluster.directory + "/pacemaker-export"
        let export = try HostCommand.run(
            [
                try NetnsCluster.builtProduct("hadaemon"), "config", "export", "pacemaker", "--config-dir", try cluster.node("bravo").configDirectory,
                "--output-dir", out,
            ])
        try #require(export.succeeded, "\(export.stderr)")
        // The exported corosync.conf names its nodes; the harness's /etc/hosts resolves them to
        // their hb0 addresses, and the authkey it asks for is made as corosync-keygen would.
        let corosyncConf = try String(contentsOfFile: out + "/corosync.conf", encoding: .utf8)
        #expect(corosyncConf.contains("token: 1000") && corosyncConf.contains("two_node: 1"))
        var authkey = [UInt8](repeating: 0, count: 256)
        for index in authkey.indices { authkey[index] = UInt8.random(in: 0...255) }
        let alpha = try PacemakerNode(cluster: cluster, name: "alpha", corosyncConf: corosyncConf, authkey: authkey)
        defer { alpha.shutdown() }
        let bravo = try PacemakerNode(cluster: cluster, name: "bravo", corosyncConf: corosyncConf, authkey: authkey)
        defer { bravo.shutdown() }
        // The export's own configuration section, loaded as a running cluster takes it.
        try await PacemakerNode.startCluster([alpha, bravo], configuration: out + "/configuration.xml")

        try await cluster.waitUntil("the address on bravo", timeout: .seconds(60)) { try cluster.serviceAddressHolders() == ["bravo"] }
        #expect(try alpha.crmMonXML().contains(#"<node name="bravo" id="2""#))
        let killed = SystemClock.now()
        bravo.kill()
        try await cluster.waitUntil("the address on alpha", timeout: .seconds(30)) { try cluster.serviceAddressHolders().contains("alpha") }
        let moved = SystemClock.now() - killed
        print("PacemakerExportLoadTests: the address moved to alpha \(moved) after bravo's corosync and pacemaker were killed (token 1000 ms)")
        let status = try alpha.crmMonXML()
        #expect(status.contains(#"role="Started""#) && status.contains(#"<node name="alpha" id="1" cached="true"/>"#), "\(status)")
    }
}
