import HAProtocol

/// One node gaining (`holds`) or losing the watched address, when a `VIPWatcher` saw it.
public struct VIPTransition: Sendable, Equatable {
    public var node: String
    public var holds: Bool
    public var at: MonotonicTime
}

/// Who held an address over a span of time, as a `VIPWatcher` recorded it.
public struct VIPTimeline: Sendable {
    /// A span during which the set of holders did not change.
    public struct Segment: Sendable, Equatable {
        public var holders: Set<String>
        public var from: MonotonicTime
        public var to: MonotonicTime
        public var duration: Duration { to - from }
    }

    public var address: String
    public var started: MonotonicTime
    public var ended: MonotonicTime
    public var initialHolders: Set<String>
    public var transitions: [VIPTransition]
    /// Sampling rounds taken (each reads every node once).
    public var samples: Int
    /// Why sampling stopped early, if it did.
    public var problem: String?

    /// The whole recording cut into spans of constant holders, in time order.
    public var segments: [Segment] {
        var result: [Segment] = []
        var holders = initialHolders
        var from = started
        for transition in transitions {
            if transition.at > from { result.append(Segment(holders: holders, from: from, to: transition.at)) }
            if transition.holds { holders.insert(transition.node) } else { holders.remove(transition.node) }
            from = max(from, transition.at)
        }
        result.append(Segment(holders: holders, from: from, to: max(from, ended)))
        return merged(result)
    }

    /// Spans when nobody held the address (the service was down).
    public var noHolderIntervals: [Segment] { segments.filter { $0.holders.isEmpty } }

    /// Spans when two or more nodes held it at once (split brain on the wire).
    public var multipleHolderIntervals: [Segment] { segments.filter { $0.holders.count > 1 } }

    /// Spans with no holder that began after `instant` (e.g. after the fault a test injected).
    public func noHolderIntervals(after instant: MonotonicTime) -> [Segment] {
        noHolderIntervals.filter { $0.from >= instant }
    }

    /// The first time `node` gained (`holds`) or lost the address, at or after `instant`.
    public func firstTime(_ node: String, holds: Bool, after instant: MonotonicTime? = nil) -> MonotonicTime? {
        transitions.first { $0.node == node && $0.holds == holds && $0.at >= (instant ?? started) }?.at
    }

    /// The holders at `instant`.
    public func holders(at instant: MonotonicTime) -> Set<String> {
        segments.last { $0.from <= instant }?.holders ?? initialHolders
    }

    /// `+123ms bravo gains 192.0.2.100` lines, for a failure message.
    public var summary: String {
        var lines = ["\(address): initial holders \(initialHolders.sorted()), \(samples) samples"]
        for transition in transitions {
            let offset = (transition.at - started) / .milliseconds(1)
            lines.append("+\(Int(offset))ms \(transition.node) \(transition.holds ? "gains" : "loses") \(address)")
        }
        if let problem { lines.append("stopped early: \(problem)") }
        return lines.joined(separator: "\n")
    }

    /// Joins neighbours with the same holders (transitions that cancel out within a round).
    private func merged(_ segments: [Segment]) -> [Segment] {
        var result: [Segment] = []
        for segment in segments {
            if let last = result.last, last.holders == segment.holders {
                result[result.count - 1].to = segment.to
            } else {
                result.append(segment)
            }
        }
        return result
    }
}
