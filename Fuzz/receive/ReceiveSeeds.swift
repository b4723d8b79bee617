import Glibc
import HAProtocol

/// Target `receive`'s two tools, run instead of fuzzing when their variable is set:
/// - `HAFUZZ_WRITE_SEEDS=DIR`: the seed generator. Real Heartbeat 3.0.6 datagrams
///   (`HAFUZZ_WIRE_FIXTURES`, the captures of `Tests/HAFixtures/Fixtures/wire`) re-sealed
///   under the fuzz keys, so that the fuzzer starts past authentication instead of having to
///   find a signature.
/// - `HAFUZZ_DESCRIBE=FILE`: prints the script in FILE one record a line (time, kind, fields),
///   to read a crashing input; with `HAFUZZ_EXPORT=DIR` also writes the datagram each record
///   hands `open` as `DIR/<record>.msg` (crc netstring under `1 crc`, or sha1 classic under
///   `2 sha1 fuzzsecret`), ready for a regression test.
@_cdecl("LLVMFuzzerInitialize")
public func initializeReceive(_ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutableRawPointer?) -> CInt {
    if let path = getenv("HAFUZZ_DESCRIBE") { exit(ReceiveSeeds.describe(String(cString: path))) }
    if let output = getenv("HAFUZZ_WRITE_SEEDS"), let fixtures = getenv("HAFUZZ_WIRE_FIXTURES") {
        exit(ReceiveSeeds.write(from: String(cString: fixtures), to: String(cString: output)))
    }
    return 0
}

/// Seeds for target `receive`, and the small file I/O its tools need (no Foundation).
enum ReceiveSeeds {
    typealias Record = ReceiveScript.Record

    /// Writes the seeds; the exit status (every value is released before the caller exits,
    /// so LeakSanitizer has nothing to report).
    static func write(from fixtures: String, to directory: String) -> CInt {
        let seeds = scripts(fixtures: fixtures)
        var written = 0
        for (index, seed) in seeds.enumerated() where write(seed, to: "\(directory)/seed-\(index)") { written += 1 }
        print("receive: wrote \(written) seeds")
        return written > 0 && written == seeds.count ? 0 : 1
    }

    static func describe(_ path: String) -> CInt {
        guard let bytes = read(path) else { return 1 }
        for line in ReceiveScript.describe(bytes) { print(line) }
        guard let export = getenv("HAFUZZ_EXPORT").map({ String(cString: $0) }) else { return 0 }
        for (index, record) in ReceiveScript.records(in: bytes).enumerated() {
            guard let datagram = FuzzNode.datagram(for: record) else { continue }
            guard write(datagram, to: "\(export)/\(index + 1).msg") else { return 1 }
        }
        return 0
    }

    static func scripts(fixtures: String) -> [[UInt8]] {
        var scripts: [[UInt8]] = []
        // One script per captured message, in each of the four ways a datagram can arrive.
        for name in messageFiles(in: fixtures) {
            guard let bytes = read("\(fixtures)/\(name)"), let message = try? HeartbeatCodec.decode(bytes).message else { continue }
            scripts.append(ReceiveScript.script(records(for: [message], original: [bytes], steps: 4)))
        }
        // The captured full cycle (start, failover, standby, stop) in windows of consecutive datagrams.
        let cycle = fullCycle(read("\(fixtures)/full-cycle.payloads") ?? [])
        let window = 16
        for start in stride(from: 0, to: cycle.count, by: window) {
            let datagrams = Array(cycle[start..<min(cycle.count, start + window)])
            let messages = datagrams.compactMap { try? HeartbeatCodec.decode($0).message }
            guard messages.count == datagrams.count else { continue }
            var records = records(for: messages, original: datagrams, steps: 4)
            // Every fourth window also carries an operator command or a host event midway.
            if start / window % 4 == 1 {
                let local = Record.Local.allCases[start / window / 4 % Record.Local.allCases.count]
                records.insert(Record(steps: 1, kind: .local, payload: [local.rawValue]), at: records.count / 2)
            }
            scripts.append(ReceiveScript.script(records))
        }
        return scripts
    }

    /// `messages` as records, rotating through the ways a datagram can arrive.
    static func records(for messages: [HAMessage], original: [[UInt8]], steps: UInt8) -> [Record] {
        var records: [Record] = []
        for (index, message) in messages.enumerated() {
            let payload: [UInt8]?
            let kind: Record.Kind
            switch index % 4 {
            case 0: (kind, payload) = (.raw, try? FuzzNode.authenticator.sealNetstring(message))
            case 1: (kind, payload) = (.raw, try? FuzzNode.sha1Authenticator.sealNetstring(message))
            case 2: (kind, payload) = (.resealed, original[index])
            default: (kind, payload) = (.resealedClassic, try? FuzzNode.authenticator.sealClassic(message))
            }
            records.append(Record(steps: steps, kind: kind, payload: payload ?? original[index]))
        }
        return records
    }

    /// The `.msg` files of `directory`, sorted.
    static func messageFiles(in directory: String) -> [String] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if name.hasSuffix(".msg") { names.append(name) }
        }
        return names.sorted()
    }

    /// `<4-byte big-endian length><payload>` records, as `full-cycle.payloads` stores them.
    static func fullCycle(_ data: [UInt8]) -> [[UInt8]] {
        var datagrams: [[UInt8]] = []
        var offset = 0
        while offset + 4 <= data.count {
            let length = data[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
            guard length <= data.count - offset - 4 else { break }
            datagrams.append(Array(data[(offset + 4)..<(offset + 4 + length)]))
            offset += 4 + length
        }
        return datagrams
    }

    static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 { return nil }
            if count == 0 { return bytes }
            bytes += buffer[0..<count]
        }
    }

    static func write(_ bytes: [UInt8], to path: String) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if count <= 0 { return false }
            offset += count
        }
        return true
    }
}
