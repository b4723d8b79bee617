import Glibc
import HAProtocol

/// systemd's notification protocol (`sd_notify(3)`), spoken without libsystemd: one datagram
/// per state change to the socket named by `$NOTIFY_SOCKET` (a path, or `@name` for an abstract
/// socket), so the unit can be `Type=notify` with `WatchdogSec=`.
///
/// - ``ready()``: `READY=1` once the configuration is valid and the links are open.
/// - ``tick(now:)``: `WATCHDOG=1` from the poll loop at half of `$WATCHDOG_USEC` (when
///   `$WATCHDOG_PID` is unset or names this process): a hung loop stops the ticks and systemd
///   restarts the unit.
/// - ``stopping()``: `STOPPING=1` when a clean stop begins (the release may take a while).
///
/// Sends never block (`MSG_DONTWAIT`) and a failure is ignored: systemd not listening must not
/// stop the daemon. Without `$NOTIFY_SOCKET` (started by hand, by the tests, by Heartbeat's init
/// script) ``make(environment:)`` returns nil and nothing is sent.
final class SystemdNotifier {
    private let fd: Int32
    private var address: sockaddr_un
    private let addressLength: socklen_t
    /// Half the watchdog interval systemd asked for; nil: no watchdog.
    let tickInterval: Duration?
    private var nextTick: MonotonicTime?

    /// The longest watchdog interval honoured (systemd's own limit is far above any sane one);
    /// a larger or malformed `$WATCHDOG_USEC` is ignored rather than trusted.
    static let maximumWatchdogMicroseconds: Int64 = 24 * 3600 * 1_000_000

    static func make(environment: [String: String], pid: Int32 = getpid()) -> SystemdNotifier? {
        guard let path = environment["NOTIFY_SOCKET"], !path.isEmpty else { return nil }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var bytes = Array(path.utf8)
        let abstract = bytes.first == UInt8(ascii: "@")
        if abstract { bytes[0] = 0 }
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard bytes.count < capacity, path.hasPrefix("/") || abstract else { return nil }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let length = socklen_t(MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + bytes.count + (abstract ? 0 : 1))
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return nil }
        var interval: Duration?
        if let text = environment["WATCHDOG_USEC"], let usec = Int64(text), usec > 0, usec <= maximumWatchdogMicroseconds,
            environment["WATCHDOG_PID"].map({ Int32($0) == pid }) ?? true
        {
            interval = .microseconds(usec / 2)
        }
        return SystemdNotifier(fd: fd, address: address, length: length, tickInterval: interval)
    }

    /// The three variables systemd sets, from this process's environment.
    static func environment() -> [String: String] {
        var result: [String: String] = [:]
        for name in ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"] { result[name] = getenv(name).map { String(cString: $0) } }
        return result
    }

    private init(fd: Int32, address: sockaddr_un, length: socklen_t, tickInterval: Duration?) {
        self.fd = fd
        self.address = address
        addressLength = length
        self.tickInterval = tickInterval
    }

    deinit { close(fd) }

    func ready() { send("READY=1\nSTATUS=running\nMAINPID=\(getpid())") }

    func stopping() { send("STOPPING=1\nSTATUS=releasing resources") }

    /// `WATCHDOG=1` when one is due; the loop calls it on every turn.
    func tick(now: MonotonicTime) {
        guard let tickInterval else { return }
        if let nextTick, now < nextTick { return }
        nextTick = now + tickInterval
        send("WATCHDOG=1")
    }

    /// How long the loop may sleep before the next tick is due (nil: no watchdog).
    func untilNextTick(now: MonotonicTime) -> Duration? {
        guard tickInterval != nil else { return nil }
        return max(.zero, (nextTick ?? now) - now)
    }

    private func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sockaddr in
                bytes.withUnsafeBytes { Glibc.sendto(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT | MSG_NOSIGNAL), sockaddr, addressLength) }
            }
        }
    }
}
