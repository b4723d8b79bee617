import Foundation

/// What a campaign run was asked for: with the seed, everything needed to replay it.
struct CampaignOptions: Codable, Sendable {
    var steps: Int
    var seed: UInt64
    var mixed: Bool
    var keepaliveMS: Int
    /// As given; nil means five keepalives.
    var deadtimeMS: Int?
    var windowMS: Int
    /// The fault kinds drawn from; nil means the whole catalogue.
    var kinds: [FaultKind]?
    var scriptTimeoutMS: Int
    var timers: CampaignTimers

    var seedText: String { "0x" + String(seed, radix: 16) }

    /// The kinds drawn from, in the catalogue's order.
    var drawnKinds: [FaultKind] { FaultKind.allCases.filter { kinds?.contains($0) ?? true } }

    /// `habench campaign --steps 30 --seed 0x… --keepalive 200ms …`: the same faults again.
    func replayCommand(steps: Int) -> String {
        var words = ["habench", "campaign", "--steps", String(steps), "--seed", seedText, "--keepalive", "\(keepaliveMS)ms"]
        if let deadtimeMS { words += ["--deadtime", "\(deadtimeMS)ms"] }
        if windowMS != CampaignCommand.defaultWindowMS { words += ["--window", "\(windowMS)ms"] }
        if scriptTimeoutMS != CampaignCommand.defaultScriptTimeoutMS { words += ["--script-timeout", "\(scriptTimeoutMS)ms"] }
        if mixed { words.append("--mixed") }
        if let kinds { words += ["--kinds"] + FaultKind.allCases.filter { kinds.contains($0) }.map(\.rawValue) }
        return words.joined(separator: " ")
    }

    /// `alpha (hadaemon) and bravo (Heartbeat 3.0.6), keepalive 200 ms, deadtime 1000 ms`
    var pairDescription: String {
        "alpha (hadaemon, home of 192.0.2.100) and bravo (\(mixed ? "Heartbeat 3.0.6" : "hadaemon")), keepalive \(timers.keepaliveMS) ms, "
            + "deadtime \(timers.deadtimeMS) ms, initdead \(timers.initdeadMS) ms, auto_failback on, script timeout \(timers.scriptTimeoutMS) ms"
    }
}

/// A whole run, as written to `--json`.
struct CampaignResults: Codable, Sendable {
    var options: CampaignOptions
    var bounds: AuditBounds
    var records: [StepRecord]
    /// `alpha pid 123: 9.1 MiB → 9.3 MiB` per daemon process sampled.
    var memory: [String]
    var wallSeconds: Double
    /// The run's start, ISO 8601 UTC.
    var started: String

    func write(to path: String) throws { try ResultsFile.write(self, to: path) }
}
