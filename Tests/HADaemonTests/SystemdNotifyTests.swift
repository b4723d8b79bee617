import Foundation
import Glibc
import HAHost
import HAProtocol
import Testing

@testable import HADaemon

/// `Type=notify` and `WatchdogSec=` (issue 13): the daemon says READY=1 once it runs, WATCHDOG=1
/// from its loop at half the interval systemd gives, and STOPPING=1 when a clean stop begins,
/// to the socket in `$NOTIFY_SOCKET`, as `sd_notify(3)` does. Tested against a datagram socket of
/// the test's own, the real daemon on loopback.
@Suite(.serialized) struct SystemdNotifyTests {
    /// A bound datagram socket; returns its fd.
    func listen(_ path: String) throws -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var address = try #require(UnixSocket.address(path))
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        try #require(bound == 0)
        var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    /// Datagrams received within `duration`, each as text.
    func receive(_ fd: Int32, for duration: Duration, until done: ([String]) -> Bool = { _ in false }) -> [String] {
        var messages: [String] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        let end = SystemClock.now() + duration
        while SystemClock.now() < end && !done(messages) {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count > 0 { messages.append(String(decoding: buffer[0..<count], as: UTF8.self)) }
        }
        return messages
    }

    @Test("the real daemon: READY=1 once running, WATCHDOG=1 about every half interval, STOPPING=1 on SIGTERM")
    func daemonNotifies() throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        let dir = try tmp.loopbackConfig(port: 30695)
        let notify = tmp.path + "/notify.sock"
        let fd = try listen(notify)
        defer { close(fd) }
        var environment = ProcessInfo.processInfo.environment
        environment["NOTIFY_SOCKET"] = notify
        environment["WATCHDOG_USEC"] = "400000"
        let launch = ProcessLaunch(
            [
                try BuiltProducts.path("hadaemon"), "run", "--config-dir", dir, "--node", "alpha", "--state-dir", tmp.path + "/state",
                "--socket", tmp.path + "/hadaemon.sock", "--bind", "127.0.0.1", "--exit-with-parent",
            ], environment: environment, standardOutput: .null, standardError: .null)
        let started = try launch.start()
        defer {
            kill(started.pid, SIGKILL)
            var status: Int32 = 0
            waitpid(started.pid, &status, 0)
        }
        let first = receive(fd, for: .seconds(10)) { $0.contains { $0.contains("READY=1") } }
        #expect(first.contains { $0.contains("READY=1") && $0.contains("MAINPID=\(started.pid)") }, "\(first)")
        let ticks = receive(fd, for: .seconds(1)).filter { $0 == "WATCHDOG=1" }.count
        #expect((3...8).contains(ticks), "one WATCHDOG=1 per 200 ms over a second, got \(ticks)")
        kill(started.pid, SIGTERM)
        let last = receive(fd, for: .seconds(5)) { $0.contains { $0.hasPrefix("STOPPING=1") } }
        #expect(last.contains { $0.hasPrefix("STOPPING=1") }, "\(last)")
    }

    @Test("no NOTIFY_SOCKET, a relative path or an absurd WATCHDOG_USEC: nothing is sent, or no watchdog")
    func environmentChecked() {
        #expect(SystemdNotifier.make(environment: [:]) == nil)
        #expect(SystemdNotifier.make(environment: ["NOTIFY_SOCKET": "relative/path"]) == nil)
        #expect(SystemdNotifier.make(environment: ["NOTIFY_SOCKET": "/run/x", "WATCHDOG_USEC": "-5"])?.tickInterval == nil)
        #expect(SystemdNotifier.make(environment: ["NOTIFY_SOCKET": "/run/x", "WATCHDOG_USEC": "99999999999999999"])?.tickInterval == nil)
        #expect(SystemdNotifier.make(environment: ["NOTIFY_SOCKET": "@abstract", "WATCHDOG_USEC": "1000000"])?.tickInterval == .milliseconds(500))
        #expect(
            SystemdNotifier.make(environment: ["NOTIFY_SOCKET": "/run/x", "WATCHDOG_USEC": "1000000", "WATCHDOG_PID": "1"], pid: 2)?.tickInterval
                == nil)
    }
}
