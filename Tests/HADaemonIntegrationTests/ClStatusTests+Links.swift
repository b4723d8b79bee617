import Foundation
import HATestSupport
import Testing

extension ClStatusTests {
    /// The package installs `hb_standby` and `hb_takeover` as links to `hadaemon` (two more static
    /// binaries would add 38 MB); called by those names it must be those commands.
    @Test("hadaemon called through a link named hb_standby or hb_takeover is that command: the address moves and back")
    func linkedNames() async throws {
        let cluster = try await pair()
        defer { cluster.shutdown() }
        let directory = try cluster.node("alpha").directory + "/links"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for name in ["hb_standby", "hb_takeover"] {
            try FileManager.default.createSymbolicLink(atPath: directory + "/" + name, withDestinationPath: try Self.tool("hadaemon"))
        }
        let socket = try cluster.node("alpha").socketPath
        let standby = try cluster.run(in: "alpha", ["/usr/bin/env", "HADAEMON_SOCKET=\(socket)", directory + "/hb_standby"])
        #expect(standby.status == .exited(0), "\(standby.stderr)")
        #expect(standby.stdout.isEmpty && standby.stderr.hasSuffix(" Going standby [all].\n"), "\(standby)")
        try await cluster.waitUntil("bravo holds the address", timeout: .seconds(8)) { try cluster.serviceAddressHolders() == ["bravo"] }
        let takeover = try cluster.run(in: "alpha", ["/usr/bin/env", "HADAEMON_SOCKET=\(socket)", directory + "/hb_takeover"])
        #expect(takeover.status == .exited(0), "\(takeover.stderr)")
        try await cluster.waitUntil("alpha holds the address again", timeout: .seconds(8)) { try cluster.serviceAddressHolders() == ["alpha"] }
        let usage = try cluster.run(in: "alpha", [directory + "/hb_takeover", "everything"])
        #expect(usage.status == .exited(1))
        #expect(usage.stdout.hasSuffix(": wrong resources(everything).\nusage:\n"))
    }
}
