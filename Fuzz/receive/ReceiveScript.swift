import HAProtocol

/// The input format of target `receive`: a script of records, each one thing that happens to the
/// node after some time, separated by ``separator``.
///
/// A record is a header byte then a payload. The header's upper six bits advance the fake clock
/// by that many 16 ms steps (0–1008 ms); its lower two bits say what the payload is:
/// - `0` raw: the datagram goes through `MessageAuthenticator.open` as it came off the wire;
/// - `1` resealed: decoded, then signed with the crc key and opened — any message the fuzzer
///   can frame reaches the core, as a forger's would under `auth 1` / `1 crc`;
/// - `2` resealed with the sha1 key, in classic framing (the other signature path);
/// - `3` an operator or host event, chosen by the payload's first byte (see ``Record/Local``).
///
/// A separator rather than lengths keeps the format friendly to byte-level mutation: a
/// fuzzer that inserts, drops or splices bytes keeps most records whole.
enum ReceiveScript {
    static let separator: [UInt8] = Array("\n~~\n".utf8)
    /// Longer scripts only repeat what shorter ones reach, slower.
    static let maximumRecords = 64

    struct Record: Equatable {
        enum Kind: UInt8 { case raw = 0, resealed = 1, resealedClassic = 2, local = 3 }

        /// What a `local` record's first payload byte selects, modulo the count.
        enum Local: UInt8, CaseIterable {
            case standbyAll, standbyLocal, standbyForeign, takeoverAll, takeoverForeign, failback
            case shutdown, drbd, startFails, stopFails
        }

        var steps: UInt8
        var kind: Kind
        var payload: [UInt8]

        var advance: Duration { .milliseconds(16 * Int(steps)) }

        var bytes: [UInt8] { [steps << 2 | kind.rawValue] + payload }
    }

    /// The records of `input`, at most ``maximumRecords``; empty records are skipped.
    static func records(in input: [UInt8]) -> [Record] {
        var records: [Record] = []
        var start = 0
        var index = 0
        while index <= input.count, records.count < maximumRecords {
            let atSeparator = index + separator.count <= input.count && input[index..<(index + separator.count)].elementsEqual(separator)
            if atSeparator || index == input.count {
                if index > start {
                    let header = input[start]
                    records.append(
                        Record(steps: header >> 2, kind: Record.Kind(rawValue: header & 3)!, payload: Array(input[(start + 1)..<index])))
                }
                index += atSeparator ? separator.count : 1
                start = index
            } else {
                index += 1
            }
        }
        return records
    }

    /// The bytes of a script made of `records`.
    static func script(_ records: [Record]) -> [UInt8] {
        var bytes: [UInt8] = []
        for (index, record) in records.enumerated() {
            if index > 0 { bytes += separator }
            bytes += record.bytes
        }
        return bytes
    }

    /// One line per record: the instant, the kind, and the message's fields as `name=value`
    /// (binary values in hex, control bytes escaped); undecodable datagrams say why.
    static func describe(_ input: [UInt8]) -> [String] {
        var elapsed = 0
        return records(in: input).map { record in
            elapsed += 16 * Int(record.steps)
            let head = "+\(elapsed) ms \(record.kind)"
            guard record.kind != .local else { return "\(head) \(record.payload.first.map { "\($0)" } ?? "tick")" }
            do {
                let message = try HeartbeatCodec.decode(record.payload).message
                let fields = message.fields.map { field in
                    let value =
                        field.kind == .string
                        ? String(decoding: field.value, as: UTF8.self).debugDescription.dropFirst().dropLast()
                        : Substring(field.value.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined())
                    return "\(field.name)=\(value)"
                }
                return "\(head) \(fields.joined(separator: " "))"
            } catch {
                return "\(head) undecodable: \(error)"
            }
        }
    }
}
