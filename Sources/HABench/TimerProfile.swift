import ArgumentParser

/// One set of ha.cf timers the benchmark runs every scenario with.
///
/// The first three are the profiles Heartbeat 3.0.6 was measured with here
/// (`heartbeat-3.0.6-observed.md` §3: keepalive / deadtime / warntime / initdead); the last is
/// the fastest pair that holds at idle, for which no Heartbeat figure exists.
struct TimerProfile: Sendable, Hashable, Codable, ExpressibleByArgument {
    /// What `--profiles` accepts: the keepalive (`1s`, `200ms`, `50ms`, `10ms`).
    var name: String
    var keepaliveMS: Int
    var deadtimeMS: Int
    var warntimeMS: Int
    var initdeadMS: Int

    static let oneSecond = TimerProfile(name: "1s", keepaliveMS: 1000, deadtimeMS: 10_000, warntimeMS: 5000, initdeadMS: 20_000)
    static let twoHundredMS = TimerProfile(name: "200ms", keepaliveMS: 200, deadtimeMS: 1000, warntimeMS: 500, initdeadMS: 10_000)
    static let fiftyMS = TimerProfile(name: "50ms", keepaliveMS: 50, deadtimeMS: 150, warntimeMS: 100, initdeadMS: 10_000)
    static let tenMS = TimerProfile(name: "10ms", keepaliveMS: 10, deadtimeMS: 30, warntimeMS: 20, initdeadMS: 10_000)

    /// Every profile, slowest first: the order of the tables.
    static let all: [TimerProfile] = [.oneSecond, .twoHundredMS, .fiftyMS, .tenMS]

    init(name: String, keepaliveMS: Int, deadtimeMS: Int, warntimeMS: Int, initdeadMS: Int) {
        self.name = name
        self.keepaliveMS = keepaliveMS
        self.deadtimeMS = deadtimeMS
        self.warntimeMS = warntimeMS
        self.initdeadMS = initdeadMS
    }

    init?(argument: String) {
        guard let profile = Self.all.first(where: { $0.name == argument.lowercased() }) else { return nil }
        self = profile
    }

    static var allValueStrings: [String] { all.map(\.name) }

    /// How `--help` names a profile among the defaults: by what `--profiles` accepts.
    var defaultValueDescription: String { name }

    var keepalive: Duration { .milliseconds(keepaliveMS) }
    var deadtime: Duration { .milliseconds(deadtimeMS) }
    var warntime: Duration { .milliseconds(warntimeMS) }
    var initdead: Duration { .milliseconds(initdeadMS) }

    /// `1 s / 10 s`: keepalive / deadtime, as the tables label rows.
    var label: String { "\(Self.format(keepaliveMS)) / \(Self.format(deadtimeMS))" }

    private static func format(_ milliseconds: Int) -> String {
        milliseconds % 1000 == 0 ? "\(milliseconds / 1000) s" : "\(milliseconds) ms"
    }
}
