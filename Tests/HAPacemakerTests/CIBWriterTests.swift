import HAPacemaker
import Testing

/// The CIB, crmsh, pcs and corosync texts of a configuration.
@Suite struct CIBWriterTests {
    static var configuration: PacemakerConfiguration {
        var configuration = PacemakerConfiguration(
            clusterName: "linux-ha", nodes: ["alpha", "bravo"], tokenMilliseconds: 2000, keepaliveMilliseconds: 200)
        configuration.properties = [NameValue("stonith-enabled", "false")]
        configuration.resourceDefaults = [NameValue("resource-stickiness", "0")]
        let mail = PacemakerPrimitive(
            id: "mailto-ops", standard: "ocf", provider: "heartbeat", type: "MailTo",
            parameters: [NameValue("email", "ops@example.org"), NameValue("subject", "a \"b\" <c> & d's")],
            operations: [PacemakerOperation(name: "monitor", intervalSeconds: 30, timeoutSeconds: 60)])
        configuration.resources = [.group(id: "group-mailto-ops", members: [mail])]
        configuration.constraints = [.location(id: "prefer-group-mailto-ops-alpha", resource: "group-mailto-ops", node: "alpha", score: "100")]
        return configuration
    }

    @Test("attribute values are escaped in the CIB; the nodes carry corosync's IDs")
    func escaping() {
        let document = CIBWriter.document(Self.configuration)
        #expect(document.contains(#"value="a &quot;b&quot; &lt;c&gt; &amp; d's""#))
        #expect(document.contains(#"<node id="1" uname="alpha"/>"#) && document.contains(#"<node id="2" uname="bravo"/>"#))
        #expect(document.hasPrefix(#"<cib validate-with="pacemaker-3.9""#))
    }

    @Test("crmsh quotes a value with spaces; pcs quotes it for the shell")
    func commandTexts() {
        #expect(CRMShellWriter.text(Self.configuration).contains(#"subject="a \"b\" <c> & d's""#))
        #expect(PCSWriter.script(Self.configuration).contains(#"'subject=a "b" <c> & d'\''s'"#))
        #expect(PCSWriter.script(Self.configuration).contains("constraint location group-mailto-ops prefers alpha=100"))
    }

    @Test("corosync.conf has the nodes with the CIB's IDs, deadtime as token, and two-node quorum")
    func corosync() {
        let text = CorosyncWriter.text(Self.configuration)
        #expect(text.contains("    token: 2000\n") && text.contains("    two_node: 1\n"))
        #expect(text.contains("        name: bravo\n        nodeid: 2\n"))
    }
}
