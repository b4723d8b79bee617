import HAProtocol

/// Where a service address goes: interface, prefix length, label and broadcast for `ip addr add`.
///
/// Missing parts are chosen as IPaddr2's `findif` does (spec §3.2: "the agent picks the interface
/// that already has a route to the address"): among the host's IPv4 addresses, the one whose
/// network contains the service address (the longest prefix wins, then the first listed), giving
/// its interface and its prefix length. An interface named in the argument restricts the choice.
struct IPAddressPlacement: Hashable, Sendable {
    var address: IPv4Address
    var interface: String
    var prefixLength: Int
    /// `eth0:vip` when the argument named a label.
    var label: String?
    var broadcast: IPv4Address?

    /// Why no placement could be chosen; the message names the address.
    struct Failure: Error, Hashable, Sendable, CustomStringConvertible {
        var description: String
    }

    /// Completes `argument` from `existing` (the host's current IPv4 addresses).
    ///
    /// - Throws: ``Failure`` when the interface or prefix is missing and no existing address's
    ///   network contains the service address.
    static func choose(for argument: IPAddressArgument, among existing: [InterfaceAddress]) throws(Failure) -> IPAddressPlacement {
        var placement = IPAddressPlacement(
            address: argument.address, interface: argument.interface ?? "", prefixLength: argument.prefixLength ?? 32,
            label: argument.label.map { "\(argument.interface ?? ""):\($0)" }, broadcast: argument.broadcast)
        if argument.interface != nil, argument.prefixLength != nil { return placement }
        let candidates = existing.filter { candidate in
            candidate.address != argument.address && candidate.networkContains(argument.address)
                && (argument.interface.map { $0 == candidate.interface } ?? true)
        }
        guard let best = candidates.max(by: { $0.prefixLength < $1.prefixLength }) else {
            let within = argument.interface.map { " on \($0)" } ?? ""
            throw Failure(
                description: "no IPv4 address\(within) has a network containing \(argument.address): "
                    + "give the interface and netmask, e.g. IPaddr2::\(argument.address)/24/eth0")
        }
        let firstBest = candidates.first { $0.prefixLength == best.prefixLength } ?? best
        placement.interface = argument.interface ?? firstBest.interface
        placement.prefixLength = argument.prefixLength ?? firstBest.prefixLength
        return placement
    }

    /// Arguments of `ip addr add`: `A/P dev IF [label IF:LABEL] [brd B]`.
    var addArguments: [String] {
        var arguments = ["addr", "add", "\(address)/\(prefixLength)", "dev", interface]
        if let label { arguments += ["label", label] }
        if let broadcast { arguments += ["brd", "\(broadcast)"] }
        return arguments
    }
}
