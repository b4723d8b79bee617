import HAProtocol

/// One IPv4 address configured on an interface, as a line of `ip -o -4 addr show` gives it.
struct InterfaceAddress: Hashable, Sendable {
    /// The interface (`veth0`), without any alias label.
    var interface: String
    var address: IPv4Address
    var prefixLength: Int
    /// The label (`veth0:vip`), equal to ``interface`` when the address has none.
    var label: String

    /// Parses every `inet` line of `ip -o -4 addr show`, skipping any other line.
    ///
    /// `3: veth0    inet 192.0.2.10/24 brd 192.0.2.255 scope global secondary veth0:vip\ valid_lft …`
    static func parse(ipAddressOutput output: String) -> [InterfaceAddress] {
        output.split(whereSeparator: \.isNewline).compactMap(InterfaceAddress.init(line:))
    }

    /// Parses one `ip -o -4 addr show` line; nil unless it carries an `inet` address.
    init?(line: some StringProtocol) {
        let head = line.split(separator: "\\", maxSplits: 1).first ?? ""
        let fields = head.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard fields.count >= 4, fields[0].hasSuffix(":"), fields[2] == "inet" else { return nil }
        let cidr = fields[3].split(separator: "/")
        guard cidr.count == 2, let address = IPv4Address(cidr[0]), let bits = Int(cidr[1]), (0...32).contains(bits) else { return nil }
        interface = String(fields[1].split(separator: "@", maxSplits: 1).first ?? "")
        self.address = address
        prefixLength = bits
        // The label is the last word before the continuation; `ip` prints the device name when unlabelled.
        label = fields.count > 4 ? String(fields[fields.count - 1]) : interface
    }

    init(interface: String, address: IPv4Address, prefixLength: Int, label: String? = nil) {
        self.interface = interface
        self.address = address
        self.prefixLength = prefixLength
        self.label = label ?? interface
    }

    /// True when `other` lies in this address's network (this address with its prefix).
    func networkContains(_ other: IPv4Address) -> Bool {
        let mask: UInt32 = prefixLength == 0 ? 0 : ~UInt32(0) << (32 - UInt32(prefixLength))
        return address.value & mask == other.value & mask
    }
}
