#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Watches the audit trail for the `approval_given` a waiting two-person step needs, reading
/// only what was appended since the last look (one `stat` per loop while a token waits).
struct SOPApprovalWatcher {
    /// Where the next read starts; nil until the first look.
    private var offset: Int?
    /// The most read per look: a trail growing faster than this is caught up over several loops.
    static let maxBytesPerLook = 1 << 20
    /// The first look reads back this far: an approval written just before it still counts.
    static let lookBack = 64 << 10

    /// Forget the position (no token waits any more).
    mutating func reset() { offset = nil }

    /// Approvals of `token` appended to the trail at `path` since the last look.
    mutating func approvals(in path: String, token: String) -> [SOPApprovalGiven] {
        var info = stat()
        guard stat(path, &info) == 0 else { return [] }
        let size = Int(info.st_size)
        let start = min(offset ?? max(0, size - Self.lookBack), size)
        guard size > start else {
            offset = size  // a truncated or rotated trail starts over
            return []
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return [] }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: min(size - start, Self.maxBytesPerLook))
        let count = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(start)) }
        guard count > 0 else { return [] }
        // Up to the last whole line; a line still being written is read next time.
        guard let end = bytes[..<count].lastIndex(of: 10) else {
            if count == Self.maxBytesPerLook { offset = start + count }  // one absurd line: skip it
            return []
        }
        offset = start + end + 1
        let text = String(decoding: bytes[...end], as: UTF8.self)
        return SOPAuditRecord.records(in: text).records.compactMap { record in
            guard record.event == .approvalGiven, record.token == token, let approver = record.approver else { return nil }
            return SOPApprovalGiven(token: token, approver: approver, host: record.approverHost ?? "?", time: record.time)
        }
    }
}
