import Glibc
import HAProtocol
import Testing

@testable import HADaemon

/// The built-in IPaddr/IPaddr2: parsing and placement without a network, then the real thing in a
/// fresh network namespace (needs root, as in CI: the tests fail, not skip, without it).
@Suite(.serialized) struct IPAddressResourceTests {
    static func resource(_ argument: String, script: String = "IPaddr2") throws -> ResourceSpec {
        ResourceSpec(
            text: "\(script)::\(argument)", script: script, arguments: [argument], address: try IPAddressArgument.parse(argument).get(), line: 1)
    }

    static func runner(in namespace: ResourceTestNamespace) -> ResourceScriptRunner {
        ResourceScriptRunner(timeout: .seconds(10), netns: namespace.name)
    }

    static func vip(_ text: String) -> IPv4Address { IPv4Address(text)! }

    // MARK: - Without a network

    @Test("ip -o -4 addr show lines give interface, address, prefix and label")
    func parsesAddresses() {
        let output = """
            1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever
            3: veth0    inet 192.0.2.1/24 scope global veth0\\       valid_lft forever preferred_lft forever
            3: veth0    inet 192.0.2.10/24 brd 192.0.2.255 scope global secondary veth0:vip\\       valid_lft forever preferred_lft forever
            """
        #expect(
            InterfaceAddress.parse(ipAddressOutput: output) == [
                InterfaceAddress(interface: "lo", address: Self.vip("127.0.0.1"), prefixLength: 8),
                InterfaceAddress(interface: "veth0", address: Self.vip("192.0.2.1"), prefixLength: 24),
                InterfaceAddress(interface: "veth0", address: Self.vip("192.0.2.10"), prefixLength: 24, label: "veth0:vip"),
            ])
    }

    @Test("ip -o link show gives the index and MAC, and only for an Ethernet link")
    func parsesLink() throws {
        let veth =
            "3: veth0@veth1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000\\"
            + "    link/ether a6:e4:49:5f:5c:52 brd ff:ff:ff:ff:ff:ff"
        let link = try #require(NetworkLink(ipLinkLine: veth))
        #expect(link.index == 3)
        #expect(link.name == "veth0")
        #expect(link.hardwareAddress == [0xA6, 0xE4, 0x49, 0x5F, 0x5C, 0x52])
        #expect(NetworkLink(ipLinkLine: "1: lo: <LOOPBACK> mtu 65536 state DOWN\\    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00") == nil)
    }

    @Test(
        "missing interface or prefix is taken from the address whose network holds the VIP",
        arguments: [
            ("192.0.2.50", "veth0", 24),
            ("192.0.2.50/28", "veth0", 28),
            ("198.51.100.7", "eth1", 25),
            ("192.0.2.50/24/eth9", "eth9", 24),
        ])
    func placement(argument: String, interface: String, prefix: Int) throws {
        let existing = [
            InterfaceAddress(interface: "veth0", address: Self.vip("192.0.2.1"), prefixLength: 24),
            InterfaceAddress(interface: "eth1", address: Self.vip("198.51.100.1"), prefixLength: 16),
            InterfaceAddress(interface: "eth1", address: Self.vip("198.51.100.2"), prefixLength: 25),
        ]
        let chosen = try IPAddressPlacement.choose(for: try IPAddressArgument.parse(argument).get(), among: existing)
        #expect(chosen.interface == interface)
        #expect(chosen.prefixLength == prefix)
    }

    @Test("no network holding the VIP is an error naming the address, and a named interface restricts the search")
    func placementFailure() throws {
        let existing = [
            InterfaceAddress(interface: "veth0", address: Self.vip("192.0.2.1"), prefixLength: 24),
            InterfaceAddress(interface: "eth1", address: Self.vip("198.51.100.1"), prefixLength: 24),
        ]
        let outside = #expect(throws: IPAddressPlacement.Failure.self) {
            try IPAddressPlacement.choose(for: IPAddressArgument(address: Self.vip("203.0.113.9")), among: existing)
        }
        #expect(outside?.description.contains("203.0.113.9") == true)
        let elsewhere = #expect(throws: IPAddressPlacement.Failure.self) {
            try IPAddressPlacement.choose(for: IPAddressArgument(address: Self.vip("192.0.2.9"), interface: "eth1"), among: existing)
        }
        #expect(elsewhere?.description.contains("192.0.2.9 on eth1") == false)
        #expect(elsewhere?.description.contains("on eth1 has a network containing 192.0.2.9") == true)
    }

    @Test("ip addr add gets label and broadcast when the argument has them")
    func addArguments() throws {
        let placement = try IPAddressPlacement.choose(for: try IPAddressArgument.parse("192.0.2.60/24/veth0:vip/192.0.2.255").get(), among: [])
        #expect(placement.addArguments == ["addr", "add", "192.0.2.60/24", "dev", "veth0", "label", "veth0:vip", "brd", "192.0.2.255"])
    }

    @Test("a gratuitous ARP is a broadcast request with sender IP = target IP, padded to 60 bytes")
    func frameLayout() {
        let mac: [UInt8] = [0x02, 0, 0, 0, 0, 0x01]
        let frame = GratuitousARP(address: Self.vip("192.0.2.10"), hardwareAddress: mac).frame
        #expect(frame.count == 60)
        #expect(Array(frame[0..<14]) == GratuitousARP.broadcast + mac + [0x08, 0x06])
        #expect(Array(frame[20..<22]) == [0, 1])
        #expect(Array(frame[28..<32]) == [192, 0, 2, 10])
        #expect(Array(frame[38..<42]) == [192, 0, 2, 10])
        #expect(GratuitousARP(frame: frame) == GratuitousARP(address: Self.vip("192.0.2.10"), hardwareAddress: mac))
    }

    @Test("without an ip command the action could not start")
    func missingIPCommand() async throws {
        let runner = ResourceScriptRunner(timeout: .seconds(5), ipCommand: "/nonexistent/ip")
        let outcome = await runner.run(try Self.resource("192.0.2.10/24/veth0"), .status)
        guard case .couldNotStart = outcome.status else {
            Issue.record("expected couldNotStart, got \(outcome.status)")
            return
        }
        #expect(outcome.invocation.isBuiltIn)
    }

    // MARK: - In a network namespace

    @Test("start adds the address, status sees it, stop removes it, and a second stop succeeds")
    func lifecycle() async throws {
        try #require(getuid() == 0, "network namespaces need root")
        let namespace = try await ResourceTestNamespace.create()
        defer { namespace.remove() }
        let runner = Self.runner(in: namespace)
        let vip = try Self.resource("192.0.2.10/24/veth0")

        let start = await runner.run(vip, .start)
        let startedAddresses = try await namespace.addresses()
        let status = await runner.run(vip, .status)
        let owned = await runner.isRunning(vip)
        let stop = await runner.run(vip, .stop)
        let stoppedAddresses = try await namespace.addresses()
        let secondStop = await runner.run(vip, .stop)
        let stoppedStatus = await runner.run(vip, .status)
        let ownedAfterStop = await runner.isRunning(vip)

        #expect(start.succeeded, "\(start)")
        #expect(start.stdout == "INFO:  Success\n")
        #expect(startedAddresses.contains(InterfaceAddress(interface: "veth0", address: Self.vip("192.0.2.10"), prefixLength: 24)))
        #expect(status.stdout == "INFO:  Running OK\n")
        #expect(owned)
        #expect(stop.succeeded, "\(stop)")
        #expect(!stoppedAddresses.contains { $0.address == Self.vip("192.0.2.10") })
        #expect(secondStop.succeeded, "\(secondStop)")
        #expect(stoppedStatus.stdout == "INFO:  Resource is stopped\n")
        #expect(!ownedAfterStop)
        #expect(start.invocation.runningLogLine.description == "info: Running /etc/ha.d/resource.d/IPaddr2 192.0.2.10/24/veth0 start")
    }

    @Test("a second start succeeds without adding the address twice")
    func idempotentStart() async throws {
        try #require(getuid() == 0, "network namespaces need root")
        let namespace = try await ResourceTestNamespace.create()
        defer { namespace.remove() }
        let runner = Self.runner(in: namespace)
        let vip = try Self.resource("192.0.2.11/24/veth0")

        let first = await runner.run(vip, .start)
        let second = await runner.run(vip, .start)
        let addresses = try await namespace.addresses()

        #expect(first.succeeded && second.succeeded, "\(first) \(second)")
        #expect(addresses.filter { $0.address == Self.vip("192.0.2.11") }.count == 1)
    }

    @Test("a bare address is placed on the interface and prefix of the network that holds it")
    func chosenInterface() async throws {
        try #require(getuid() == 0, "network namespaces need root")
        let namespace = try await ResourceTestNamespace.create()
        defer { namespace.remove() }
        let runner = Self.runner(in: namespace)

        let bare = await runner.run(try Self.resource("192.0.2.12", script: "IPaddr"), .start)
        let labelled = await runner.run(try Self.resource("192.0.2.13/24/veth0:vip/192.0.2.255"), .start)
        let addresses = try await namespace.addresses()
        await runner.addresses.announcer.cancelAll()

        #expect(bare.succeeded && labelled.succeeded, "\(bare) \(labelled)")
        #expect(addresses.contains(InterfaceAddress(interface: "veth0", address: Self.vip("192.0.2.12"), prefixLength: 24)))
        #expect(addresses.contains(InterfaceAddress(interface: "veth0", address: Self.vip("192.0.2.13"), prefixLength: 24, label: "veth0:vip")))
        #expect(bare.invocation.commandLine == "/etc/ha.d/resource.d/IPaddr 192.0.2.12 start")
    }

    @Test("an address outside every network fails, naming it, and adds nothing")
    func noNetworkHoldsTheAddress() async throws {
        try #require(getuid() == 0, "network namespaces need root")
        let namespace = try await ResourceTestNamespace.create()
        defer { namespace.remove() }
        let runner = Self.runner(in: namespace)

        let outcome = await runner.run(try Self.resource("203.0.113.9"), .start)
        let addresses = try await namespace.addresses()

        #expect(outcome.status == .exited(6))
        #expect(outcome.stderr.contains("203.0.113.9"))
        #expect(outcome.resultLogLines.map(\.description) == ["ERROR: Return code 6 from /etc/ha.d/resource.d/IPaddr2"])
        #expect(!addresses.contains { $0.address == Self.vip("203.0.113.9") })
    }

    @Test("start returns at once and five gratuitous ARPs follow, 200 ms apart, from the interface's MAC")
    func gratuitousARPs() async throws {
        try #require(getuid() == 0, "network namespaces need root")
        let namespace = try await ResourceTestNamespace.create()
        defer { namespace.remove() }
        let runner = Self.runner(in: namespace)
        let address = Self.vip("192.0.2.14")
        // Opened before the start: frames queue on it until the capture reads them.
        let sniffer = try await PacketSocket(ethernetProtocol: PacketSocket.arpProtocol, netns: namespace.name)
        let mac = try await namespace.hardwareAddress(of: "veth0")

        let start = await runner.run(try Self.resource("192.0.2.14/24/veth0"), .start)
        // The start did not wait for the announcements (timing itself is a benchmark's business).
        let atReturn = await runner.addresses.announcer.report(for: address)
        let captures = await ResourceARPSniffer.capture(sniffer, for: address, during: .milliseconds(1600))
        await runner.addresses.announcer.waitUntilFinished(address)
        let report = await runner.addresses.announcer.report(for: address)

        #expect(start.succeeded, "\(start)")
        #expect(atReturn?.finished != true)
        #expect(report == ARPAnnouncer.Report(sent: 5, failure: nil, finished: true, cancelled: false))
        #expect(captures.count == 5)
        #expect(captures.allSatisfy { $0.arp == GratuitousARP(address: address, hardwareAddress: mac) })
        if let first = captures.first, let last = captures.last {
            #expect(last.at - first.at >= .milliseconds(700))
        }
    }

    @Test("stopping the address cancels the ARPs still to come")
    func stopCancelsARPs() async throws {
        try #require(getuid() == 0, "network namespaces need root")
        let namespace = try await ResourceTestNamespace.create()
        defer { namespace.remove() }
        let runner = Self.runner(in: namespace)
        let address = Self.vip("192.0.2.15")
        let sniffer = try await PacketSocket(ethernetProtocol: PacketSocket.arpProtocol, netns: namespace.name)

        let start = await runner.run(try Self.resource("192.0.2.15/24/veth0"), .start)
        let stop = await runner.run(try Self.resource("192.0.2.15/24/veth0"), .stop)
        let captures = await ResourceARPSniffer.capture(sniffer, for: address, during: .milliseconds(1300))
        let report = try #require(await runner.addresses.announcer.report(for: address))

        #expect(start.succeeded && stop.succeeded, "\(start) \(stop)")
        #expect(report.cancelled && report.finished)
        #expect(report.sent < 5)
        #expect(captures.count == report.sent)
    }
}
