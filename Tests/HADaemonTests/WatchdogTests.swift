import Foundation
import Glibc
import HAProtocol
import Testing

@testable import HADaemon
@testable import HADaemonCore

/// `watchdog DEVICE` (issue 12): the protocol Heartbeat 3.0.6 speaks to the device, checked
/// against a recorder (no watchdog driver loads here) and against real files: a regular file
/// keeps every byte written, and refuses the ioctl as a file that is no watchdog does.
@Suite struct WatchdogTests {
    /// Records every call; fails the ones it is told to.
    final class Recorder: WatchdogDevice {
        enum Call: Equatable {
            case write(UInt8)
            case setTimeout(Int32)
            case close
        }
        var calls: [Call] = []
        var failWrites: Int32?
        var failTimeout: Int32?

        func write(_ byte: UInt8) -> Int32? {
            calls.append(.write(byte))
            return failWrites
        }
        func setTimeout(seconds: Int32) -> Int32? {
            calls.append(.setTimeout(seconds))
            return failTimeout
        }
        func close() -> Int32? {
            calls.append(.close)
            return nil
        }
    }

    final class Lines {
        var all: [String] = []
        func log(_ level: HALogLevel, _ text: String) { all.append("\(level): \(text)") }
    }

    @Test(
        "the timeout is Heartbeat's ceil((deadtime + 10 ms) / 1 s), and never traps",
        arguments: [(500, 1), (990, 1), (991, 2), (30000, 31), (0, 1), (-5, 1), (Int.max, 2_147_483)] as [(Int, Int32)])
    func timeout(deadtime: Int, seconds: Int32) {
        #expect(Watchdog.timeoutSeconds(deadtimeMilliseconds: deadtime) == seconds)
    }

    @Test("arm sets the timeout and ticks, each status ticks with a NUL byte, a clean stop writes V and closes, then nothing more")
    func protocolOrder() {
        let device = Recorder()
        let lines = Lines()
        let watchdog = Watchdog(path: "/dev/watchdog", device: device, log: lines.log)
        watchdog.arm(deadtimeMilliseconds: 500)
        watchdog.tick()
        watchdog.tick()
        watchdog.close()
        watchdog.tick()
        watchdog.close()
        #expect(device.calls == [.setTimeout(1), .write(0), .write(0), .write(0), .write(UInt8(ascii: "V")), .close])
        #expect(
            lines.all == [
                "notice: Using watchdog device: /dev/watchdog", "debug: Set watchdog timer to 1 seconds.", "debug: Successful watchdog 'V' write",
                "debug: Successful watchdog close",
            ])
        #expect(WatchdogFile.setTimeoutRequest == 0xC004_5706)
    }

    @Test("a refused ioctl is logged in Heartbeat's words and the device stays in use; a reload's deadtime resets the timeout once")
    func ioctlRefused() {
        let device = Recorder()
        device.failTimeout = ENOTTY
        let lines = Lines()
        let watchdog = Watchdog(path: "/x", device: device, log: lines.log)
        watchdog.arm(deadtimeMilliseconds: 30000)
        #expect(lines.all.contains("error: WDIOC_SETTIMEOUT: Failed to set watchdog timer to 31 seconds.: Inappropriate ioctl for device"))
        watchdog.adjustTimeout(deadtimeMilliseconds: 30000)
        watchdog.adjustTimeout(deadtimeMilliseconds: 60000)
        watchdog.tick()
        #expect(device.calls == [.setTimeout(31), .write(0), .setTimeout(61), .write(0)])
    }

    @Test("a failing write is logged once until one succeeds, and the device is never closed for it (that would disarm it)")
    func writeFailureLoggedOnce() {
        let device = Recorder()
        let lines = Lines()
        let watchdog = Watchdog(path: "/x", device: device, log: lines.log)
        device.failWrites = EAGAIN
        watchdog.tick()
        watchdog.tick()
        watchdog.tick()
        device.failWrites = nil
        watchdog.tick()
        #expect(!device.calls.contains(.close))
        #expect(
            lines.all == [
                "error: Watchdog write failure on /x: Resource temporarily unavailable; keeping it open so that a hung node is still reset",
                "info: Watchdog writes to /x succeed again",
            ])
    }

    @Test("through a regular file: every tick is one NUL byte, the close a V; the ioctl fails as on any file that is no watchdog")
    func regularFile() throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        let path = tmp.path + "/watchdog"
        try "".write(toFile: path)
        let lines = Lines()
        var cf = HACF()
        cf.deadtime = 500
        cf.parameters["watchdog"] = path
        let watchdog = try #require(try Watchdog.open(cf: cf, allowUnfenced: false, log: lines.log))
        watchdog.tick()
        watchdog.tick()
        watchdog.close()
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: path))) == [0, 0, 0, UInt8(ascii: "V")])
        #expect(lines.all.first == "notice: Using watchdog device: \(path)")
        #expect(lines.all.contains { $0.hasPrefix("error: WDIOC_SETTIMEOUT: Failed to set watchdog timer to 1 seconds.: ") })
    }

    @Test("without a watchdog line there is none; a device that cannot be opened stops the start, or with --allow-unfenced is logged")
    func openFailure() throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        let lines = Lines()
        #expect(try Watchdog.open(cf: HACF(), allowUnfenced: false, log: lines.log) == nil)
        var cf = HACF()
        cf.parameters["watchdog"] = tmp.path + "/missing"
        #expect(throws: DaemonError.self) { try Watchdog.open(cf: cf, allowUnfenced: false, log: lines.log) }
        do {
            _ = try Watchdog.open(cf: cf, allowUnfenced: false, log: lines.log)
        } catch {
            #expect(
                "\(error)"
                    == "Cannot open watchdog device: \(tmp.path)/missing (No such file or directory): a hung node would not be reset; fix the"
                    + " device (is its driver loaded?), remove the watchdog line to run without it knowingly, or run 'hadaemon run"
                    + " --allow-unfenced' to accept the risk")
        }
        #expect(lines.all.isEmpty)
        #expect(try Watchdog.open(cf: cf, allowUnfenced: true, log: lines.log) == nil)
        #expect(
            lines.all == [
                "error: Cannot open watchdog device: \(tmp.path)/missing (No such file or directory)",
                "warn: running without the watchdog because --allow-unfenced was given: a hung node will not be reset",
            ])
    }

    @Test("a FIFO with no reader is refused at once (never a blocked start); with a reader every byte arrives")
    func fifo() throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        let path = tmp.path + "/fifo"
        #expect(mkfifo(path, 0o600) == 0)
        guard case .failure(let error) = WatchdogFile.open(path) else {
            Issue.record("opened a FIFO without a reader")
            return
        }
        #expect(error.errno == ENXIO)
        let reader = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        #expect(reader >= 0)
        defer { close(reader) }
        let watchdog = Watchdog(path: path, device: try WatchdogFile.open(path).get(), log: { _, _ in })
        watchdog.arm(deadtimeMilliseconds: 500)
        watchdog.tick()
        watchdog.close()
        var buffer = [UInt8](repeating: 0xFF, count: 8)
        let count = read(reader, &buffer, buffer.count)
        #expect(Array(buffer.prefix(max(count, 0))) == [0, 0, UInt8(ascii: "V")])
    }

    @Test("a reload that names another watchdog device is refused: the running one stays open and armed")
    func reloadRefusesANewDevice() {
        var running = ReloadPolicyTests.running
        running.haCF.parameters["watchdog"] = "/dev/watchdog"
        var node = NodeStateMachine(config: NodeCoreConfig(me: "alpha", cluster: running, generation: 1), at: .milliseconds(0))
        _ = node.handle(.tick, at: .milliseconds(0))
        var new = running
        new.haCF.parameters["watchdog"] = "/dev/watchdog1"
        let effects = node.handle(.reload(new), at: .milliseconds(10))
        #expect(AlphaCore.logs(effects) == ["Reload refused: changes to watchdog need a restart; keeping the running configuration"])
        #expect(node.config.cluster == running)
    }
}
