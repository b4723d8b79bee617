#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `haconsole timeline --json`: the merged events, the failovers with their phases, and the
/// split brains, times as epoch milliseconds and as local text, durations in milliseconds.
///
/// `resolutionMs` says how precise a time is (1000 for ha-log lines); a phase with `inferred`
/// has a bound taken from the configured deadtime, not from a line.
struct TimelineJSON: Encodable, Sendable {
    struct Event: Encodable, Sendable {
        var timeMs: Int64
        var at: String
        var resolutionMs: Int64
        var source: String
        var kind: TimelineEvent.Kind
        var node: String?
        var text: String
        var `operator`: String?
        var valueMs: Int?
    }

    struct Phase: Encodable, Sendable {
        var name: TimelineFailover.Phase.Name
        var startMs: Int64
        var endMs: Int64
        var durationMs: Int64
        var inferred: Bool
    }

    struct Failover: Encodable, Sendable {
        var from: String
        var to: String
        var cause: TimelineFailover.Cause
        var completed: Bool
        var startMs: Int64
        var durationMs: Int64
        var deadtimeMs: Int64
        var resolutionMs: Int64
        var phases: [Phase]
    }

    struct SplitBrain: Encodable, Sendable {
        var detectedBy: String
        var peer: String
        var detectedMs: Int64
        var healedMs: Int64?
        var releasedMs: Int64?
        var resolutionMs: Int64
    }

    var version = 1
    var deadtimeMs: Int64
    var events: [Event]
    var failovers: [Failover]
    var splitBrains: [SplitBrain]

    init(_ timeline: Timeline, clock: TimelineClock) {
        deadtimeMs = timeline.deadtime
        events = timeline.events.map {
            Event(
                timeMs: $0.time, at: clock.text($0.time, resolution: $0.resolution), resolutionMs: $0.resolution, source: $0.source,
                kind: $0.kind, node: $0.node, text: $0.text, operator: $0.operatorName, valueMs: $0.milliseconds)
        }
        failovers = timeline.failovers.map { failover in
            Failover(
                from: failover.from, to: failover.to, cause: failover.cause, completed: failover.completed, startMs: failover.start,
                durationMs: failover.milliseconds, deadtimeMs: failover.deadtime, resolutionMs: failover.resolution,
                phases: failover.phases.map {
                    Phase(name: $0.name, startMs: $0.start, endMs: $0.end, durationMs: $0.milliseconds, inferred: $0.inferred)
                })
        }
        splitBrains = timeline.splitBrains.map {
            SplitBrain(
                detectedBy: $0.detectedBy, peer: $0.peer, detectedMs: $0.detected, healedMs: $0.healed, releasedMs: $0.released,
                resolutionMs: $0.resolution)
        }
    }

    /// The document as pretty-printed JSON, keys sorted.
    var text: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        // Strings, integers, booleans and enums only: encoding cannot fail.
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
