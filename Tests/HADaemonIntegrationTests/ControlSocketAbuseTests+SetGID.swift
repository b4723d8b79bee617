import Foundation
import Glibc
import HATestSupport
import Testing

extension ControlSocketAbuseTests {
    /// Heartbeat's postinst makes /usr/bin/cl_status setgid haclient (`chmod 2555`), and the
    /// package makes ours so too: any user may ask for the status, as under Heartbeat. The group's
    /// privilege must then reach only the standard socket, never one the caller's environment names.
    @Test("a setgid cl_status run by another user ignores $HADAEMON_SOCKET: the socket it names is never connected to")
    func setgidIgnoresSocketVariable() throws {
        var template = Array("/tmp/hadaemon-setgid.XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        let directory = try #require(made.map { String(cString: $0) })
        defer { try? FileManager.default.removeItem(atPath: directory) }
        chmod(directory, 0o755)
        let binary = directory + "/cl_status"
        try FileManager.default.copyItem(atPath: try NetnsCluster.builtProduct("cl_status"), toPath: binary)
        // A group the caller is not in (65533: nogroup's neighbour), set-group-ID like Heartbeat's.
        #expect(chown(binary, 0, 65533) == 0)
        #expect(chmod(binary, 0o2755) == 0)

        let bait = directory + "/bait.sock"
        let listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        #expect(listener >= 0)
        defer { close(listener) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in bait.utf8.enumerated() where index < raw.count - 1 { raw[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        #expect(bound == 0)
        #expect(listen(listener, 8) == 0)
        chmod(bait, 0o666)

        let output = try HostCommand.run([
            "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/env", "HADAEMON_SOCKET=\(bait)", binary, "hbstatus",
        ])
        let accepted = accept(listener, nil, nil)
        if accepted >= 0 { close(accepted) }
        #expect(accepted < 0, "the setgid cl_status connected to the socket its caller named: \(output.stdout) \(output.stderr)")
        #expect(!output.stdout.contains("running on this machine"), "\(output.stdout)")
    }
}
