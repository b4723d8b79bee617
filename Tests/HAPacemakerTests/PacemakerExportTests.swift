import HAPacemaker
import HAProtocol
import Testing

/// The mapping from ha.cf and haresources to Pacemaker values, in memory.
@Suite struct PacemakerExportTests {
    static let pair = """
        keepalive 200ms
        deadtime 2
        initdead 10
        ucast hb0 192.0.2.1
        ucast hb0 192.0.2.2
        node alpha bravo
        """

    func export(_ haResources: String, scripts: Set<String> = []) -> PacemakerExport.Result {
        export(Self.pair, haResources, scripts: scripts)
    }

    func export(_ haCF: String, _ haResources: String, scripts: Set<String> = []) -> PacemakerExport.Result {
        let parsed = ClusterConfig.parse(haCF: haCF, authKeys: "auth 1\n1 sha1 secret\n", haResources: haResources)
        return PacemakerExport.export(
            parsed.value, files: ClusterConfig.Files(), host: PacemakerExport.Host(isHeartbeatScript: { scripts.contains($0) }))
    }

    func group(_ result: PacemakerExport.Result, _ index: Int = 0) -> (id: String, members: [PacemakerPrimitive])? {
        let groups = result.configuration.resources.compactMap { resource -> (String, [PacemakerPrimitive])? in
            if case .group(let id, let members) = resource { return (id, members) }
            return nil
        }
        return index < groups.count ? groups[index] : nil
    }

    @Test("a haresources line is a group in the same order, preferring its node; IPaddr becomes IPaddr2 with its label")
    func addressGroup() throws {
        let result = export("alpha IPaddr::192.0.2.100/24/hb0:vip hbdummy\n")
        let exported = try #require(group(result))
        #expect(exported.members.map(\.agent) == ["ocf:heartbeat:IPaddr2", "lsb:hbdummy"])
        #expect(
            exported.members[0].parameters == [
                NameValue("ip", "192.0.2.100"), NameValue("cidr_netmask", "24"), NameValue("nic", "hb0"), NameValue("iflabel", "vip"),
            ])
        #expect(
            result.configuration.constraints == [.location(id: "prefer-\(exported.id)-alpha", resource: exported.id, node: "alpha", score: "100")])
        #expect(result.configuration.tokenMilliseconds == 2000)
        #expect(result.configuration.properties.contains(NameValue("dc-deadtime", "10s")))
    }

    @Test("drbddisk is a promotable clone the group is colocated with and ordered after, not a member")
    func drbdDisk() throws {
        let result = export("bravo drbddisk::r0 Filesystem::/dev/drbd0::/srv::ext4 192.0.2.101\n")
        let exported = try #require(group(result))
        #expect(exported.members.map(\.type) == ["Filesystem", "IPaddr2"])
        #expect(exported.members[0].parameters == [NameValue("device", "/dev/drbd0"), NameValue("directory", "/srv"), NameValue("fstype", "ext4")])
        guard case .promotable(let clone, let drbd, let meta) = result.configuration.resources.first else {
            Issue.record("no promotable clone first: \(result.configuration.resources)")
            return
        }
        #expect(drbd.agent == "ocf:linbit:drbd" && drbd.parameters == [NameValue("drbd_resource", "r0")])
        #expect(meta.contains(NameValue("promoted-max", "1")) && meta.contains(NameValue("promotable", "true")))
        #expect(
            result.configuration.constraints.contains(
                .colocation(id: "\(exported.id)-with-\(clone)", resource: exported.id, with: clone, withRole: "Promoted", score: "INFINITY")))
        #expect(
            result.configuration.constraints.contains(
                .order(id: "\(clone)-before-\(exported.id)", first: clone, firstAction: "promote", then: exported.id, thenAction: "start")))
        #expect(!result.notes.contains { $0.file == "haresources" })
    }

    @Test("a drbddisk after other resources, or without a name, is named with the line")
    func drbdNotes() {
        let late = export("alpha 192.0.2.100 drbddisk::r0\n")
        #expect(late.notes.contains { $0.line == 1 && $0.kind == .changed && $0.message.contains("after the DRBD disk is promoted") })
        let all = export("alpha drbddisk 192.0.2.100\n")
        #expect(all.notes.contains { $0.description.hasPrefix("haresources:1: not exported: drbddisk:") })
    }

    @Test("auto_failback off keeps a group where it runs; on and legacy let it go home", arguments: [("off", "200"), ("on", "0"), ("legacy", "0")])
    func stickiness(mode: String, expected: String) {
        let result = export(Self.pair + "\nauto_failback \(mode)\n", "alpha 192.0.2.100\n")
        #expect(result.configuration.resourceDefaults == [NameValue("resource-stickiness", expected)])
        #expect(result.notes.contains { $0.message.hasPrefix("auto_failback legacy") } == (mode == "legacy"))
    }

    @Test("a script with arguments has no Pacemaker class: left out and named; a resource.d script is an lsb: with a note")
    func scripts() throws {
        let result = export("alpha 192.0.2.100 myscript::one::two hbdummy\n", scripts: ["hbdummy"])
        #expect(try #require(group(result)).members.map(\.id) == ["ip-192.0.2.100", "svc-hbdummy"])
        #expect(result.notes.contains { $0.description.hasPrefix("haresources:1: not exported: myscript::one::two: Pacemaker has no class") })
        #expect(result.notes.contains { $0.kind == .changed && $0.message.hasPrefix("hbdummy is a resource.d script") })
    }

    @Test("resource.d wrappers map to their agents with named parameters; a wrong argument count is named")
    func wrappers() throws {
        let result = export("alpha MailTo::ops@example.org::failover portblock::tcp::80 Delay::5::2\n")
        let members = try #require(group(result)).members
        #expect(members.map(\.agent) == ["ocf:heartbeat:MailTo", "ocf:heartbeat:Delay"])
        #expect(members[0].parameters == [NameValue("email", "ops@example.org"), NameValue("subject", "failover")])
        #expect(result.notes.contains { $0.message.hasPrefix("portblock::tcp::80: portblock takes 3–3 arguments") })
    }

    @Test("STONITH lines become stonith: resources with the plugin's parameter names; what cannot be named is a note")
    func fencing() throws {
        let haCF =
            Self.pair + """

                stonith_host alpha external/ipmi bravo 198.51.100.2 admin secret lanplus
                stonith_host bravo external/ipmi alpha 198.51.100.1 admin
                stonith external/rackpdu /etc/ha.d/pdu.cfg
                """
        let result = export(haCF, "alpha 192.0.2.100\n")
        guard case .primitive(let fence) = result.configuration.resources.last else {
            Issue.record("no stonith primitive: \(result.configuration.resources)")
            return
        }
        #expect(fence.agent == "stonith:external/ipmi" && fence.id == "fence-external-ipmi-alpha")
        #expect(fence.parameters.map(\.name) == ["hostname", "ipaddr", "userid", "passwd", "interface"])
        #expect(
            result.configuration.constraints.contains(
                .location(id: "ban-fence-external-ipmi-alpha-bravo", resource: fence.id, node: "bravo", score: "-INFINITY")))
        #expect(result.configuration.properties.first == NameValue("stonith-enabled", "true"))
        #expect(result.notes.contains { $0.line == 8 && $0.message.contains("takes 5 parameters") })
        #expect(result.notes.contains { $0.line == 9 && $0.message.contains("reads its parameters from /etc/ha.d/pdu.cfg") })
    }

    @Test("no STONITH line: stonith-enabled=false and a note that says so")
    func unfenced() {
        let result = export("alpha 192.0.2.100\n")
        #expect(result.configuration.properties.first == NameValue("stonith-enabled", "false"))
        #expect(result.notes.contains { $0.message.hasPrefix("no STONITH device exported") })
    }

    @Test("ping nodes with ipfail are a ping clone and a rule on every group; without ipfail they are only a note")
    func connectivity() throws {
        let withIPFail = export(
            Self.pair + "\nping 198.51.100.254\nrespawn hacluster /usr/lib/heartbeat/ipfail\n", "alpha 192.0.2.100\nbravo 192.0.2.101\n")
        let rules = withIPFail.configuration.constraints.filter { if case .locationRule = $0 { true } else { false } }
        #expect(rules.count == 2)
        #expect(
            withIPFail.configuration.resources.contains { if case .clone(_, let ping, _) = $0 { ping.agent == "ocf:pacemaker:ping" } else { false } })
        #expect(!withIPFail.notes.contains { $0.message.contains("ipfail:") || $0.message.hasPrefix("respawn hacluster /usr/lib/heartbeat/ipfail") })
        let without = export(Self.pair + "\nping 198.51.100.254\nrespawn nobody /usr/bin/monitor\n", "alpha 192.0.2.100\n")
        #expect(without.notes.contains { $0.message.hasPrefix("ping nodes without ipfail") })
        #expect(without.notes.contains { $0.kind == .notExported && $0.message.hasPrefix("respawn nobody /usr/bin/monitor") })
    }

    @Test("IDs are valid XML IDs and unique, whatever the names")
    func identifiers() throws {
        let result = export("alpha 192.0.2.100 svc svc\nbravo 192.0.2.100\n")
        let ids = result.configuration.resources.flatMap { resource -> [String] in
            if case .group(let id, let members) = resource { return [id] + members.map(\.id) }
            return [resource.id]
        }
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.first.map { $0.isLetter || $0 == "_" } == true })
    }
}
