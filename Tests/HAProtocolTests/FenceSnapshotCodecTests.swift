import Foundation
import HAProtocol
import Testing

@Suite struct FenceSnapshotCodecTests {
    static func snapshot() -> ClusterSnapshot {
        var snapshot = ClusterSnapshot(
            takenAt: 1, localNode: "alpha", timers: .init(keepalive: 100, warntime: 200, deadtime: 500, initdead: 1000), autoFailback: .on)
        snapshot.fenceDevice = "external/ssh"
        snapshot.fencesInProgress = [
            FenceInProgress(
                victim: "bravo", device: "external/ssh", phase: .retrying, age: 12_000, failures: 2, nextAttemptIn: 4_000, lastFailure: "rc 1")
        ]
        snapshot.fencing = []
        return snapshot
    }

    @Test("the device and the reset in progress survive a round trip; attempt counts the failures")
    func roundTrip() throws {
        let line = ControlCodec.encode(ControlResponse(id: 1, snapshot: Self.snapshot()))
        let decoded = try ControlCodec.decodeResponse(line.dropLast())
        #expect(decoded.snapshot == Self.snapshot())
        #expect(decoded.snapshot?.fencesInProgress?.first?.attempt == 3)
    }

    @Test("a snapshot of an older daemon, without the fencing fields, still decodes with them absent")
    func olderSnapshot() throws {
        let line = String(decoding: ControlCodec.encode(ControlResponse(id: 1, snapshot: Self.snapshot())), as: UTF8.self)
        var object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        var snapshot = try #require(object["snapshot"] as? [String: Any])
        for key in ["fenceDevice", "fencesInProgress", "fencing"] { snapshot[key] = nil }
        object["snapshot"] = snapshot
        let older = try JSONSerialization.data(withJSONObject: object)
        let decoded = try ControlCodec.decodeResponse(Array(older))
        #expect(decoded.snapshot?.fenceDevice == nil)
        #expect(decoded.snapshot?.fencesInProgress == nil)
        #expect(decoded.snapshot?.localNode == "alpha")
    }

    @Test("a phase from a newer daemon is read as unknown, not as a broken snapshot")
    func unknownPhase() throws {
        let line = String(decoding: ControlCodec.encode(ControlResponse(id: 1, snapshot: Self.snapshot())), as: UTF8.self)
        let newer = line.replacingOccurrences(of: "\"retrying\"", with: "\"queued\"")
        #expect(newer != line)
        let decoded = try ControlCodec.decodeResponse(Array(newer.utf8).dropLast())
        #expect(decoded.snapshot?.fencesInProgress?.first?.phase == .unknown)
    }
}
