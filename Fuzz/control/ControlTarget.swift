import HAProtocol

/// Target `control`: one line of the control socket, read as a request (the daemon's side) and as
/// an answer (the console's side).
///
/// Properties beyond "no trap": what decodes encodes to one line that decodes to the same value
/// (the daemon echoes requests into answers and logs; a client relays answers).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzControl(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let line = FuzzInput.bytes(data, size)
    if case .success(let request) = ControlCodec.decodeRequest(line) {
        let encoded = ControlCodec.encode(request)
        FuzzInput.require(encoded.last == 0x0A && !encoded.dropLast().contains(0x0A), "request encodes to more than one line")
        let again = ControlCodec.decodeRequest(encoded.dropLast())
        FuzzInput.require(again == .success(request), "request \(request) came back as \(again)")
    }
    if let response = try? ControlCodec.decodeResponse(line) {
        let encoded = ControlCodec.encode(response)
        FuzzInput.require(encoded.last == 0x0A && !encoded.dropLast().contains(0x0A), "answer encodes to more than one line")
        let again = try? ControlCodec.decodeResponse(encoded.dropLast())
        FuzzInput.require(again == response, "answer \(response) came back as \(String(describing: again))")
    }
    return 0
}
