import Foundation
import HAFixtures
import HAProtocol

/// The Heartbeat 3.0.6 captures under `Fixtures/wire/` and the key they were signed with.
enum WireFixtures {
    /// `authkeys`: `auth 1` / `1 sha1 somesecret`, as in the capture set-up.
    static let key = SigningKey(index: 1, method: .sha1, secret: Array("somesecret".utf8))

    /// The captured single-datagram files, without extension.
    static let names = [
        "01-status-init", "02-status-up", "03-reqnodes", "04-NS_ackmsg", "05-repnodes",
        "06-status-active-dt12000", "07-starting", "08-resource-none-unstable", "09-status-active-dt10000",
        "10-resource-local-req_our_resources", "11-ip-request-resp", "12-resource-none-info-shutdown",
        "13-shutdone", "14-ask_resources-all-done", "15-resource-foreign-mach_down", "16-stonith-n_stnth",
        "17-ask_resources-all-me", "18-hb_takeover", "19-query-cstatus", "20-respond-cstatus",
    ]

    /// The raw UDP payload of one captured file.
    static func datagram(_ name: String) throws -> [UInt8] {
        try load(name, extension: "msg")
    }

    /// Every UDP payload of `full-cycle.pcap` (1,058 datagrams), stored as
    /// `<4-byte big-endian length><payload>` records.
    static func fullCycle() throws -> [[UInt8]] {
        let data = try load("full-cycle", extension: "payloads")
        var datagrams: [[UInt8]] = []
        var offset = 0
        while offset + 4 <= data.count {
            let length = data[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
            datagrams.append(Array(data[(offset + 4)..<(offset + 4 + length)]))
            offset += 4 + length
        }
        return datagrams
    }

    private static func load(_ name: String, extension ext: String) throws -> [UInt8] {
        try Fixtures.bytes("wire/\(name).\(ext)")
    }

    /// `text` with `\n` for LF, as the spec prints signed bytes.
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
}
