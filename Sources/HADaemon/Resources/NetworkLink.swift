/// An interface as `ip -o link show dev IF` reports it: index, name and Ethernet address.
///
/// The gratuitous ARP needs the interface index and MAC. Both come from `ip` rather than from
/// `/sys/class/net` and `if_nametoindex`, because those answer for the namespace sysfs was
/// mounted in and the calling thread's namespace respectively, while `ip -n NS` answers for
/// the namespace the address lives in.
struct NetworkLink: Hashable, Sendable {
    var index: Int32
    var name: String
    /// The 6-byte MAC from `link/ether`.
    var hardwareAddress: [UInt8]

    /// Parses the one line of `ip -o link show dev IF`; nil when it is not an Ethernet link.
    ///
    /// `3: veth0@veth1: <BROADCAST,…> mtu 1500 … \    link/ether a6:e4:49:5f:5c:52 brd ff:ff:ff:ff:ff:ff`
    init?(ipLinkLine line: some StringProtocol) {
        let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\\" })
        guard fields.count >= 2, fields[0].hasSuffix(":"), let index = Int32(fields[0].dropLast()),
            let ether = fields.firstIndex(of: "link/ether"), ether + 1 < fields.count,
            let mac = GratuitousARP.hardwareAddress(fields[ether + 1])
        else { return nil }
        self.index = index
        // `veth0@veth1:` names veth0.
        name = String(fields[1].dropLast().split(separator: "@", maxSplits: 1).first ?? "")
        hardwareAddress = mac
    }
}
