import Glibc
import HAProtocol
import Testing

@testable import HADaemon

/// The start-time release of service addresses left from an earlier run.
@Suite(.serialized) struct StaleAddressReleaseTests {
    static func address(_ text: String) -> IPv4Address { IPv4Address(text)! }

    static let groups = HAResourcesParser.parse(
        "alpha IPaddr2::192.0.2.10/24/veth0 hbdummy\nbravo 192.0.2.20 IPaddr::192.0.2.21/24\n", file: "haresources"
    ).value.groups

    @Test("every address resource of every group that is present is stale, once per interface; other addresses are not")
    func selection() {
        let present = [
            InterfaceAddress(interface: "veth0", address: Self.address("192.0.2.1"), prefixLength: 24),
            InterfaceAddress(interface: "veth0", address: Self.address("192.0.2.10"), prefixLength: 24),
            InterfaceAddress(interface: "veth0", address: Self.address("192.0.2.20"), prefixLength: 24, label: "veth0:vip"),
            InterfaceAddress(interface: "eth1", address: Self.address("192.0.2.20"), prefixLength: 32),
            InterfaceAddress(interface: "eth1", address: Self.address("198.51.100.10"), prefixLength: 24),
        ]
        #expect(StaleAddressRelease.stale(in: Self.groups, among: present) == Array(present[1...3]))
    }

    @Test("in a namespace: the stale address is removed, the node's own stays, and a second release finds nothing")
    func release() async throws {
        try #require(getuid() == 0, "network namespaces need root")
        let namespace = try await ResourceTestNamespace.create()
        defer { namespace.remove() }
        let runner = ResourceScriptRunner(timeout: .seconds(10), netns: namespace.name)
        let started = await runner.run(Self.groups[0].resources[0], .start)
        await runner.addresses.announcer.cancelAll()
        #expect(started.succeeded, "\(started)")
        let release = StaleAddressRelease(ip: runner.addresses.ip)
        var logged: [InterfaceAddress] = []
        let removed = try await release.release(Self.groups) { logged.append($0) }
        let after = try await namespace.addresses()
        let again = try await release.release(Self.groups) { _ in }

        #expect(removed == [InterfaceAddress(interface: "veth0", address: Self.address("192.0.2.10"), prefixLength: 24)])
        #expect(logged == removed)
        #expect(!after.contains { $0.address == Self.address("192.0.2.10") })
        #expect(after.contains { $0.address == Self.address("192.0.2.1") })
        #expect(again.isEmpty)
    }

    @Test("without address resources, ip is never run (a node without iproute2 still starts)")
    func noAddresses() async throws {
        let groups = HAResourcesParser.parse("alpha hbdummy\n", file: "haresources").value.groups
        let ip = IPCommand(path: "/nonexistent/ip", netns: nil, runner: ProcessGroupRunner(timeout: .seconds(1)))
        #expect(try await StaleAddressRelease(ip: ip).release(groups) { _ in }.isEmpty)
    }
}
