import HAProtocol

/// Before a starting daemon sends its first packet (and in `hadaemon cleanup`, when the unit's
/// daemon has died and is not restarted): removes every `IPaddr`/`IPaddr2` address of
/// `haresources` that this host still carries from an earlier run.
///
/// A daemon holds nothing by agreement when it starts, so any such address on an interface is
/// stale: left by a crash, a SIGKILL or a stop that never ran. Kept, it stays on two nodes for as
/// long as the peer holds the group (with `auto_failback off`, for good), while both snapshots
/// name the peer alone. Heartbeat 3.0.6 runs nothing at start (its init script's
/// `ResourceManager verifyallidle` only warns, spec §3.5); hadaemon releases the addresses and
/// logs each one. The groups' other scripts are dealt with next (``StaleResourceStop``).
///
/// Every group counts, whichever node it is homed on: a node may have held the peer's groups.
struct StaleAddressRelease: Sendable {
    var ip: IPCommand

    /// The ha-log line (a WARN) for one stale address: the same at start and in `hadaemon cleanup`.
    static func logMessage(_ stale: InterfaceAddress) -> String {
        "releasing stale address \(stale.address)/\(stale.prefixLength) on \(stale.label) left from an earlier run"
    }

    /// Each present address of an address resource of `groups`, once per interface that has it.
    static func stale(in groups: [ResourceGroup], among present: [InterfaceAddress]) -> [InterfaceAddress] {
        let service = Set(groups.flatMap(\.resources).filter(\.isBuiltInAddress).compactMap(\.address?.address))
        return present.filter { service.contains($0.address) }
    }

    /// Lists the host's addresses, removes the stale ones, and returns what it removed; `removing`
    /// is called before each removal (to log it).
    ///
    /// - Throws: ``IPCommand/Failure`` when `ip` cannot list the addresses, or one stays after
    ///   its removal failed.
    func release(_ groups: [ResourceGroup], removing: (InterfaceAddress) -> Void) async throws(IPCommand.Failure) -> [InterfaceAddress] {
        guard groups.contains(where: { $0.resources.contains(where: \.isBuiltInAddress) }) else { return [] }
        let stale = Self.stale(in: groups, among: try await ip.addresses())
        for address in stale {
            removing(address)
            do {
                _ = try await ip.check(["addr", "del", "\(address.address)/\(address.prefixLength)", "dev", address.interface])
            } catch {
                // Gone meanwhile is as good as removed.
                if try await ip.addresses().contains(where: { $0.address == address.address && $0.interface == address.interface }) {
                    throw error
                }
            }
        }
        return stale
    }

    /// ``release(_:removing:)`` for the daemon's own thread before its loop starts: blocks until
    /// done (bounded by the `ip` timeout of ``ProcessGroupRunner``).
    func releaseBlocking(_ groups: [ResourceGroup], removing: @escaping @Sendable (InterfaceAddress) -> Void) throws(IPCommand.Failure)
        -> [InterfaceAddress]
    {
        let outcome = BlockingTask.run { () async -> Result<[InterfaceAddress], IPCommand.Failure> in
            do throws(IPCommand.Failure) {
                return .success(try await release(groups, removing: removing))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }
}
