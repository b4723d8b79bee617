import HAProtocol

/// One ha-log line about a resource action: a priority and the message after `<prio>: `.
///
/// The daemon writes it with its usual line layout (spec §6.1); this layer only decides the
/// words, which follow Heartbeat's ResourceManager where it has any (spec §6.2, "Resources (scripts)").
struct ResourceLogLine: Hashable, Sendable, CustomStringConvertible {
    var level: HALogLevel
    var text: String

    init(_ level: HALogLevel, _ text: String) {
        self.level = level
        self.text = text
    }

    /// `info: Running …`, the priority word as Heartbeat's daemon spells it.
    var description: String { "\(level.heartbeatWord): \(text)" }
}
