import Glibc

/// A raw `AF_PACKET` socket for sending (and, in tests, receiving) whole Ethernet frames.
///
/// The descriptor is closed when the value goes away. Frames are sent to an interface index and
/// a link-layer destination; the kernel adds nothing but the frame check sequence.
final class PacketSocket: Sendable {
    /// `ETH_P_ARP`: only ARP frames.
    static let arpProtocol: UInt16 = 0x0806
    /// `ETH_P_ALL`: every frame, including the ones this host sends (used by tests to watch a link).
    static let allProtocols: UInt16 = 0x0003

    /// Why the socket could not be opened or used; the failing call and errno text.
    struct Failure: Error, Hashable, Sendable, CustomStringConvertible {
        var description: String

        /// `call: <strerror(errno)>`, errno read now.
        init(_ call: String, errno code: Int32 = errno) { description = "\(call): \(String(cString: strerror(code)))" }
    }

    let descriptor: Int32

    /// Opens a raw packet socket for `ethernetProtocol` in namespace `netns` (nil: this one).
    ///
    /// - Throws: ``Failure`` (needs CAP_NET_RAW) or ``NetworkNamespace/Failure``.
    init(ethernetProtocol: UInt16, netns: String? = nil) async throws {
        descriptor = try await NetworkNamespace.descriptor(in: netns) {
            let fd = socket(AF_PACKET, Int32(SOCK_RAW.rawValue) | Int32(SOCK_CLOEXEC.rawValue), Int32(ethernetProtocol.bigEndian))
            guard fd >= 0 else { throw Failure("socket(AF_PACKET)") }
            return fd
        }
    }

    deinit { close(descriptor) }

    /// Sends one frame out of interface `index` to the 6-byte link address `destination`.
    ///
    /// - Throws: ``Failure`` with the errno text when `sendto` fails.
    func send(_ frame: [UInt8], interfaceIndex index: Int32, destination: [UInt8], ethernetProtocol: UInt16) throws {
        // struct sockaddr_ll (20 bytes): family, protocol (BE), ifindex, hatype, pkttype, halen, addr[8].
        var address = [UInt8](repeating: 0, count: 20)
        withUnsafeBytes(of: UInt16(AF_PACKET)) { address.replaceSubrange(0..<2, with: $0) }
        withUnsafeBytes(of: ethernetProtocol.bigEndian) { address.replaceSubrange(2..<4, with: $0) }
        withUnsafeBytes(of: index) { address.replaceSubrange(4..<8, with: $0) }
        address[11] = UInt8(destination.count)
        address.replaceSubrange(12..<(12 + min(8, destination.count)), with: destination.prefix(8))
        let sent = frame.withUnsafeBytes { bytes in
            address.withUnsafeBytes { raw in
                sendto(descriptor, bytes.baseAddress, bytes.count, 0, raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t(raw.count))
            }
        }
        guard sent == frame.count else { throw Failure("sendto(AF_PACKET)") }
    }

    /// Waits up to `timeout` for one frame; nil when none arrived in time.
    ///
    /// Blocks the calling thread in `poll`; tests call it from a task that may block.
    func receive(timeout: Duration) throws -> [UInt8]? {
        var pending = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(clamping: timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        let ready = poll(&pending, 1, milliseconds)
        guard ready > 0 else {
            if ready < 0 && errno != EINTR { throw Failure("poll") }
            return nil
        }
        var buffer = [UInt8](repeating: 0, count: 2048)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        guard count >= 0 else { throw Failure("recv(AF_PACKET)") }
        return Array(buffer.prefix(count))
    }
}
