import Foundation
import HAProtocol
import Testing

@testable import HADaemon

extension HALogWriterTests {
    /// Debian's /etc/logrotate.d/heartbeat renames ha-log and creates nothing (no `create`, no
    /// postrotate, no signal). The daemon kept its file open and went on writing to ha-log.1
    /// (issue 13): the console's log panel and every grep on ha-log went quiet.
    @Test("after a rotation by rename the next line goes to a new ha-log, and the rotated file keeps the old lines")
    func renameRotation() throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        let log = tmp.path + "/ha-log"
        let debug = tmp.path + "/ha-debug"
        let writer = HALogWriter(logfile: log, debugfile: debug, host: "alpha", echo: false)
        writer.daemon(.info, "before rotation")
        #expect(rename(log, log + ".1") == 0 && rename(debug, debug + ".1") == 0)
        writer.daemon(.info, "after rotation")
        let rotated = try String(contentsOfFile: log + ".1", encoding: .utf8)
        let current = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        #expect(rotated.contains("before rotation") && !rotated.contains("after rotation"), "\(rotated)")
        #expect(current.contains("after rotation") && !current.contains("before rotation"), "\(current)")
        #expect(((try? String(contentsOfFile: debug, encoding: .utf8)) ?? "").contains("after rotation"))
        #expect(writer.failures.isEmpty)
    }

    @Test("a rotated file removed outright is recreated at the next line")
    func removedFile() throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        let log = tmp.path + "/ha-log"
        let writer = HALogWriter(logfile: log, debugfile: nil, host: "alpha", echo: false)
        writer.daemon(.info, "first")
        #expect(unlink(log) == 0)
        writer.daemon(.info, "second")
        #expect(((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").contains("second"))
    }
}
