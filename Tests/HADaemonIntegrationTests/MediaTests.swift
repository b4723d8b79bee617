import Foundation
import HAProtocol
import HATestSupport
import Testing

/// Every medium ha.cf can name carries the cluster: broadcast and multicast as well as unicast
/// (the other suites use ucast).
@Suite(.serialized)
struct MediaTests {
    @Test("a pair over each medium forms, and takes over when the holder dies", arguments: [HeartbeatMedium.bcast, .mcast()])
    func medium(_ medium: HeartbeatMedium) async throws {
        var spec = ClusterSpec(nodes: ["alpha", "bravo"])
        spec.medium = medium
        let cluster = try NetnsCluster(spec)
        defer { cluster.shutdown() }
        try cluster.start("alpha")
        try cluster.start("bravo")
        try await cluster.waitUntil("the pair settles over \(medium)", timeout: .seconds(8)) {
            try cluster.serviceAddressHolders() == ["alpha"] && cluster.isSettled()
        }
        #expect(cluster.snapshot("bravo")?.node("alpha")?.links.first?.status == .up)
        try cluster.kill("alpha")
        try await cluster.waitUntil("bravo takes over over \(medium)", timeout: .seconds(5)) { try cluster.holdsServiceAddress("bravo") }
    }
}
