import Glibc
import HAProtocol

/// The UDP sockets of every medium in `ha.cf` (spec §5.8): each message goes out on all of
/// them; what comes in is tagged with the interface it arrived on, which names the link.
///
/// One socket per (interface, port) serves ucast and bcast, bound to the port and to the device;
/// each mcast line has its own socket joined to its group. All sockets are non-blocking.
final class HeartbeatTransport {
    struct Socket {
        var fd: Int32
        var interface: String
        /// Where messages are sent from this socket.
        var destinations: [sockaddr_in]
    }

    private(set) var sockets: [Socket] = []

    /// The local address to bind (nil: any), for several nodes on one host.
    let bindAddress: UInt32?

    /// - Parameters:
    ///   - localAddresses: this node's addresses; ucast lines to them are skipped.
    ///   - bindAddress: listen on this address only (e.g. 127.0.0.2 for a loopback demo).
    init(media: [Medium], localAddresses: Set<String>, bindAddress: String? = nil) throws {
        self.bindAddress = bindAddress.flatMap { IPv4Address($0)?.value }
        var byKey: [String: Int] = [:]
        for medium in media {
            switch medium.kind {
            case .ucast(let peer):
                let index = try socketIndex(interface: medium.interface, port: medium.port, byKey: &byKey)
                guard let address = Self.resolve(peer) else { throw DaemonError("ucast \(medium.interface): cannot resolve \(peer)") }
                // Heartbeat ignores a ucast line that points at this host, so one ha.cf serves all nodes.
                if localAddresses.contains(peer) { continue }
                sockets[index].destinations.append(Self.socketAddress(address, port: medium.port))
            case .bcast:
                let index = try socketIndex(interface: medium.interface, port: medium.port, byKey: &byKey)
                var on: Int32 = 1
                setsockopt(sockets[index].fd, SOL_SOCKET, SO_BROADCAST, &on, socklen_t(MemoryLayout<Int32>.size))
                guard let broadcast = Self.broadcastAddress(of: medium.interface) else {
                    throw DaemonError("bcast: IP interface [\(medium.interface)] does not exist or has no broadcast address")
                }
                sockets[index].destinations.append(Self.socketAddress(broadcast, port: medium.port))
            case .mcast(let group, let port, let ttl, let loop):
                let fd = try Self.openSocket(interface: medium.interface, port: port)
                var request = ip_mreqn()
                request.imr_multiaddr.s_addr = group.value.bigEndian
                request.imr_ifindex = Int32(if_nametoindex(medium.interface))
                guard setsockopt(fd, Int32(IPPROTO_IP), IP_ADD_MEMBERSHIP, &request, socklen_t(MemoryLayout<ip_mreqn>.size)) == 0,
                    setsockopt(fd, Int32(IPPROTO_IP), IP_MULTICAST_IF, &request, socklen_t(MemoryLayout<ip_mreqn>.size)) == 0
                else {
                    close(fd)
                    throw DaemonError("mcast device [\(medium.interface)] is invalid or not set up properly: \(String(cString: strerror(errno)))")
                }
                var ttlValue = Int32(ttl)
                var loopValue = Int32(loop ? 1 : 0)
                setsockopt(fd, Int32(IPPROTO_IP), IP_MULTICAST_TTL, &ttlValue, 4)
                setsockopt(fd, Int32(IPPROTO_IP), IP_MULTICAST_LOOP, &loopValue, 4)
                sockets.append(Socket(fd: fd, interface: medium.interface, destinations: [Self.socketAddress(group.value, port: port)]))
            case .ucast6, .mcast6, .serial:
                throw DaemonError("\(medium.typeName) media are not supported by hadaemon yet (ha.cf line \(medium.line))")
            }
        }
    }

    deinit {
        for socket in sockets { close(socket.fd) }
    }

    private func socketIndex(interface: String, port: Int, byKey: inout [String: Int]) throws -> Int {
        let key = "\(interface):\(port)"
        if let index = byKey[key] { return index }
        sockets.append(
            Socket(fd: try Self.openSocket(interface: interface, port: port, address: bindAddress ?? 0), interface: interface, destinations: []))
        byKey[key] = sockets.count - 1
        return sockets.count - 1
    }

    /// Sends one datagram on every medium; returns how many sends failed.
    @discardableResult
    func send(_ bytes: [UInt8]) -> Int {
        var failures = 0
        for socket in sockets {
            for var destination in socket.destinations {
                let sent = bytes.withUnsafeBytes { raw in
                    withUnsafePointer(to: &destination) {
                        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                            sendto(socket.fd, raw.baseAddress, raw.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                        }
                    }
                }
                if sent < 0 { failures += 1 }
            }
        }
        return failures
    }

    /// Reads every pending datagram of socket `index` (up to `limit`), calling `handle` with the
    /// bytes, the interface and the sender's address.
    func receive(from index: Int, limit: Int = 256, _ handle: ([UInt8], String, String) -> Void) {
        for _ in 0..<limit {
            var source = sockaddr_in()
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let count = receiveBuffer.withUnsafeMutableBytes { raw in
                withUnsafeMutablePointer(to: &source) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { recvfrom(sockets[index].fd, raw.baseAddress, raw.count, 0, $0, &length) }
                }
            }
            if count < 0 { return }
            handle(
                Array(receiveBuffer[0..<count]), sockets[index].interface, IPv4Address(value: UInt32(bigEndian: source.sin_addr.s_addr)).description)
        }
    }

    /// One buffer for every read: a datagram over the limit is cut and then refused as oversized.
    private var receiveBuffer = [UInt8](repeating: 0, count: HeartbeatCodec.maximumDatagramSize + 1)

    static func openSocket(interface: String, port: Int, address: UInt32 = 0) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw DaemonError("cannot open a UDP socket: \(String(cString: strerror(errno)))") }
        var on: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, 4)
        setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, 4)
        let name = Array(interface.utf8) + [0]
        guard setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, name, socklen_t(name.count)) == 0 else {
            close(fd)
            throw DaemonError("IP interface [\(interface)] does not exist: \(String(cString: strerror(errno)))")
        }
        var address = socketAddress(address, port: port)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else {
            close(fd)
            throw DaemonError("cannot bind UDP port \(port) on \(interface): \(String(cString: strerror(errno)))")
        }
        return fd
    }

    static func socketAddress(_ address: UInt32, port: Int) -> sockaddr_in {
        var result = sockaddr_in()
        result.sin_family = sa_family_t(AF_INET)
        result.sin_port = UInt16(port).bigEndian
        result.sin_addr.s_addr = address.bigEndian
        return result
    }

    /// An IPv4 literal, or a host name resolved once at start (as Heartbeat does).
    static func resolve(_ host: String) -> UInt32? {
        if let literal = IPv4Address(host) { return literal.value }
        var hints = addrinfo()
        hints.ai_family = AF_INET
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &result) == 0, let first = result else { return nil }
        defer { freeaddrinfo(result) }
        return first.pointee.ai_addr.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt32(bigEndian: $0.pointee.sin_addr.s_addr) }
    }

    /// The interface's IPv4 addresses and broadcast address, from getifaddrs.
    static func interfaceAddresses() -> [(interface: String, address: UInt32, broadcast: UInt32?)] {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0 else { return [] }
        defer { freeifaddrs(list) }
        var result: [(String, UInt32, UInt32?)] = []
        var cursor = list
        while let entry = cursor {
            defer { cursor = entry.pointee.ifa_next }
            guard let addr = entry.pointee.ifa_addr, addr.pointee.sa_family == sa_family_t(AF_INET) else { continue }
            let address = addr.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt32(bigEndian: $0.pointee.sin_addr.s_addr) }
            var broadcast: UInt32?
            if Int32(entry.pointee.ifa_flags) & Int32(IFF_BROADCAST) != 0, let b = entry.pointee.ifa_ifu.ifu_broadaddr {
                broadcast = b.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt32(bigEndian: $0.pointee.sin_addr.s_addr) }
            }
            result.append((String(cString: entry.pointee.ifa_name), address, broadcast))
        }
        return result
    }

    static func broadcastAddress(of interface: String) -> UInt32? {
        interfaceAddresses().first { $0.interface == interface && $0.broadcast != nil }?.broadcast
    }

    /// Every IPv4 address on this host, dotted.
    static func localAddresses() -> Set<String> {
        Set(interfaceAddresses().map { IPv4Address(value: $0.address).description })
    }
}
