import Glibc

/// Cuts newline-delimited request lines out of what one control client sent, a bounded amount
/// at a time.
///
/// The contract that keeps the poll loop free: ``next(budget:)`` looks at no more than the
/// budget it is given, so a flood (10 MB of bare newlines) is worked through over many turns of
/// the loop instead of in one; blank lines are skipped without being returned; a line longer than
/// ``maxLineBytes`` (newline not counted) is reported as ``Next/tooLong`` and the client should
/// be closed. Consumed bytes are released as the framer goes (no shifting of the whole buffer per
/// line), so its memory is what ``buffered`` says plus at most as much again until it compacts.
struct RequestFramer {
    enum Next: Equatable {
        /// A complete, non-blank line without its newline.
        case line([UInt8])
        /// No newline in what is buffered: read more first.
        case needMore
        /// The budget ran out before the buffered bytes did: continue in a later turn.
        case budgetSpent
        /// The line being received is longer than ``maxLineBytes``.
        case tooLong
    }

    let maxLineBytes: Int
    private var bytes: [UInt8] = []
    /// The first byte not yet handed out.
    private var start = 0
    /// Bytes in `start..<scanned` are known to hold no newline.
    private var scanned = 0

    init(maxLineBytes: Int) { self.maxLineBytes = maxLineBytes }

    /// Bytes received and not yet handed out as lines.
    var buffered: Int { bytes.count - start }

    /// Whether some received bytes were not looked at yet: work for a later turn.
    var hasUnscanned: Bool { scanned < bytes.count }

    mutating func append(_ chunk: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: chunk)
    }

    mutating func append(_ chunk: some Sequence<UInt8>) {
        bytes.append(contentsOf: chunk)
    }

    /// The next non-blank line, looking at no more than `budget` bytes (which it decreases by what it looked at).
    mutating func next(budget: inout Int) -> Next {
        while true {
            if scanned - start > maxLineBytes { return .tooLong }
            let end = min(bytes.count, scanned + max(0, budget))
            let newline = bytes.withUnsafeBufferPointer { buffer -> Int? in
                guard end > scanned, let base = buffer.baseAddress,
                    let found = memchr(base + scanned, 0x0A, end - scanned)
                else { return nil }
                return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            }
            guard let newline else {
                budget -= end - scanned
                scanned = end
                if scanned - start > maxLineBytes { return .tooLong }
                return scanned < bytes.count ? .budgetSpent : .needMore
            }
            budget -= newline + 1 - scanned
            let lineStart = start
            start = newline + 1
            if newline > lineStart {
                scanned = start
                let line = Array(bytes[lineStart..<newline])
                compact()
                return .line(line)
            }
            // A run of blank lines (a flood of newlines) is skipped in one pass, within the budget.
            let limit = min(bytes.count, start + max(0, budget))
            let afterBlanks = bytes.withUnsafeBufferPointer { buffer in
                var index = start
                while index < limit && buffer[index] == 0x0A { index += 1 }
                return index
            }
            budget -= afterBlanks - start
            start = afterBlanks
            scanned = start
            compact()
        }
    }

    /// Gives back consumed bytes: all of them once everything is consumed, else when they are
    /// most of the buffer (amortised linear).
    private mutating func compact() {
        if start == bytes.count {
            bytes = []
            start = 0
            scanned = 0
        } else if start >= 16384 && start * 2 >= bytes.count {
            bytes.removeFirst(start)
            scanned -= start
            start = 0
        }
    }
}
