import Foundation
import Glibc
import HAHost
import HAProtocol
import Testing

@testable import HADaemon

/// A temporary resource directory holding `/bin/sh` scripts written by a test; `remove()` deletes it.
struct ResourceScriptDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("hadaemon-resource-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Writes `#!/bin/sh` (unless `shebang` is false) + `body` as `name` with `mode` (executable by default); returns its path.
    @discardableResult
    func script(_ name: String, _ body: String, mode: Int = 0o755, shebang: Bool = true) throws -> String {
        let file = "\(path)/\(name)"
        try ((shebang ? "#!/bin/sh\n" : "") + body + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file)
        return file
    }

    /// The pids a script wrote, one per line, to `name` in this directory.
    func pids(in name: String) -> [Int32] {
        let text = (try? String(contentsOfFile: "\(path)/\(name)", encoding: .utf8)) ?? ""
        return text.split(whereSeparator: \.isNewline).compactMap { Int32($0.trimmingCharacters(in: .whitespaces)) }
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Looks at processes through `/proc`, treating zombies as dead (PID 1 here does not reap orphans).
enum ResourceProcessTable {
    /// True when `pid` exists and is not a zombie.
    static func isAlive(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        return state(pid).map { $0 != "Z" && $0 != "X" } ?? false
    }

    /// Live (non-zombie) processes whose process group is `pgid`.
    static func liveMembers(ofGroup pgid: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard let fields = statFields(pid), fields.count > 2 else { return false }
            return Int32(fields[2]) == pgid && fields[0] != "Z" && fields[0] != "X"
        }
    }

    /// Waits (up to `limit`) until no live process is left in group `pgid`; true when it emptied.
    /// A member killed a moment ago may still be on its way out, so one look is not enough.
    static func waitUntilGroupEmpty(_ pgid: Int32, limit: Duration = .seconds(2)) async -> Bool {
        let deadline = SystemClock.now() + limit
        while !liveMembers(ofGroup: pgid).isEmpty {
            if SystemClock.now() > deadline { return false }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return true
    }

    /// Waits (up to `limit`) until none of `pids` is alive; true when they all died.
    static func waitUntilGone(_ pids: [Int32], limit: Duration = .seconds(2)) async -> Bool {
        let deadline = SystemClock.now() + limit
        while pids.contains(where: isAlive) {
            if SystemClock.now() > deadline { return false }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return true
    }

    private static func state(_ pid: Int32) -> String? { statFields(pid)?.first }

    /// Fields of `/proc/PID/stat` after the `(comm)` field: state, ppid, pgrp, …
    private static func statFields(_ pid: Int32) -> [String]? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return nil }
        return text[text.index(after: close)...].split(separator: " ").map(String.init)
    }
}

/// A network namespace `hart-<random>` with a veth pair `veth0`/`veth1`, both up, and `192.0.2.1/24` on `veth0`.
///
/// Made with `ip`; `remove()` deletes the namespace synchronously, so tests call it from `defer`
/// (the pair goes with the namespace once no socket holds it). Needs root.
struct ResourceTestNamespace {
    let name: String

    /// Creates the namespace and its links; removes it again if any step fails.
    static func create() async throws -> ResourceTestNamespace {
        let namespace = ResourceTestNamespace(name: "hart-\(UInt32.random(in: 0...UInt32.max))")
        try await namespace.ip(["netns", "add", namespace.name])
        do {
            try await namespace.ip(["-n", namespace.name, "link", "add", "veth0", "type", "veth", "peer", "name", "veth1"])
            for link in ["lo", "veth0", "veth1"] { try await namespace.ip(["-n", namespace.name, "link", "set", link, "up"]) }
            try await namespace.ip(["-n", namespace.name, "addr", "add", "192.0.2.1/24", "dev", "veth0"])
        } catch {
            namespace.remove()
            throw error
        }
        return namespace
    }

    /// `ip -o -4 addr show` inside the namespace.
    func addresses() async throws -> [InterfaceAddress] {
        InterfaceAddress.parse(ipAddressOutput: try await ip(["-n", name, "-o", "-4", "addr", "show"]))
    }

    /// `veth0`'s MAC, read inside the namespace.
    func hardwareAddress(of link: String) async throws -> [UInt8] {
        let line = try await ip(["-n", name, "-o", "link", "show", "dev", link])
        return try #require(NetworkLink(ipLinkLine: line)).hardwareAddress
    }

    /// What `ip netns del NAME` does: detach the namespace's bind mount and delete it.
    func remove() {
        let path = "/run/netns/\(name)"
        _ = umount2(path, Int32(MNT_DETACH))
        _ = unlink(path)
    }

    /// Runs `/usr/sbin/ip arguments…`, throwing with its stderr unless it exits 0.
    @discardableResult
    private func ip(_ arguments: [String]) async throws -> String {
        let result = await ProcessGroupRunner(timeout: .seconds(10)).run("/usr/sbin/ip", arguments: arguments, environment: [:])
        guard result.status == .exited(0) else {
            throw ResourceTestError("ip \(arguments.joined(separator: " ")): \(result.status) \(result.stderr)")
        }
        return result.stdout
    }
}

/// Captures the gratuitous ARPs that reach a namespace, on a dedicated thread (the capture blocks in `poll`).
enum ResourceARPSniffer {
    /// One captured announcement and when it arrived.
    struct Capture: Sendable {
        var arp: GratuitousARP
        var at: MonotonicTime
    }

    /// Every gratuitous ARP for `address` received on `socket` during `window`.
    static func capture(_ socket: PacketSocket, for address: IPv4Address, during window: Duration) async -> [Capture] {
        await withCheckedContinuation { continuation in
            Thread {
                var captures: [Capture] = []
                let deadline = SystemClock.now() + window
                while SystemClock.now() < deadline {
                    guard let frame = try? socket.receive(timeout: .milliseconds(50)) else { continue }
                    if let arp = GratuitousARP(frame: frame), arp.address == address {
                        captures.append(Capture(arp: arp, at: SystemClock.now()))
                    }
                }
                continuation.resume(returning: captures)
            }.start()
        }
    }
}

/// A failure in test setup, with the reason.
struct ResourceTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
