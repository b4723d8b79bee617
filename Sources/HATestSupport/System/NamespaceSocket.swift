import Dispatch
import Foundation
import Glibc
import Synchronization

/// Sockets created inside a named network namespace (`/run/netns/NAME`) and usable from any
/// thread of ours: a socket stays bound to the namespace it was created in, so a short-lived
/// thread `setns`es, creates it and exits (the namespace switch dies with the thread).
///
/// What the fault campaign uses to send forged and replayed datagrams from a node's own address
/// and to capture a node's packets, without spawning a helper per packet.
public enum NamespaceSocket {
    /// A socket of `domain`, `type` and `protocol` opened in `namespace`; the caller closes it.
    public static func open(namespace: String, domain: Int32, type: Int32, protocol: Int32 = 0) throws -> Int32 {
        final class Outcome: Sendable {
            let value = Mutex<Result<Int32, any Error>?>(nil)
        }
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            outcome.value.withLock { $0 = Result { try openHere(namespace: namespace, domain: domain, type: type, protocol: `protocol`) } }
            done.signal()
        }
        thread.start()
        guard done.wait(timeout: .now() + 5) == .success, let result = outcome.value.withLock({ $0 }) else {
            throw HarnessError.system(call: "opening a socket in \(namespace)", errno: ETIMEDOUT)
        }
        return try result.get()
    }

    /// Runs on a thread of its own, which then exits.
    private static func openHere(namespace: String, domain: Int32, type: Int32, protocol: Int32) throws -> Int32 {
        let namespaceFD = Glibc.open("/run/netns/" + namespace, O_RDONLY | O_CLOEXEC)
        guard namespaceFD >= 0 else { throw HarnessError.system(call: "open /run/netns/\(namespace)", errno: errno) }
        defer { Glibc.close(namespaceFD) }
        guard GNUFunctions.setns(namespaceFD, GNUFunctions.cloneNewNet) == 0 else { throw HarnessError.system(call: "setns", errno: errno) }
        let fd = socket(domain, type | Int32(SOCK_CLOEXEC.rawValue), `protocol`)
        guard fd >= 0 else { throw HarnessError.system(call: "socket(\(domain), \(type)) in \(namespace)", errno: errno) }
        return fd
    }

    /// An IPv4 socket address for `address:port`; nil when `address` is not dotted-quad IPv4.
    public static func ipv4(_ address: String, port: Int) -> sockaddr_in? {
        var result = sockaddr_in()
        result.sin_family = sa_family_t(AF_INET)
        result.sin_port = in_port_t(UInt16(truncatingIfNeeded: port).bigEndian)
        guard inet_pton(AF_INET, address, &result.sin_addr) == 1 else { return nil }
        return result
    }
}

/// A UDP socket in a node's namespace that sends datagrams from that node's address, as a
/// forger or replayer on the segment would. Not thread-safe: one user at a time.
public final class NamespaceDatagramSender: Sendable {
    public let namespace: String
    private let fd: Int32

    /// Opens the socket in `namespace`.
    public init(namespace: String) throws {
        self.namespace = namespace
        fd = try NamespaceSocket.open(namespace: namespace, domain: AF_INET, type: Int32(SOCK_DGRAM.rawValue))
    }

    deinit { close(fd) }

    /// Sends `bytes` to `address:port`; true when the kernel took the datagram.
    @discardableResult
    public func send(_ bytes: [UInt8], to address: String, port: Int) -> Bool {
        guard var target = NamespaceSocket.ipv4(address, port: port) else { return false }
        let sent = withUnsafePointer(to: &target) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bytes.withUnsafeBytes {
                    sendto(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT), socketAddress, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
        return sent == bytes.count
    }
}
