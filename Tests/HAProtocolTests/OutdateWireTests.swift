import HAProtocol
import Testing

/// dopd's wire messages and the outdate-peer control request, byte for byte.
@Suite struct OutdateWireTests {
    @Test("start_outdate and outdate_rc carry dopd's fields in dopd's order")
    func messages() {
        #expect(
            HAMessage.outdateRequest(to: "bravo", resource: "r0")
                == HAMessage(strings: [("t", "start_outdate"), ("dest", "bravo"), ("dop_res", "r0")]))
        #expect(
            HAMessage.outdateReply(to: "alpha", resource: "r0", .peerPrimary)
                == HAMessage(strings: [("t", "outdate_rc"), ("dop_value", "6"), ("dop_res", "r0"), ("dest", "alpha")]))
    }

    @Test("drbdadm's exit status maps as Heartbeat 3.0.6's dopd maps it: 0→4, 5→3, 17→6, anything else or a signal →20")
    func drbdadmMapping() {
        let mapped = [Int32?(0), 5, 17, 1, 10, 20, 255, nil].map { OutdateResult(drbdadmExit: $0).rawValue }
        #expect(mapped == [4, 3, 6, 20, 20, 20, 20, 20])
    }

    @Test("dop_value reads only 3…7 and 20 in decimal")
    func dopValue() {
        #expect((0...30).compactMap { OutdateResult(dopValue: String($0))?.rawValue } == [3, 4, 5, 6, 7, 20])
        #expect(OutdateResult(dopValue: "") == nil && OutdateResult(dopValue: "+4") == nil && OutdateResult(dopValue: "4 ") == nil)
        #expect(OutdateResult(dopValue: String(repeating: "9", count: 100)) == nil)
    }

    @Test("resource names: letters, digits and _-.+: up to 128 bytes; not all, not an option")
    func resourceNames() {
        for good in ["r0", "data_1", "a.b-c+d:e", String(repeating: "r", count: 128)] { #expect(HAMessage.isValidDRBDResource(good), "\(good)") }
        for bad in ["", "all", "-d", "r 0", "r0\n", "r/0", "r0;x", "é", String(repeating: "r", count: 129)] {
            #expect(!HAMessage.isValidDRBDResource(bad), "\(bad)")
        }
    }

    @Test("the outdate-peer request and its answer round-trip through the control codec")
    func controlCodec() throws {
        let line = #"{"id":3,"op":"outdate-peer","peer":"bravo","resource":"r0","timeout":5,"token":"42-7"}"#
        let request = try ControlCodec.decodeRequest(Array(line.utf8)).get()
        #expect(request.op == .outdatePeer && request.op.isChange)
        #expect(request.resource == "r0" && request.peer == "bravo" && request.timeout == 5 && request.token == "42-7")
        let wrong = ControlCodec.decodeRequest(Array(#"{"id":3,"op":"outdate-peer","timeout":"5"}"#.utf8))
        #expect(throws: ControlErrorWithID.self) { try wrong.get() }
        let answer = ControlCodec.encode(ControlResponse(id: 3, message: "bravo: peer was outdated", exitCode: 4))
        #expect(String(decoding: answer, as: UTF8.self) == #"{"exitCode":4,"id":3,"message":"bravo: peer was outdated","v":1}"# + "\n")
        #expect(try ControlCodec.decodeResponse(answer.dropLast()).exitCode == 4)
    }
}
