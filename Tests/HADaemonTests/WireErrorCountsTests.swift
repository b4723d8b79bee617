import HAProtocol
import Testing

@testable import HADaemon

@Suite struct WireErrorCountsTests {
    @Test("refusals from any number of sources make one log line and one alert per cause")
    func boundedByCause() {
        var counts = WireErrorCounts()
        var firsts = 0
        for index in 0..<1000 {
            if counts.record(cause: "bad-signature", source: "192.0.2.\(index % 250)") { firsts += 1 }
        }
        if counts.record(cause: "truncated", source: "192.0.2.7") { firsts += 1 }
        #expect(firsts == 2)
        #expect(
            counts.alerts.map(\.message) == [
                "1000 packet(s) dropped (bad-signature) from 64 or more sources, first 192.0.2.0",
                "1 packet(s) dropped (truncated) from 192.0.2.7",
            ])
    }
}
