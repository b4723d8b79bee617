extension NetnsCluster {
    /// `Udp: InDatagrams` of `node`'s namespace (every UDP datagram delivered there, its own
    /// unicast to itself included), from /proc/net/snmp read inside it; nil when unreadable.
    public func udpInDatagrams(_ name: String) -> UInt64? {
        guard let output = try? run(in: name, ["cat", "/proc/net/snmp"], timeout: .seconds(5)), output.succeeded else { return nil }
        return Self.udpInDatagrams(snmp: output.stdout)
    }

    /// `InDatagrams` from the text of /proc/net/snmp: the `Udp:` header line names the columns,
    /// the next `Udp:` line holds the values. Nil when either line or the column is missing.
    public static func udpInDatagrams(snmp text: String) -> UInt64? {
        let lines = text.split(separator: "\n").filter { $0.hasPrefix("Udp: ") }
        guard lines.count >= 2 else { return nil }
        let names = lines[0].split(separator: " ")
        let values = lines[1].split(separator: " ")
        guard names.count == values.count, let column = names.firstIndex(of: "InDatagrams") else { return nil }
        return UInt64(values[column])
    }
}
