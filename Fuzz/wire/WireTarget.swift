import HAProtocol

/// Target `wire`: any datagram through the decoder and the authenticator, as the daemon's
/// receive path takes it (`MessageAuthenticator.open`), with crc, sha1 and md5 keys.
///
/// Properties beyond "no trap": whatever decodes can be sealed again and opens to the same
/// fields (a message the node accepted is one it can also relay and retransmit).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWire(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, size)
    for authenticator in WireKeys.authenticators { _ = try? authenticator.open(bytes) }
    guard let datagram = try? HeartbeatCodec.decode(bytes) else { return 0 }
    let message = datagram.message
    _ = (message.type, message.src, message.dest, message.srcUUID, message.seq, message.hg, message.ts)
    _ = datagram.signedBytes
    for authenticator in WireKeys.authenticators {
        _ = try? authenticator.verify(datagram)
        if let sealed = try? authenticator.sealNetstring(message) {
            checkReopens(sealed, as: withoutAuth(message), with: authenticator, framing: "netstring")
        }
        if let sealed = try? authenticator.sealClassic(message) {
            checkReopens(sealed, as: classicView(withoutAuth(message)), with: authenticator, framing: "classic")
        }
    }
    return 0
}

private func checkReopens(_ sealed: [UInt8], as expected: [HAField], with authenticator: MessageAuthenticator, framing: String) {
    do {
        let reopened = withoutAuth(try authenticator.open(sealed))
        FuzzInput.require(reopened == expected, "\(framing): sealing changed the fields: \(expected) became \(reopened)")
    } catch {
        fatalError("\(framing): a sealed message does not open: \(error)")
    }
}

private func withoutAuth(_ message: HAMessage) -> [HAField] { message.fields.filter { $0.name != "auth" } }

/// The fields as classic framing carries them: a string's newline travels as byte 0x13, so a
/// 0x13 of its own comes back as a newline (Heartbeat's format, not a defect to report).
private func classicView(_ fields: [HAField]) -> [HAField] {
    fields.map { field in
        guard field.kind == .string else { return field }
        return HAField(name: field.name, kind: .string, value: field.value.map { $0 == 0x13 ? 0x0A : $0 })
    }
}
