import Glibc
import HAProtocol

/// ICMP echo for ping nodes: a raw socket (the daemon runs as root, as Heartbeat does) that sends
/// echo requests and reports which addresses answered.
final class ICMPPinger {
    let fd: Int32
    private let identifier = UInt16(truncatingIfNeeded: getpid())
    private var sequence: UInt16 = 0

    init() throws {
        fd = socket(AF_INET, Int32(SOCK_RAW.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), Int32(IPPROTO_ICMP))
        guard fd >= 0 else { throw DaemonError("ping nodes need a raw ICMP socket (run as root): \(String(cString: strerror(errno)))") }
    }

    deinit { close(fd) }

    /// Sends one echo request to each address; unresolvable ones are skipped.
    func ping(_ addresses: [String]) {
        sequence &+= 1
        var packet = [UInt8](repeating: 0, count: 16)
        packet[0] = 8  // echo request
        packet[4] = UInt8(identifier >> 8)
        packet[5] = UInt8(identifier & 0xFF)
        packet[6] = UInt8(sequence >> 8)
        packet[7] = UInt8(sequence & 0xFF)
        Array("hadaemon".utf8).enumerated().forEach { packet[8 + $0.offset] = $0.element }
        let sum = Self.checksum(packet)
        packet[2] = UInt8(sum >> 8)
        packet[3] = UInt8(sum & 0xFF)
        for address in addresses {
            guard let target = HeartbeatTransport.resolve(address) else { continue }
            var destination = HeartbeatTransport.socketAddress(target, port: 0)
            _ = packet.withUnsafeBytes { raw in
                withUnsafePointer(to: &destination) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        sendto(fd, raw.baseAddress, raw.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                    }
                }
            }
        }
    }

    /// Addresses whose echo replies (to our identifier) are waiting.
    func replies() -> [String] {
        var result: [String] = []
        var buffer = [UInt8](repeating: 0, count: 1500)
        for _ in 0..<256 {
            var source = sockaddr_in()
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let count = withUnsafeMutablePointer(to: &source) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { recvfrom(fd, &buffer, buffer.count, 0, $0, &length) }
            }
            if count <= 0 { break }
            let headerLength = Int(buffer[0] & 0x0F) * 4
            guard count >= headerLength + 8, buffer[headerLength] == 0,
                UInt16(buffer[headerLength + 4]) << 8 | UInt16(buffer[headerLength + 5]) == identifier
            else { continue }
            result.append(IPv4Address(value: UInt32(bigEndian: source.sin_addr.s_addr)).description)
        }
        return result
    }

    /// The Internet checksum (RFC 1071).
    static func checksum(_ bytes: [UInt8]) -> UInt16 {
        var sum: UInt32 = 0
        var index = 0
        while index + 1 < bytes.count {
            sum += UInt32(bytes[index]) << 8 | UInt32(bytes[index + 1])
            index += 2
        }
        if index < bytes.count { sum += UInt32(bytes[index]) << 8 }
        while sum >> 16 != 0 { sum = (sum & 0xFFFF) + (sum >> 16) }
        return ~UInt16(sum)
    }
}
