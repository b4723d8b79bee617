import Testing

@testable import HABench

/// When the comparison calls a Pacemaker pair settled, read from `crm_mon --output-as=xml`
/// (the lines of a real 2.1.5 document, trimmed).
@Suite struct PacemakerSettlingTests {
    static func document(
        dc: Bool = true, alphaOnline: Bool = true, role: String = "Started", failed: Bool = false, resources: Bool = true
    ) -> String {
        var lines = [
            #"<pacemaker-result api-version="2.25" request="crm_mon -1 --output-as=xml">"#, "  <summary>",
            #"    <current_dc present="\#(dc)" version="" name="bravo" id="2" with_quorum="true" mixed_version="false"/>"#, "  </summary>",
            "  <nodes>",
            #"    <node name="alpha" id="1" online="\#(alphaOnline)" standby="false" standby_onfail="false" maintenance="false" pending="false" unclean="false" health="green" shutdown="false" expected_up="true" is_dc="false" resources_running="2" type="member"/>"#,
            #"    <node name="bravo" id="2" online="true" standby="false" standby_onfail="false" maintenance="false" pending="false" unclean="false" health="green" shutdown="false" expected_up="true" is_dc="true" resources_running="0" type="member"/>"#,
            "  </nodes>", "  <resources>",
        ]
        if resources {
            lines += [
                #"    <group id="group_1" number_resources="2" managed="true" disabled="false">"#,
                #"      <resource id="ip" resource_agent="ocf:heartbeat:IPaddr2" role="\#(role)" active="true" orphaned="false" blocked="false" managed="true" failed="\#(failed)" failure_ignored="false" nodes_running_on="1">"#,
                #"        <node name="alpha" id="1" cached="true"/>"#, "      </resource>",
                #"      <resource id="hbdummy" resource_agent="lsb:hbdummy" role="Started" active="true" orphaned="false" blocked="false" managed="true" failed="false" failure_ignored="false" nodes_running_on="1">"#,
                #"        <node name="alpha" id="1" cached="true"/>"#, "      </resource>", "    </group>",
            ]
        }
        return (lines + ["  </resources>", "</pacemaker-result>"]).joined(separator: "\n")
    }

    @Test("a DC, both nodes online and every resource started is settled")
    func settled() {
        #expect(PacemakerSettling.isSettled(Self.document(), online: ["alpha", "bravo"]))
    }

    @Test("no DC, a node offline, a resource not started or failed, or none configured is not")
    func notSettled() {
        #expect(!PacemakerSettling.isSettled(Self.document(dc: false), online: ["alpha"]))
        #expect(!PacemakerSettling.isSettled(Self.document(alphaOnline: false), online: ["alpha", "bravo"]))
        // After a kill, the survivor's view is settled for the survivor alone.
        #expect(PacemakerSettling.isSettled(Self.document(alphaOnline: false), online: ["bravo"]))
        #expect(!PacemakerSettling.isSettled(Self.document(role: "Starting"), online: ["alpha"]))
        #expect(!PacemakerSettling.isSettled(Self.document(failed: true), online: ["alpha"]))
        #expect(!PacemakerSettling.isSettled(Self.document(resources: false), online: ["alpha"]))
        #expect(!PacemakerSettling.isSettled("", online: []))
        #expect(!PacemakerSettling.isSettled(Self.document(), online: ["charlie"]))
    }
}
