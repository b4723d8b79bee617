import HAProtocol

/// Target `receive`: a ``ReceiveScript`` played against node `alpha` of a two-node cluster, the
/// way the daemon's loop plays the network: bytes through `MessageAuthenticator.open`, then
/// `NodeStateMachine.handle(.received(…))`, with `.tick`s at advancing fake instants and every
/// group action the core asks for reported back as done (or failed, when the script says so).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReceive(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var node = FuzzNode()
    for record in ReceiveScript.records(in: FuzzInput.bytes(data, size)) { node.play(record) }
    node.finish()
    return 0
}
