import Foundation
import Glibc
import HAHost
import HATestSupport
import Testing

/// haconsole on a real Pacemaker 2.1.5 + Corosync 3.1 pair in network namespaces, reached
/// through `--pacemaker-via 'nsenter …'` as it would be through `ssh root@NODE`: its snapshot
/// (`haconsole status --json`) says what `crm_mon --output-as=xml` says, read here with no code
/// of the console's, for a healthy cluster, a standby node, a failed start and a killed node
/// (issue 15, "A Pacemaker feed").
@Suite(.serialized)
struct ConsolePacemakerTests {
    /// A group `web` (the service address on hb0 and a Dummy) that prefers alpha; no fencing.
    static let configuration = """
        <configuration>
          <crm_config><cluster_property_set id="options">
            <nvpair id="options-stonith-enabled" name="stonith-enabled" value="false"/>
          </cluster_property_set></crm_config>
          <nodes><node id="1" uname="alpha"/><node id="2" uname="bravo"/></nodes>
          <resources>
            <group id="web">
              <primitive id="vip" class="ocf" provider="heartbeat" type="IPaddr2">
                <instance_attributes id="vip-ia">
                  <nvpair id="vip-ip" name="ip" value="\(NetnsCluster.serviceAddress)"/>
                  <nvpair id="vip-mask" name="cidr_netmask" value="24"/>
                  <nvpair id="vip-nic" name="nic" value="\(NetnsCluster.interface)"/>
                </instance_attributes>
                <operations><op id="vip-monitor" name="monitor" interval="2s" timeout="20s"/></operations>
              </primitive>
              <primitive id="app" class="ocf" provider="pacemaker" type="Dummy">
                <operations><op id="app-monitor" name="monitor" interval="2s" timeout="20s"/></operations>
              </primitive>
            </group>
          </resources>
          <constraints><rsc_location id="web-prefers-alpha" rsc="web" node="alpha" score="100"/></constraints>
        </configuration>
        """

    /// A primitive whose start fails at once ('not configured': no such interface).
    static let broken = """
        <primitive id="broken" class="ocf" provider="heartbeat" type="IPaddr2">
          <instance_attributes id="broken-ia">
            <nvpair id="broken-ip" name="ip" value="192.0.2.250"/><nvpair id="broken-nic" name="nic" value="nosuchnic"/>
          </instance_attributes>
        </primitive>
        """

    /// crm_mon's XML read with patterns alone: each node's online and standby flags, and where
    /// each resource runs.
    struct CrmMonFacts: Equatable, CustomStringConvertible {
        var online: [String: Bool] = [:]
        var standby: [String: Bool] = [:]
        var running: [String: [String]] = [:]
        var failedResources: Set<String> = []

        init(_ xml: String) {
            let nodesSection =
                xml.range(of: "<nodes>").flatMap { start in xml.range(of: "</nodes>").map { xml[start.upperBound..<$0.lowerBound] } } ?? ""
            for match in nodesSection.matches(of: /<node name="([^"]+)"[^>]* online="(true|false)" standby="(true|false)"/) {
                online[String(match.1)] = match.2 == "true"
                standby[String(match.1)] = match.3 == "true"
            }
            for match in xml.matches(of: /<resource id="([^"]+)"[^>]* role="(Started|Promoted)"[^>]*>\s*<node name="([^"]+)"/) {
                running[String(match.1), default: []].append(String(match.3))
            }
            for match in xml.matches(of: /<failure op_key="([^"]+)_start_0"/) { failedResources.insert(String(match.1)) }
        }

        var description: String { "online \(online), standby \(standby), running \(running), failed \(failedResources)" }
    }

    /// `haconsole status --json` through `node`'s prefix, decoded.
    func consoleStatus(via node: PacemakerNode) throws -> [String: Any] {
        let output = try HostCommand.run(
            [try NetnsCluster.builtProduct("haconsole"), "status", "--json", "--pacemaker-via", node.enterPrefix.joined(separator: " ")],
            timeout: .seconds(30))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any], "\(output)")
        return json
    }

    /// Checks the console's snapshot against crm_mon's own XML, read on the same node.
    func expectAgreement(via node: PacemakerNode, _ when: String) throws -> [String: Any] {
        let facts = CrmMonFacts(try node.crmMonXML())
        let json = try consoleStatus(via: node)
        let snapshot = try #require(json["snapshot"] as? [String: Any], "\(when): no snapshot in \(json)")
        let nodes = try #require(snapshot["nodes"] as? [[String: Any]])
        for (name, online) in facts.online {
            let status = nodes.first { $0["name"] as? String == name }?["status"] as? String
            #expect(status == (online ? "active" : "dead"), "\(when): \(name) is \(status ?? "missing"); crm_mon: \(facts)")
        }
        let groups = try #require(snapshot["groups"] as? [[String: Any]])
        let web = try #require(groups.first { $0["key"] as? String == "web" }, "\(when): no group web in \(groups)")
        let expected = Array(Set(facts.running["vip", default: []] + facts.running["app", default: []])).sorted()
        #expect((web["holders"] as? [String] ?? []).sorted() == expected, "\(when): web held by \(web["holders"] ?? "?"); crm_mon: \(facts)")
        let alerts = json["alerts"] as? [[String: Any]] ?? []
        for (name, standby) in facts.standby where facts.online[name] == true {
            let alerted = alerts.contains { $0["kind"] as? String == "node_standby" && $0["node"] as? String == name }
            #expect(alerted == standby, "\(when): standby of \(name) is \(standby) in crm_mon, alerted \(alerted)")
        }
        for resource in facts.failedResources {
            #expect(alerts.contains { $0["kind"] as? String == "resource_failed" && ($0["message"] as? String)?.hasPrefix(resource + ":") == true })
            let group = groups.first { $0["key"] as? String == resource }
            #expect(group?["state"] as? String == "failed", "\(when): \(resource) is \(group?["state"] ?? "missing")")
        }
        return json
    }

    @Test("the console's snapshot says what crm_mon's XML says: healthy, standby, a failed start, a killed node")
    func snapshotMatchesCrmMon() async throws {
        try PacemakerNode.requireInstalled()
        let cluster = try NetnsCluster(ClusterSpec())
        defer { cluster.shutdown() }
        let alpha = try PacemakerNode(cluster: cluster, name: "alpha")
        defer { alpha.shutdown() }
        let bravo = try PacemakerNode(cluster: cluster, name: "bravo")
        defer { bravo.shutdown() }
        let file = cluster.directory + "/configuration.xml"
        try Self.configuration.write(toFile: file, atomically: true, encoding: .utf8)
        try await PacemakerNode.startCluster([alpha, bravo], configuration: file)
        try await cluster.waitUntil("web on alpha", timeout: .seconds(60)) {
            try cluster.serviceAddressHolders() == ["alpha"] && CrmMonFacts(try alpha.crmMonXML()).running["app"] == ["alpha"]
        }

        let healthy = try expectAgreement(via: bravo, "healthy")
        #expect((healthy["alerts"] as? [Any])?.isEmpty == true, "healthy: \(healthy["alerts"] ?? "")")
        #expect(healthy["statusExitCode"] as? Int == 0)
        #expect((healthy["daemon"] as? [String: Any])?["socket"] as? String == "crm_mon via " + bravo.enterPrefix.joined(separator: " "))

        try #require(try alpha.exec(["crm_standby", "--node", "alpha", "--update", "on"]).succeeded)
        try await cluster.waitUntil("web on bravo", timeout: .seconds(60)) {
            try cluster.serviceAddressHolders() == ["bravo"] && CrmMonFacts(try alpha.crmMonXML()).running["app"] == ["bravo"]
        }
        _ = try expectAgreement(via: alpha, "alpha in standby")
        try #require(try alpha.exec(["crm_standby", "--node", "alpha", "--update", "off"]).succeeded)
        try await cluster.waitUntil("web back on alpha", timeout: .seconds(60)) {
            CrmMonFacts(try alpha.crmMonXML()).running["app"] == ["alpha"]
        }

        let brokenFile = cluster.directory + "/broken.xml"
        try Self.broken.write(toFile: brokenFile, atomically: true, encoding: .utf8)
        try #require(try alpha.exec(["cibadmin", "--create", "--scope", "resources", "--xml-file", brokenFile]).succeeded)
        try await cluster.waitUntil("broken failed", timeout: .seconds(60)) { !CrmMonFacts(try alpha.crmMonXML()).failedResources.isEmpty }
        let failed = try expectAgreement(via: alpha, "failed start")
        #expect(failed["statusExitCode"] as? Int == 2, "a resource that runs nowhere is critical")

        alpha.kill()
        try await cluster.waitUntil("web on bravo after the kill", timeout: .seconds(60)) {
            let facts = CrmMonFacts(try bravo.crmMonXML())
            return facts.online["alpha"] == false && facts.running["app"] == ["bravo"]
        }
        let killed = try expectAgreement(via: bravo, "alpha killed")
        let alerts = killed["alerts"] as? [[String: Any]] ?? []
        #expect(alerts.contains { $0["kind"] as? String == "node_dead" && $0["node"] as? String == "alpha" }, "\(alerts)")
        #expect(killed["statusExitCode"] as? Int == 2)
    }
}
