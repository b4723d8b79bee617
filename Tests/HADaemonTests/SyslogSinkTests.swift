import Foundation
import Glibc
import HAProtocol
import Testing

@testable import HADaemon

/// ha.cf's `logfacility`: every ha-log line also reaches syslog, as Heartbeat sends it (spec §6.1).
@Suite struct SyslogSinkTests {
    /// A datagram socket standing in for /dev/log, bound in a temporary directory.
    final class FakeSyslog {
        let directory: TemporaryDirectory
        let path: String
        let fd: Int32

        init() throws {
            directory = try TemporaryDirectory()
            path = directory.path + "/log"
            fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0, var address = SyslogSink.address(path) else { throw TestFailure("no socket") }
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            guard bound == 0 else { throw TestFailure("bind \(path): \(errno)") }
        }

        deinit {
            close(fd)
            directory.remove()
        }

        /// Every datagram waiting now (the sends happened before; nothing waits).
        func received() -> [String] {
            var result: [String] = []
            var buffer = [UInt8](repeating: 0, count: 16384)
            while true {
                let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
                guard count > 0 else { return result }
                result.append(String(decoding: buffer[0..<count], as: UTF8.self))
            }
        }
    }

    @Test("daemon and script lines reach syslog with the facility, the line's level and Heartbeat's tags; debug lines do not")
    func linesReachSyslog() throws {
        let syslog = try FakeSyslog()
        let writer = HALogWriter(logfile: nil, debugfile: nil, host: "alpha", echo: false, syslogFacility: "local0", syslogPath: syslog.path)
        writer.daemon(.warn, "node bravo: is dead", pid: 4242)
        writer.daemon(.debug, "not for syslog", pid: 4242)
        writer.daemon(.info, "forged\nMay  9 12:10:40 gw2 heartbeat: [1]: CRIT: x", pid: 4242)
        writer.script("ResourceManager", instance: "default", level: .error, "Return code 1 from /etc/ha.d/resource.d/hbdummy", pid: 77)
        let lines = syslog.received()
        #expect(lines.count == 3, "\(lines)")
        guard lines.count == 3 else { return }
        // local0 is 16: <132> is local0.warning, <134> local0.info, <131> local0.err.
        #expect(lines[0].hasPrefix("<132>") && lines[0].hasSuffix(" heartbeat: [4242]: WARN: node bravo: is dead"), "\(lines[0])")
        #expect(
            lines[1].hasPrefix("<134>") && lines[1].hasSuffix(#" heartbeat: [4242]: info: forged\nMay  9 12:10:40 gw2 heartbeat: [1]: CRIT: x"#),
            "\(lines[1])")
        #expect(
            lines[2].hasPrefix("<131>")
                && lines[2].hasSuffix(" ResourceManager(default)[77]: ERROR: Return code 1 from /etc/ha.d/resource.d/hbdummy"),
            "\(lines[2])")
        // `<PRI>May  9 12:10:40 `: syslog's timestamp, the day padded with a space.
        let stamp = lines[0].dropFirst(5).prefix(16)
        #expect(stamp.count == 16 && stamp.last == " " && stamp.dropFirst(3).first == " ", "\(stamp)")
    }

    @Test("a failfast reboot's reason goes to syslog at emerg, as cl_reboot logs it")
    func rebootReasonAtEmerg() throws {
        let syslog = try FakeSyslog()
        let writer = HALogWriter(logfile: nil, debugfile: nil, host: "alpha", echo: false, syslogFacility: "local0", syslogPath: syslog.path)
        writer.daemon(.other("EMERG"), "Rebooting system.  Reason: /usr/local/bin/agent", pid: 4242)
        let lines = syslog.received()
        // local0 is 16: <128> is local0.emerg.
        #expect(lines.count == 1 && lines[0].hasPrefix("<128>"), "\(lines)")
        #expect(lines.first?.hasSuffix(" heartbeat: [4242]: EMERG: Rebooting system.  Reason: /usr/local/bin/agent") == true, "\(lines)")
    }

    @Test("logfacility none sends nothing; a reload can turn syslog on and off")
    func facilityNoneAndReload() throws {
        let syslog = try FakeSyslog()
        let writer = HALogWriter(logfile: nil, debugfile: nil, host: "alpha", echo: false, syslogFacility: nil, syslogPath: syslog.path)
        writer.daemon(.info, "one")
        #expect(syslog.received().isEmpty)
        writer.useSyslog(facility: "daemon")
        writer.daemon(.crit, "two", pid: 1)
        let lines = syslog.received()
        #expect(lines.count == 1 && lines[0].hasPrefix("<26>") && lines[0].hasSuffix("heartbeat: [1]: CRIT: two"), "\(lines)")
        writer.useSyslog(facility: nil)
        writer.daemon(.info, "three")
        #expect(syslog.received().isEmpty)
    }

    @Test("no syslog daemon listening: lines are dropped and counted, never blocking")
    func noListener() throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        var sink = try #require(SyslogSink(facility: "daemon", path: tmp.path + "/absent"))
        let stamp = HALogTimestamp(month: 5, day: 9, hour: 12, minute: 10, second: 40)
        for _ in 0..<3 { sink.send(.info, tag: "heartbeat", text: "x", at: stamp) }
        #expect(sink.dropped == 3)
        sink.close()
        #expect(SyslogSink(facility: "none") == nil && SyslogSink(facility: "local9") == nil)
    }
}
