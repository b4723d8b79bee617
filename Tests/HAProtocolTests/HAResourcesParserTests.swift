import Testing

@testable import HAProtocol

@Suite struct HAResourcesParserTests {
    func parse(_ text: String) -> Parsed<HAResources> { HAResourcesParser.parse(text, file: "haresources") }

    @Test("a group line: preferred node, then resources left to right with typed IPaddr2 arguments")
    func group() throws {
        let result = parse("alpha IPaddr2::192.0.2.100/24/hb0 hbdummy\n")
        #expect(result.diagnostics.isEmpty)
        let group = try #require(result.value.groups.first)
        #expect(group.node == "alpha" && group.key == "IPaddr2::192.0.2.100/24/hb0")
        #expect(group.resources.map(\.script) == ["IPaddr2", "hbdummy"])
        #expect(group.resources[0].address == IPAddressArgument(address: IPv4Address("192.0.2.100")!, prefixLength: 24, interface: "hb0"))
    }

    @Test("a bare address is IPaddr shorthand; Script::a::b passes arguments")
    func shorthand() {
        let result = parse("Cookbook 10.0.2.100 drbddisk::r0 Filesystem::/dev/drbd0::/data::ext4\n")
        let resources = result.value.groups[0].resources
        #expect(result.value.groups[0].node == "cookbook")
        #expect(resources[0].script == "IPaddr" && resources[0].arguments == ["10.0.2.100"])
        #expect(resources[1].arguments == ["r0"])
        #expect(resources[2].arguments == ["/dev/drbd0", "/data", "ext4"])
    }

    @Test("IPaddr arguments: netmask, nic with label, broadcast in third or fourth place")
    func addressArguments() {
        #expect(
            try! IPAddressArgument.parse("10.0.2.100/24/eth0:1").get()
                == IPAddressArgument(address: IPv4Address("10.0.2.100")!, prefixLength: 24, interface: "eth0", label: "1"))
        #expect(try! IPAddressArgument.parse("135.9.8.7/24/eth0/135.9.8.210").get().broadcast == IPv4Address("135.9.8.210"))
        #expect(try! IPAddressArgument.parse("135.9.8.7/24/135.9.8.255").get().interface == nil)
    }

    @Test("backslash continuation joins lines; tokens keep their physical line")
    func continuation() {
        let result = parse("router1 \\\n  10.0.0.5 \\\n  ldirectord\nrouter2 10.0.0.6\n")
        #expect(result.value.groups.count == 2)
        #expect(result.value.groups[0].resources.map(\.line) == [2, 3])
        #expect(result.value.groups[1].line == 4)
    }

    @Test("a comment on a continuation line is an error (Heartbeat would read it as resources)")
    func continuationComment() {
        let result = parse("node1 10.0.0.1/24/eth0 \\\n   httpd  # web\n")
        #expect(
            result.diagnostics.map(\.description) == [
                "haresources:2: error: comment on a continuation line: Heartbeat reads '# web' as resource names; put the comment on a line of its own"
            ])
    }

    @Test(
        "bad resources name the line and the text",
        arguments: [
            (
                "r1 \\\nIPaddr2:xx.xx.xx.xx/24 net0\n",
                "haresources:2: error: resource 'IPaddr2:xx.xx.xx.xx/24' has a single ':'; script arguments are separated by '::' (IPaddr2::xx.xx.xx.xx/24)"
            ),
            ("a IPaddr2::xx.xx.xx.xx/24\n", "haresources:1: error: IPaddr2: 'xx.xx.xx.xx' is not an IPv4 address"),
            ("a IPaddr::10.0.0.1/40\n", "haresources:1: error: IPaddr: netmask '40' of '10.0.0.1/40' is not a prefix length 0-32"),
            (
                "a 10.0.0.1 b\nb 10.0.0.1\n",
                "haresources:2: error: group key '10.0.0.1' is already used on line 1; each line's first resource must be unique"
            ),
            ("lonely\n", "haresources:1: error: group for node 'lonely' lists no resources"),
        ])
    func badResources(text: String, expected: String) {
        #expect(parse(text).diagnostics.map(\.description).contains(expected), "\(parse(text).diagnostics)")
    }
}
