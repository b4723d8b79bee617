import HAProtocol

/// A gratuitous ARP frame: an ARP request whose sender and target IP are both the announced address.
///
/// Sent to the Ethernet broadcast address from the interface's own MAC, it tells every host
/// and switch on the segment that the address now lives here, the way IPaddr2's `send_arp` does
/// after taking over a service address. Pure bytes in and out; ``ARPAnnouncer`` sends them.
struct GratuitousARP: Hashable, Sendable {
    static let broadcast: [UInt8] = Array(repeating: 0xFF, count: 6)

    /// The address being announced (ARP sender and target protocol address).
    var address: IPv4Address
    /// The announcing interface's 6-byte MAC (Ethernet source and ARP sender hardware address).
    var hardwareAddress: [UInt8]

    /// The 60-byte Ethernet frame: header, 28-byte ARP request, zero padding to the minimum size.
    var frame: [UInt8] {
        var bytes = Self.broadcast + hardwareAddress + [0x08, 0x06]
        bytes += [0x00, 0x01, 0x08, 0x00, 6, 4, 0x00, 0x01]  // Ethernet, IPv4, hlen, plen, request
        bytes += hardwareAddress + Self.bytes(of: address)
        bytes += [UInt8](repeating: 0, count: 6) + Self.bytes(of: address)
        return bytes + [UInt8](repeating: 0, count: max(0, 60 - bytes.count))
    }

    /// The gratuitous ARP request in `frame`, or nil for any other frame.
    ///
    /// Accepts only a broadcast ARP request whose sender and target IP are equal and whose
    /// sender hardware address is the Ethernet source: exactly what ``frame`` produces.
    init?(frame: [UInt8]) {
        guard frame.count >= 42, Array(frame[0..<6]) == Self.broadcast, frame[12] == 0x08, frame[13] == 0x06,
            Array(frame[14..<22]) == [0x00, 0x01, 0x08, 0x00, 6, 4, 0x00, 0x01]
        else { return nil }
        let sender = Array(frame[22..<28])
        let senderIP = Self.address(frame[28..<32])
        guard sender == Array(frame[6..<12]), senderIP == Self.address(frame[38..<42]) else { return nil }
        self.init(address: senderIP, hardwareAddress: sender)
    }

    init(address: IPv4Address, hardwareAddress: [UInt8]) {
        self.address = address
        self.hardwareAddress = hardwareAddress
    }

    /// Parses `aa:bb:cc:dd:ee:ff` into 6 bytes.
    static func hardwareAddress(_ text: some StringProtocol) -> [UInt8]? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        let bytes = parts.compactMap { $0.count == 2 ? UInt8($0, radix: 16) : nil }
        return parts.count == 6 && bytes.count == 6 ? bytes : nil
    }

    private static func bytes(of address: IPv4Address) -> [UInt8] {
        let octets = address.octets
        return [octets.0, octets.1, octets.2, octets.3]
    }

    private static func address(_ bytes: ArraySlice<UInt8>) -> IPv4Address {
        IPv4Address(value: bytes.reduce(0) { $0 << 8 | UInt32($1) })
    }
}
