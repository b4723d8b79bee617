/// The action word appended to a resource script's arguments (spec §3.2).
///
/// Heartbeat's v1 resource manager only ever runs these three; `status` is used for the
/// ownership test of ``ResourceStatusRule``, never for periodic monitoring (spec §3.4).
enum ResourceAction: String, Hashable, Sendable, CaseIterable {
    case start, stop, status
}
