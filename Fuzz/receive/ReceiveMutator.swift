import HAProtocol

/// libFuzzer's byte-level mutations, which the custom mutator falls back to.
@_silgen_name("LLVMFuzzerMutate")
func LLVMFuzzerMutate(_ data: UnsafeMutablePointer<UInt8>, _ size: Int, _ maxSize: Int) -> Int

/// Target `receive`'s structure-aware mutator: half of the time, a change a forger or a faulty
/// network would make to a script — a field of one message set to a boundary value (a sequence
/// number of 2^64-1, a generation of 0), a field dropped, a packet replayed, reordered or
/// delayed — and otherwise libFuzzer's own byte mutations.
///
/// Byte mutations alone rarely turn `seq=5` into a 16-digit value inside a netstring whose
/// length prefix must agree; a field-level edit, resealed, does so in one step.
@_cdecl("LLVMFuzzerCustomMutator")
public func mutateReceive(_ data: UnsafeMutablePointer<UInt8>, _ size: Int, _ maxSize: Int, _ seed: CUnsignedInt) -> Int {
    var rng = SplitMix(seed: UInt64(seed))
    if rng.next() % 2 == 0 { return LLVMFuzzerMutate(data, size, maxSize) }
    var records = ReceiveScript.records(in: FuzzInput.bytes(data, size))
    guard !records.isEmpty, ReceiveMutator.mutate(&records, &rng) else { return LLVMFuzzerMutate(data, size, maxSize) }
    let script = ReceiveScript.script(records)
    guard script.count <= maxSize else { return LLVMFuzzerMutate(data, size, maxSize) }
    script.withUnsafeBufferPointer { data.update(from: $0.baseAddress!, count: script.count) }
    return script.count
}

enum ReceiveMutator {
    /// Fields whose values the core reads, and a few it should not care about.
    static let fieldNames = [
        "seq", "hg", "ts", "dt", "src", "dest", "t", "st", "firstseq", "lastseq", "ackseq", "rsc_hold", "info",
        "hd_held", "hd_drbd", "hd_cfg", "ttl", "protocol", "srcuuid", "destuuid", "ld", "reason", "nodelist",
    ]
    /// Numbers at the edges of what the wire can carry (hex, as Heartbeat writes them, and some
    /// that are not), for fields that hold a number.
    static let numbers = [
        "0", "1", "2", "a", "ff", "ffffffff", "100000000", "7fffffffffffffff", "8000000000000000",
        "fffffffffffffffe", "ffffffffffffffff", "10000000000000000", "-1", "18446744073709551615",
        "9223372036854775807",
    ]
    static let words = [
        "", " ", "alpha", "bravo", "charlie", "all", "local", "foreign", "none", "status", "starting", "resource",
        "ask_resources", "hb_takeover", "shutdone", "NS_rexmit", "NS_ackmsg", "active", "up", "dead", "init", "me",
        "other", "done", "req_our_resources", "mach_down", "shutdown",
    ]

    /// Applies one structural change to `records`; false when none applied.
    static func mutate(_ records: inout [ReceiveScript.Record], _ rng: inout SplitMix) -> Bool {
        let index = Int(rng.next() % UInt64(records.count))
        switch rng.next() % 8 {
        case 0, 1, 2:
            return editField(&records[index], &rng)
        case 3:
            guard records.count < ReceiveScript.maximumRecords else { return false }
            records.insert(records[index], at: Int(rng.next() % UInt64(records.count + 1)))
        case 4:
            guard records.count > 1 else { return false }
            records.swapAt(index, Int(rng.next() % UInt64(records.count)))
        case 5:
            guard records.count > 1 else { return false }
            records.remove(at: index)
        case 6:
            records[index].steps = UInt8(rng.next() % 64)
        default:
            // A run of the same packet: a replay at the pace of a flood.
            let copies = Int(rng.next() % 8) + 1
            guard records.count + copies <= ReceiveScript.maximumRecords else { return false }
            var copy = records[index]
            copy.steps = UInt8(rng.next() % 8)
            records.insert(contentsOf: repeatElement(copy, count: copies), at: index + 1)
        }
        return true
    }

    /// Sets, adds or removes one field of the record's message and reseals it.
    static func editField(_ record: inout ReceiveScript.Record, _ rng: inout SplitMix) -> Bool {
        guard record.kind != .local, var message = try? HeartbeatCodec.decode(record.payload).message else { return false }
        let name =
            rng.next() % 4 == 0 || message.fields.isEmpty
            ? fieldNames[Int(rng.next() % UInt64(fieldNames.count))]
            : message.fields[Int(rng.next() % UInt64(message.fields.count))].name
        switch rng.next() % 6 {
        case 0:
            message[name] = nil
        case 1:
            // A value near the current one: the next sequence number, the previous generation.
            guard let current = message[name].flatMap({ UInt64($0, radix: 16) }) else { return false }
            let delta = UInt64(rng.next() % 4)
            let next = rng.next() % 2 == 0 ? current &+ delta : current &- delta
            message[name] = String(next, radix: 16)
        default:
            // Mostly a number where there was one, mostly a word elsewhere, sometimes the other.
            let numeric = message[name].map { !$0.isEmpty && $0.allSatisfy(\.isHexDigit) } ?? false
            let pool = numeric == (rng.next() % 4 != 0) ? numbers : words
            message[name] = pool[Int(rng.next() % UInt64(pool.count))]
        }
        guard let sealed = try? FuzzNode.authenticator.sealNetstring(message) else { return false }
        record.kind = .resealed
        record.payload = sealed
        return true
    }
}

/// A small deterministic generator: libFuzzer hands each mutation a seed.
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
