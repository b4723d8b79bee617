import Glibc

/// The three calls a watchdog needs, apart from the protocol that makes them, so a test can
/// record them: no watchdog driver loads on the test machines.
///
/// Each call returns nil when it succeeded, else the `errno` of its failure. None may block the
/// poll loop.
protocol WatchdogDevice: AnyObject {
    /// Writes `byte` once.
    func write(_ byte: UInt8) -> Int32?
    /// Sets the reset timeout (Linux `WDIOC_SETTIMEOUT`).
    func setTimeout(seconds: Int32) -> Int32?
    /// Closes the device; called at most once.
    func close() -> Int32?
}

/// A watchdog device file (`/dev/watchdog`), opened as Heartbeat opens it: write only.
///
/// Also close-on-exec from the start (Heartbeat sets it just after the open; a resource script
/// that inherited the descriptor would keep the device open after the daemon exits) and
/// non-blocking, so a stand-in such as a FIFO nobody reads can never hold the loop: a kernel
/// watchdog accepts every write at once either way.
final class WatchdogFile: WatchdogDevice {
    /// `_IOWR('W', 6, int)` from `<linux/watchdog.h>`, the value Heartbeat 3.0.6 passes.
    static let setTimeoutRequest: UInt = 0xC004_5706

    let path: String
    private var fd: Int32

    private init(path: String, fd: Int32) {
        self.path = path
        self.fd = fd
    }

    /// Opens `path`, or returns the `errno` of the failure (a FIFO without a reader: `ENXIO`).
    static func open(_ path: String) -> Result<WatchdogFile, WatchdogOpenError> {
        var fd = Glibc.open(path, O_WRONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        while fd < 0 && errno == EINTR { fd = Glibc.open(path, O_WRONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY) }
        guard fd >= 0 else { return .failure(WatchdogOpenError(path: path, errno: errno)) }
        return .success(WatchdogFile(path: path, fd: fd))
    }

    deinit { if fd >= 0 { Glibc.close(fd) } }

    func write(_ byte: UInt8) -> Int32? {
        var value = byte
        while true {
            let written = Glibc.write(fd, &value, 1)
            if written == 1 { return nil }
            if written < 0 && errno == EINTR { continue }
            return written < 0 ? errno : EIO
        }
    }

    func setTimeout(seconds: Int32) -> Int32? {
        var value = seconds
        let result = withUnsafeMutablePointer(to: &value) { ioctl(fd, Self.setTimeoutRequest, $0) }
        return result < 0 ? errno : nil
    }

    func close() -> Int32? {
        guard fd >= 0 else { return nil }
        let result = Glibc.close(fd)
        fd = -1
        // After close(2) fails the descriptor is gone all the same (Linux): never retried.
        return result < 0 ? errno : nil
    }
}

/// A watchdog device that cannot be opened: Heartbeat's words, and why.
struct WatchdogOpenError: Error, CustomStringConvertible {
    var path: String
    var errno: Int32
    var description: String { "Cannot open watchdog device: \(path) (\(String(cString: strerror(errno))))" }
}
