import Foundation

extension MarkdownReport {
    /// "kill → address on the peer, with fencing" beside the unfenced figure: one row per profile
    /// with the medians of the plain kill and of each fenced kill run, each fenced median split
    /// into where its time goes. Empty when no fenced kill ran.
    static func fencingTable(_ results: BenchResults) -> [String] {
        let fenced: [Measure] = [.fencedKillTakeover, .delayedFencedKillTakeover]
        guard results.rows.contains(where: { fenced.contains($0.measure) && $0.summary != nil }) else { return [] }
        var lines = [
            "### kill → address on the peer, with fencing (medians, ms)", "",
            "| profile | unfenced kill | fenced, delay 0 | = deadtime + device + rest | fenced, default delay | = deadtime + delay + device + rest |",
            "|---|---|---|---|---|---|",
        ]
        var profiles: [String] = []
        for row in results.rows where !profiles.contains(row.profile) { profiles.append(row.profile) }
        for profile in profiles {
            func median(_ measure: Measure) -> Double? {
                results.rows.first { $0.measure == measure && $0.profile == profile }?.summary?.median
            }
            func cell(_ measure: Measure) -> String { median(measure).map { String(Int($0.rounded())) } ?? "—" }
            guard let deadtime = deadtimeMS(profile) else { continue }
            let soon = [median(.fencedKillDevice), median(.fencedKillRest)]
            let late = [median(.delayedFencedKillDevice), median(.delayedFencedKillRest)]
            let cells = [
                profile, cell(.killTakeover), cell(.fencedKillTakeover), parts([Double(deadtime)] + soon), cell(.delayedFencedKillTakeover),
                parts([Double(deadtime), FencingSetup(delayArgument: nil).delayMS(.oneSecond)] + late),
            ]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        lines += [
            "",
            "The device is cluster-glue's `/usr/sbin/stonith` running a test-only `external/` plugin that powers a namespace node "
                + "off (kills its daemon, flushes its addresses). The plugin takes about 20 ms; `stonith` then sleeps a fixed second "
                + "before it reaps it, far longer than the 10 ms and 50 ms profiles' dead time, so there the device run is the "
                + "figure. A real power switch or IPMI reset takes seconds. The rest is each median's remainder (detection past the dead time, starting the "
                + "device, the takeover scripts); it is negative when alpha's last heartbeat came up to a keepalive before the kill, "
                + "as in the unfenced kill, and medians do not add up exactly. In a kill bravo holds nothing, so with the default "
                + "delay it waits 5 s before it shoots, as it would in a partition, where the delay lets the holder shoot first.",
            "",
        ]
        return lines
    }

    /// `10000 + 1012 + 25` (`10000 + 1012 − 25` for a negative rest), `—` for any part missing.
    private static func parts(_ values: [Double?]) -> String {
        let known = values.compactMap { $0 }
        guard known.count == values.count, let first = known.first else { return "—" }
        return known.dropFirst().reduce(String(Int(first.rounded()))) { text, value in
            let whole = Int(value.rounded())
            return text + (whole < 0 ? " − \(-whole)" : " + \(whole)")
        }
    }

    /// The dead time of the profile whose table label is `label`.
    private static func deadtimeMS(_ label: String) -> Int? {
        TimerProfile.all.first { $0.label == label }?.deadtimeMS
    }
}
