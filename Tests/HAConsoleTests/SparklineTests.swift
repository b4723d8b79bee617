import HAProtocol
import Testing

@testable import HAConsole

/// ``Sparkline`` scaling and ``HeartbeatAges`` bounds: whatever a snapshot says, no trap and
/// no unbounded growth.
@Suite struct SparklineTests {
    @Test("heights are shares of the ceiling: 0 lowest, the ceiling and above highest, to the nearest level")
    func scaling() {
        #expect(Sparkline.draw([0, 100, 250, 500, 900], ceiling: 500, width: 10, ascii: false) == "▁▂▅██")
        #expect(Sparkline.draw([0, 100, 250, 500, 900], ceiling: 500, width: 10, ascii: true) == "_.-##")
    }

    @Test("with no ceiling the largest value is the top; all zeros stay low")
    func noCeiling() {
        #expect(Sparkline.draw([10, 20, 40], ceiling: nil, width: 10, ascii: false) == "▃▅█")
        #expect(Sparkline.draw([0, 0, 0], ceiling: nil, width: 10, ascii: false) == "▁▁▁")
        #expect(Sparkline.draw([0, 0], ceiling: 0, width: 10, ascii: true) == "__")
    }

    @Test("only the newest values that fit the width are drawn; no room draws nothing")
    func width() {
        #expect(Sparkline.draw([500, 0, 0, 500], ceiling: 500, width: 2, ascii: false) == "▁█")
        #expect(Sparkline.draw([500], ceiling: 500, width: 0, ascii: false) == "")
        #expect(Sparkline.draw([], ceiling: 500, width: 5, ascii: false) == "")
    }

    @Test("huge and negative values, and a huge ceiling, are clamped: no overflow")
    func extremes() {
        #expect(Sparkline.draw([Int.max, Int.min, -1], ceiling: 500, width: 10, ascii: false) == "█▁▁")
        #expect(Sparkline.draw([Int.max, 0], ceiling: Int.max, width: 10, ascii: false) == "█▁")
        #expect(Sparkline.draw([Int.max, 1], ceiling: nil, width: 10, ascii: true) == "#_")
        #expect(Sparkline.draw([5], ceiling: Int.min, width: 10, ascii: false) == "█")
    }

    @Test("heartbeat ages are kept per peer link, bounded in samples and links, clamped on the way in")
    func agesBounded() {
        var ages = HeartbeatAges()
        for round in 0..<(HeartbeatAges.samplesPerLink + 30) {
            let links = (0..<20).map { LinkSnapshot(interface: "eth\($0)", status: .up, lastHeardAge: round == 0 ? -5 : Int.max) }
            let nodes =
                [NodeSnapshot(name: "alpha", status: .active)]
                + (0..<5).map { NodeSnapshot(name: "peer\(round % 7)-\($0)", status: .active, lastHeardAge: 1, links: links) }
            ages.record(
                ClusterSnapshot(
                    takenAt: 0, localNode: "alpha", timers: .init(keepalive: 1, warntime: 2, deadtime: 3, initdead: 4), autoFailback: .on,
                    nodes: nodes))
        }
        #expect(ages.links.count <= HeartbeatAges.maximumLinks)
        #expect(ages.ages.count == ages.links.count)
        #expect(ages.ages.values.allSatisfy { $0.count <= HeartbeatAges.samplesPerLink })
        #expect(ages.ages.values.allSatisfy { $0.allSatisfy { (0...HeartbeatAges.maximumAge).contains($0) } })
        #expect(ages.links(of: "alpha").isEmpty, "the local node's links carry no ages")
    }
}
