import HAProtocol

/// The newest ha-log lines, at most `capacity`, oldest first; appending past capacity drops the
/// oldest. Each record keeps its text, a case-folded copy and its event, so a frame does not
/// re-format, re-fold or re-classify lines, and a sequence number that survives drops (search positions and
/// scroll anchors use it).
struct LogRing: Sendable {
    /// One line as the console keeps it.
    struct Record: Sendable, Hashable {
        var entry: HALogEntry
        /// ``HALogEntry/formatted``.
        var text: String
        /// `text` lowercased, for case-insensitive filter and search.
        var folded: String
        /// 0 for the first line ever appended, counting up.
        var sequence: Int
        /// ``HALogEntry/event``, classified once on arrival (alerts read it every frame).
        var event: HALogEvent?

        /// True when `folded` contains `term` (already lowercased); an empty term matches.
        func contains(folded term: String) -> Bool { term.isEmpty || folded.contains(term) }
    }

    let capacity: Int
    private var storage: [Record] = []
    private var head = 0
    /// How many lines were ever appended; the next line's sequence number.
    private(set) var appendedCount = 0

    init(capacity: Int = 2000) {
        self.capacity = max(1, capacity)
        storage.reserveCapacity(min(self.capacity, 4096))
    }

    var count: Int { storage.count }
    var isEmpty: Bool { storage.isEmpty }

    /// The record `index` lines after the oldest kept one.
    subscript(index: Int) -> Record {
        storage[(head + index) % storage.count]
    }

    /// The sequence number of the oldest record kept (equal to `appendedCount` when empty).
    var firstSequence: Int { appendedCount - storage.count }

    /// The record with sequence number `sequence`, if still kept.
    func record(sequence: Int) -> Record? {
        let index = sequence - firstSequence
        return index >= 0 && index < count ? self[index] : nil
    }

    mutating func append(_ entry: HALogEntry) {
        let text = entry.formatted
        let record = Record(entry: entry, text: text, folded: text.lowercased(), sequence: appendedCount, event: entry.event)
        appendedCount += 1
        if storage.count < capacity {
            storage.append(record)
        } else {
            storage[head] = record
            head = (head + 1) % capacity
        }
    }

    /// Drops every line (after a rotation the terminal layer may prefer a fresh start).
    mutating func removeAll() {
        storage.removeAll(keepingCapacity: true)
        head = 0
    }
}
