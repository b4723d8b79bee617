import HAProtocol

/// Sends gratuitous ARPs for service addresses in the background, one cancellable series per address.
///
/// IPaddr2's start returns once the address is up and its ARPs follow (spec §3.2: 5 at 200 ms);
/// here the series runs in its own task so a group start is not held for a second. Stopping the
/// address (or a new series for it) cancels the old one: an address we no longer hold must not be
/// announced. ``report(for:)`` says how far the last series got, for logs and tests.
actor ARPAnnouncer {
    /// How many ARPs, how far apart.
    struct Policy: Hashable, Sendable {
        var count: Int
        var interval: Duration

        /// IPaddr2's defaults: `arp_count=5`, `arp_interval=200` ms.
        static let ipaddr2 = Policy(count: 5, interval: .milliseconds(200))
        /// IPaddr's defaults: `arp_count=10`, `arp_interval=500` ms.
        static let ipaddr = Policy(count: 10, interval: .milliseconds(500))
    }

    /// What the latest series for an address did.
    struct Report: Hashable, Sendable {
        var sent = 0
        /// Why the series stopped early (socket or send failure), if it did.
        var failure: String?
        /// True when the series ended: all sent, failed, or cancelled.
        var finished = false
        var cancelled = false
    }

    private var series: [IPv4Address: (id: Int, task: Task<Void, Never>)] = [:]
    /// The latest report per address, tagged with the series that owns it.
    private var reports: [IPv4Address: (id: Int, report: Report)] = [:]
    private var nextID = 0

    init() {}

    /// Starts a series of gratuitous ARPs for `address` out of `link`, replacing any running one.
    ///
    /// Returns at once; the first ARP goes out immediately, the rest `policy.interval` apart.
    func announce(_ address: IPv4Address, on link: NetworkLink, netns: String?, policy: Policy) {
        cancel(address)
        nextID += 1
        let id = nextID
        reports[address] = (id, Report())
        let packet = GratuitousARP(address: address, hardwareAddress: link.hardwareAddress)
        series[address] = (id, Task { await self.send(packet, link: link, netns: netns, policy: policy, id: id) })
    }

    /// Stops the running series for `address`, if any.
    func cancel(_ address: IPv4Address) {
        series.removeValue(forKey: address)?.task.cancel()
    }

    /// Stops every running series (daemon shutdown).
    func cancelAll() {
        for entry in series.values { entry.task.cancel() }
        series.removeAll()
    }

    /// Waits until the current series for `address` (if any) has ended.
    func waitUntilFinished(_ address: IPv4Address) async {
        await series[address]?.task.value
    }

    /// How the latest series for `address` went; nil if none was started.
    func report(for address: IPv4Address) -> Report? { reports[address]?.report }

    /// One series: opens the packet socket (in `netns`), sends `policy.count` frames `policy.interval` apart, stops on cancel or error.
    private func send(_ packet: GratuitousARP, link: NetworkLink, netns: String?, policy: Policy, id: Int) async {
        defer { finish(packet.address, id: id) }
        let socket: PacketSocket
        do {
            socket = try await PacketSocket(ethernetProtocol: PacketSocket.arpProtocol, netns: netns)
        } catch {
            return update(packet.address, id: id) { $0.failure = "\(error)" }
        }
        for number in 0..<policy.count {
            if number > 0 {
                do { try await Task.sleep(for: policy.interval) } catch { break }
            }
            guard !Task.isCancelled else { break }
            do {
                try socket.send(
                    packet.frame, interfaceIndex: link.index, destination: GratuitousARP.broadcast, ethernetProtocol: PacketSocket.arpProtocol)
                update(packet.address, id: id) { $0.sent += 1 }
            } catch {
                return update(packet.address, id: id) { $0.failure = "\(error)" }
            }
        }
    }

    /// Changes the report of series `id`; a replaced series' late updates are ignored.
    private func update(_ address: IPv4Address, id: Int, _ change: (inout Report) -> Void) {
        guard var entry = reports[address], entry.id == id else { return }
        change(&entry.report)
        reports[address] = entry
    }

    /// Marks series `id` ended, cancelled when it is no longer the current series for `address`.
    private func finish(_ address: IPv4Address, id: Int) {
        let cancelled = series[address]?.id != id
        update(address, id: id) {
            $0.finished = true
            $0.cancelled = cancelled || $0.cancelled
        }
        if !cancelled { series.removeValue(forKey: address) }
    }
}
