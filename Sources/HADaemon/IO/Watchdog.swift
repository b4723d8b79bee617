import Glibc
import HAProtocol

/// `watchdog DEVICE` in ha.cf, driven as Heartbeat 3.0.6 drives it, so that a hung daemon
/// resets its node: while hadaemon runs it writes the device; once it stops writing, the kernel
/// watchdog's timer runs out.
///
/// Contract (heartbeat-3.0.6-spec.md, the `watchdog` row and §5.3; the texts and the tick byte
/// checked against Debian's 3.0.6 binary, `hb_init_watchdog`/`hb_tickle_watchdog`/`hb_close_watchdog`):
/// - ``arm(deadtimeMilliseconds:)``: `Using watchdog device: DEV` (notice), the timeout set with
///   `WDIOC_SETTIMEOUT` to ``timeoutSeconds(deadtimeMilliseconds:)``, then a first tick. A failed
///   ioctl (a driver with a fixed timeout, or a file that is no watchdog) is logged in Heartbeat's
///   words and the device stays in use, as Heartbeat goes on.
/// - ``tick()``: one byte, a NUL as Heartbeat writes, for each status message of our own. A
///   failed write is logged once until a write succeeds again, and the device stays open:
///   Heartbeat closes it with the magic `V` instead, which disarms the reset, a protection lost.
/// - ``close()``: the magic `V` (the driver's "expect close": stop the timer) and close, on a
///   clean stop only. A crash closes the descriptor without `V`, and the node is reset. Once
///   closed, ticks and closes do nothing.
/// - Nothing blocks: ``WatchdogFile`` is non-blocking.
final class Watchdog {
    let path: String
    private let device: WatchdogDevice
    private let log: (HALogLevel, String) -> Void
    private var timeout: Int32?
    private var writeFailing = false
    private(set) var isClosed = false

    init(path: String, device: WatchdogDevice, log: @escaping (HALogLevel, String) -> Void) {
        self.path = path
        self.device = device
        self.log = log
    }

    /// Heartbeat's timeout: ceil((deadtime + 10 ms) / 1 s) seconds, so the node is reset only
    /// after its peers have declared it dead.
    static func timeoutSeconds(deadtimeMilliseconds: Int) -> Int32 {
        let milliseconds = min(max(deadtimeMilliseconds, 0), Int(Int32.max) - 1010) + 10
        return Int32((milliseconds + 999) / 1000)
    }

    /// Logs the device, sets its timeout from `deadtimeMilliseconds` and writes the first tick.
    func arm(deadtimeMilliseconds: Int) {
        log(.notice, "Using watchdog device: \(path)")
        adjustTimeout(deadtimeMilliseconds: deadtimeMilliseconds)
        tick()
    }

    /// Sets the timeout when `deadtimeMilliseconds` asks for another one (after a reload: a longer
    /// deadtime may come with a keepalive longer than the old timeout).
    func adjustTimeout(deadtimeMilliseconds: Int) {
        let seconds = Self.timeoutSeconds(deadtimeMilliseconds: deadtimeMilliseconds)
        guard !isClosed, seconds != timeout else { return }
        timeout = seconds
        log(.debug, "Set watchdog timer to \(seconds) seconds.")
        if let failure = device.setTimeout(seconds: seconds) {
            log(.error, "WDIOC_SETTIMEOUT: Failed to set watchdog timer to \(seconds) seconds.: \(Self.reason(failure))")
        }
    }

    /// One tick: the daemon is alive.
    func tick() {
        guard !isClosed else { return }
        if let failure = device.write(0) {
            if !writeFailing {
                log(.error, "Watchdog write failure on \(path): \(Self.reason(failure)); keeping it open so that a hung node is still reset")
            }
            writeFailing = true
        } else if writeFailing {
            writeFailing = false
            log(.info, "Watchdog writes to \(path) succeed again")
        }
    }

    /// A clean stop: the magic `V`, then close.
    func close() {
        guard !isClosed else { return }
        isClosed = true
        if let failure = device.write(UInt8(ascii: "V")) {
            log(.error, "Watchdog write magic character failure: closing \(path)!: \(Self.reason(failure))")
        } else {
            log(.debug, "Successful watchdog 'V' write")
        }
        if let failure = device.close() {
            log(.error, "Watchdog close(2) failed.: \(Self.reason(failure))")
        } else {
            log(.debug, "Successful watchdog close")
        }
    }

    static func reason(_ error: Int32) -> String { String(cString: strerror(error)) }
}

extension Watchdog {
    /// The watchdog ha.cf names, opened and armed; nil without a `watchdog` line.
    ///
    /// A device that cannot be opened stops the start: Heartbeat logs `Cannot open watchdog
    /// device` and runs on, but a configured watchdog that is not armed is a protection lost
    /// (fail closed). With `--allow-unfenced` the node runs without it, as Heartbeat would, and
    /// ha-log says so.
    static func open(cf: HACF, allowUnfenced: Bool, log: @escaping (HALogLevel, String) -> Void) throws -> Watchdog? {
        guard let path = cf.parameters["watchdog"] else { return nil }
        switch WatchdogFile.open(path) {
        case .success(let file):
            let watchdog = Watchdog(path: path, device: file, log: log)
            watchdog.arm(deadtimeMilliseconds: cf.deadtime)
            return watchdog
        case .failure(let error) where allowUnfenced:
            log(.error, error.description)
            log(.warn, "running without the watchdog because --allow-unfenced was given: a hung node will not be reset")
            return nil
        case .failure(let error):
            throw DaemonError(
                "\(error): a hung node would not be reset; fix the device (is its driver loaded?), remove the watchdog line to run"
                    + " without it knowingly, or run 'hadaemon run --allow-unfenced' to accept the risk")
        }
    }
}
