import Glibc
import HAHost
import HAProtocol

/// Captures the UDP payloads one node sends to another, as seen on the receiver's side: a
/// cooked packet socket (`AF_PACKET`, `SOCK_DGRAM`, IPv4) opened in the receiver's namespace,
/// keeping datagrams whose IPv4 source is `source` and whose UDP destination port is `port`.
///
/// What an attacker on the segment records for a replay. Every length is checked before use;
/// fragments are skipped (heartbeat datagrams are far below the MTU).
public enum PacketCapture {
    /// The payloads captured in `namespace` within `duration`, at most `limit` of them, in
    /// arrival order.
    public static func capture(in namespace: String, source: String, port: Int, duration: Duration, limit: Int = 64) throws -> [[UInt8]] {
        let ethernetIPv4 = Int32(UInt16(0x0800).bigEndian)  // ETH_P_IP, which Glibc does not import
        let fd = try NamespaceSocket.open(namespace: namespace, domain: AF_PACKET, type: Int32(SOCK_DGRAM.rawValue), protocol: ethernetIPv4)
        defer { close(fd) }
        var timeout = timeval(tv_sec: 0, tv_usec: 50_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard let wanted = NamespaceSocket.ipv4(source, port: port)?.sin_addr.s_addr else {
            throw HarnessError.invalidSpec("capture source \(source) is not an IPv4 address")
        }
        let sourceBytes = withUnsafeBytes(of: wanted) { Array($0) }
        var payloads: [[UInt8]] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        let deadline = SystemClock.now() + duration
        while payloads.count < limit && SystemClock.now() < deadline {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { continue }  // timeout or EINTR: look at the clock again
            if let payload = udpPayload(buffer[0..<count], source: sourceBytes, port: port) { payloads.append(payload) }
        }
        return payloads
    }

    /// The UDP payload of one IPv4 packet from `source` (4 bytes, network order) to `port`;
    /// nil for anything else or anything malformed.
    public static func udpPayload(_ packet: ArraySlice<UInt8>, source: [UInt8], port: Int) -> [UInt8]? {
        let bytes = Array(packet)
        guard bytes.count >= 20, bytes[0] >> 4 == 4 else { return nil }
        let headerLength = Int(bytes[0] & 0x0f) * 4
        let totalLength = Int(bytes[2]) << 8 | Int(bytes[3])
        let fragment = (Int(bytes[6]) << 8 | Int(bytes[7])) & 0x3fff  // MF flag and offset
        guard headerLength >= 20, totalLength >= headerLength + 8, totalLength <= bytes.count, fragment == 0, bytes[9] == 17,
            Array(bytes[12..<16]) == source
        else { return nil }
        let destinationPort = Int(bytes[headerLength + 2]) << 8 | Int(bytes[headerLength + 3])
        let udpLength = Int(bytes[headerLength + 4]) << 8 | Int(bytes[headerLength + 5])
        guard destinationPort == port, udpLength >= 8, headerLength + udpLength <= totalLength else { return nil }
        return Array(bytes[(headerLength + 8)..<(headerLength + udpLength)])
    }
}
