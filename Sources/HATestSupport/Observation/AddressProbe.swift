import Dispatch
import Foundation
import Glibc
import Synchronization

/// Reads one interface's IPv4 addresses in one network namespace through a NETLINK_ROUTE socket
/// opened inside that namespace: a dump costs microseconds, where spawning `ip` costs
/// milliseconds of a shared core, so `VIPWatcher` can sample every few ms without disturbing
/// the failover it measures.
///
/// The socket is created by a short-lived thread that `setns`es into the namespace and exits;
/// a socket stays bound to the namespace it was created in, so it can be used from any thread.
/// Not thread-safe: one user at a time.
struct AddressProbe: Sendable {
    let namespace: String
    let fd: Int32
    let interfaceIndex: UInt32

    /// Opens a probe of `interface` in the named namespace (`/run/netns/NAME`).
    static func open(namespace: String, interface: String) throws -> AddressProbe {
        final class Outcome: Sendable {
            let value = Mutex<Result<AddressProbe, any Error>?>(nil)
        }
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            outcome.value.withLock { $0 = Result { try openInNamespace(namespace, interface: interface) } }
            done.signal()
        }
        thread.start()
        guard done.wait(timeout: .now() + 5) == .success, let result = outcome.value.withLock({ $0 }) else {
            throw HarnessError.system(call: "opening a netlink socket in \(namespace)", errno: ETIMEDOUT)
        }
        return try result.get()
    }

    /// Runs on a thread of its own, which then exits: the namespace switch dies with it.
    private static func openInNamespace(_ namespace: String, interface: String) throws -> AddressProbe {
        let namespaceFD = Glibc.open("/run/netns/" + namespace, O_RDONLY | O_CLOEXEC)
        guard namespaceFD >= 0 else { throw HarnessError.system(call: "open /run/netns/\(namespace)", errno: errno) }
        defer { Glibc.close(namespaceFD) }
        guard GNUFunctions.setns(namespaceFD, GNUFunctions.cloneNewNet) == 0 else { throw HarnessError.system(call: "setns", errno: errno) }
        let index = if_nametoindex(interface)
        guard index != 0 else { throw HarnessError.system(call: "if_nametoindex(\(interface)) in \(namespace)", errno: errno) }
        let fd = socket(AF_NETLINK, Int32(SOCK_RAW.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)  // NETLINK_ROUTE
        guard fd >= 0 else { throw HarnessError.system(call: "socket(AF_NETLINK)", errno: errno) }
        var timeout = timeval(tv_sec: 1, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return AddressProbe(namespace: namespace, fd: fd, interfaceIndex: index)
    }

    /// The interface's IPv4 addresses with prefix length (`192.0.2.100/24`), in kernel order.
    func addresses() throws -> [String] {
        let sequence = UInt32.random(in: 1...UInt32.max)
        // struct nlmsghdr (16 bytes) + struct ifaddrmsg (8 bytes), host byte order.
        var request = [UInt8](repeating: 0, count: 24)
        request.withUnsafeMutableBytes { raw in
            raw.storeBytes(of: UInt32(24), toByteOffset: 0, as: UInt32.self)
            raw.storeBytes(of: Self.getAddress, toByteOffset: 4, as: UInt16.self)
            raw.storeBytes(of: Self.requestDump, toByteOffset: 6, as: UInt16.self)
            raw.storeBytes(of: sequence, toByteOffset: 8, as: UInt32.self)
            raw[16] = UInt8(AF_INET)
        }
        guard request.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, 0) }) == 24 else {
            throw HarnessError.system(call: "netlink send in \(namespace)", errno: errno)
        }
        var found: [String] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { throw HarnessError.system(call: "netlink recv in \(namespace)", errno: count == 0 ? EPIPE : errno) }
            if try parse(buffer[0..<count], sequence: sequence, into: &found) { return found }
        }
    }

    /// Closes the socket.
    func close() {
        Glibc.close(fd)
    }

    /// Adds the addresses in one datagram of the dump; true once the dump is done.
    private func parse(_ bytes: ArraySlice<UInt8>, sequence: UInt32, into found: inout [String]) throws -> Bool {
        try bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset + 16 <= raw.count {
                let length = Int(raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
                let type = raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt16.self)
                guard length >= 16, offset + length <= raw.count else { return false }
                if raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self) == sequence {
                    switch type {
                    case Self.done: return true
                    case Self.error:
                        let code = raw.loadUnaligned(fromByteOffset: offset + 16, as: Int32.self)
                        if code != 0 { throw HarnessError.system(call: "netlink RTM_GETADDR in \(namespace)", errno: -code) }
                        return true
                    case Self.newAddress:
                        if let address = address(in: UnsafeRawBufferPointer(rebasing: raw[offset..<offset + length])) { found.append(address) }
                    default: break
                    }
                }
                offset += (length + 3) & ~3
            }
            return false
        }
    }

    /// `a.b.c.d/len` from one RTM_NEWADDR message, if it is IPv4 on our interface.
    private func address(in message: UnsafeRawBufferPointer) -> String? {
        guard message.count >= 24, message[16] == UInt8(AF_INET),
            message.loadUnaligned(fromByteOffset: 20, as: UInt32.self) == interfaceIndex
        else { return nil }
        let prefixLength = message[17]
        var offset = 24
        var address: String?
        while offset + 4 <= message.count {
            let length = Int(message.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
            let type = message.loadUnaligned(fromByteOffset: offset + 2, as: UInt16.self)
            guard length >= 4, offset + length <= message.count else { break }
            // IFA_LOCAL is the address itself; IFA_ADDRESS is the peer on point-to-point links.
            if (type == Self.ifaLocal || (type == Self.ifaAddress && address == nil)) && length == 8 {
                address = (4..<8).map { String(message[offset + $0]) }.joined(separator: ".")
            }
            offset += (length + 3) & ~3
        }
        return address.map { "\($0)/\(prefixLength)" }
    }

    // <linux/netlink.h> and <linux/rtnetlink.h>, which Swift's Glibc module does not import.
    private static let done: UInt16 = 3  // NLMSG_DONE
    private static let error: UInt16 = 2  // NLMSG_ERROR
    private static let newAddress: UInt16 = 20  // RTM_NEWADDR
    private static let getAddress: UInt16 = 22  // RTM_GETADDR
    private static let requestDump: UInt16 = 0x301  // NLM_F_REQUEST | NLM_F_DUMP
    private static let ifaAddress: UInt16 = 1  // IFA_ADDRESS
    private static let ifaLocal: UInt16 = 2  // IFA_LOCAL
}
