import Foundation
import HAProtocol
import HATestSupport
import Testing

extension ControlSocketAbuseTests {
    @Test("cl_status and hadaemon status without permission on the socket say so, naming it, and never 'stopped'")
    func permissionDenied() async throws {
        let cluster = try await Self.fastPair(start: ["alpha"])
        defer { cluster.shutdown() }
        let path = try cluster.node("alpha").socketPath
        let nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/env", "HADAEMON_SOCKET=\(path)"]
        for arguments in [["hbstatus"], ["rscstatus"]] {
            let output = try cluster.run(in: "alpha", nobody + [try NetnsCluster.builtProduct("cl_status")] + arguments)
            #expect(!output.stdout.contains("stopped"), "cl_status \(arguments): \(output.stdout)")
            #expect(output.stderr.contains("permission denied on \(path)"), "cl_status \(arguments): \(output.stderr)")
            #expect(output.status == .exited(13), "cl_status \(arguments): \(output.status)")
        }
        let status = try cluster.run(in: "alpha", nobody + [try NetnsCluster.builtProduct("hadaemon"), "status", "--socket", path])
        #expect(status.status == .exited(1))
        #expect(status.stderr.contains("permission denied on \(path)") && !status.stderr.contains("is it running"), "\(status.stderr)")
    }
}
