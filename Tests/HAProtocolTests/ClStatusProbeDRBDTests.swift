import Foundation
import HAProtocol
import Testing

/// The Heartbeat probe's DRBD look (``ClStatusProbe/drbdLook(procFile:)``) run by `sh` against a
/// scratch `/proc/drbd` and a stand-in `drbdsetup` on the PATH: /proc/drbd only when it lists a
/// resource, as ``HAHost/DRBDSource`` chooses for a hadaemon node.
@Suite("ClStatusProbe: the DRBD look on DRBD 9")
struct ClStatusProbeDRBDTests {
    /// Runs the look with `bin` first on the PATH; its output.
    static func look(procFile: String, bin: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", ClStatusProbe.drbdLook(procFile: procFile)]
        process.environment = ["PATH": "\(bin):/usr/bin:/bin"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test("DRBD 9's version-only /proc/drbd gives way to drbdsetup status; 8.4's resources do not; neither, no section")
    func choice() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("probe-drbd-\(getpid())-\(UInt32.random(in: 0...99999))")
        let bin = directory.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let proc = directory.appendingPathComponent("proc-drbd").path
        try "version: 9.2.8 (api:2/proto:86-122)\nTransports (api:20): tcp (9.2.8)\n".write(toFile: proc, atomically: true, encoding: .utf8)
        #expect(try !Self.look(procFile: proc, bin: bin.path).contains("@@hb drbd"))
        let drbdsetup = bin.appendingPathComponent("drbdsetup").path
        try "#!/bin/sh\necho \"r0 role:Primary ($*)\"\n".write(toFile: drbdsetup, atomically: true, encoding: .utf8)
        chmod(drbdsetup, 0o755)
        let drbd9 = try Self.look(procFile: proc, bin: bin.path)
        #expect(drbd9.contains("@@hb drbd drbdsetup\nr0 role:Primary (status --verbose --statistics)\n"), "\(drbd9)")
        try "version: 8.4.11 (api:1/proto:86-101)\n 0: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----\n"
            .write(toFile: proc, atomically: true, encoding: .utf8)
        let drbd84 = try Self.look(procFile: proc, bin: bin.path)
        #expect(drbd84.hasPrefix("@@hb drbd \(proc)\nversion: 8.4.11"), "\(drbd84)")
        // 8.x lists every resource in /proc/drbd: with none up yet it is still the source.
        try "version: 8.4.11 (api:1/proto:86-101)\nsrcversion: 2D876214BAA2E5B6A97AAD3\n".write(toFile: proc, atomically: true, encoding: .utf8)
        #expect(try Self.look(procFile: proc, bin: bin.path).hasPrefix("@@hb drbd \(proc)\nversion: 8.4.11"))
    }
}
