/// The figures measured here for Heartbeat 3.0.6 and keepalived 2.2.7, as the tables print them
/// beside ours (min / median / max ms unless the cell says otherwise). Copied by hand from:
///
/// - `/work/shared/reference/heartbeat-3.0.6-observed.md` §3 (timings table, heal table, idle
///   cost) and §3a (steady-state kills, failback after kill, PSS); VIP polled every 50 ms,
///   resolution about ±60 ms, 3 repetitions, profiles 1 s/10 s, 200 ms/1 s, 50 ms/150 ms.
/// - `/work/shared/reference/keepalived-observed.md` (same numbers in
///   `/work/shared/fixtures/keepalived/tables.md`): kernel address-event column, VRRP multicast,
///   priority 150 vs 100, n = 5, at advert_int 1 s, 0.1 s and 0.01 s. keepalived has no 200 ms or
///   50 ms row; those profiles show the 0.1 s figures, labelled.
enum ReferenceFigures {
    /// Heartbeat 3.0.6's figure for `measure` under `profile`; "—" where it was not measured.
    static func heartbeat(_ measure: Measure, _ profile: TimerProfile) -> String {
        let byProfile: [String: String]
        switch measure {
        // §3a, kill → VIP on bravo, steady state (10 s after settling).
        case .killTakeover: byProfile = ["1s": "10412 / 10491 / 11429", "200ms": "1437 / 1550 / 1598", "50ms": "705 / 777 / 919"]
        // §3a minus deadtime: "deadtime + ≤1 keepalive + 0.3–0.7 s of takeover scripts".
        case .killBeyondDeadtime: byProfile = ["1s": "412 / 491 / 1429", "200ms": "437 / 550 / 598", "50ms": "555 / 627 / 769"]
        // §3, cut → VIP on bravo.
        case .cutTakeover: byProfile = ["1s": "10175 / 10629 / 10939", "200ms": "1496 / 1722 / 1762", "50ms": "644 / 841 / 2627"]
        case .cutCommand: byProfile = [:]
        // §3, stop → VIP on bravo.
        case .stopTakeover: byProfile = ["1s": "601 / 733 / 813", "200ms": "558 / 606 / 859", "50ms": "690 / 692 / 803"]
        // §3, stop: no VIP anywhere.
        case .stopNoHolder: byProfile = ["1s": "388 / 461 / 599", "200ms": "338 / 392 / 563", "50ms": "399 / 403 / 446"]
        // §3, `heartbeat stop` returns.
        case .stopExit: byProfile = ["1s": "4030 / 4030 / 4039", "200ms": "4033 / 4065 / 5032", "50ms": "4030 / 4046 / 5035"]
        // §3, medians of "`heartbeat stop` returns" minus "stop → VIP gone from alpha".
        case .stopExitAfterRelease: byProfile = ["1s": "≈ 3816 (4030 − 214)", "200ms": "≈ 3845 (4065 − 220)", "50ms": "≈ 3754 (4046 − 292)"]
        // §3a, failback after kill.
        case .failbackReturn: byProfile = ["1s": "3589 / 3697 / 3823", "200ms": "2191 / 2455 / 2608", "50ms": "1875 / 1949 / 2070"]
        // §3, failback: no VIP anywhere.
        case .failbackNoHolder: byProfile = ["1s": "476 / 624 / 816", "200ms": "253 / 337 / 467", "50ms": "304 / 369 / 402"]
        // §3 heal table and §6: both release ~2.5–3.1 s after the heal (medians), restart, and
        // alpha has the VIP back at the "VIP back on alpha" median; the outage is the difference.
        case .healNoHolder:
            byProfile = [
                "1s": "≈ 25500 (gone at 3103, back at 28605)", "200ms": "≈ 15900 (gone at 2477, back at 18413)",
                "50ms": "≈ 15600 (gone at 2460, back at 18033)",
            ]
        // §3 heal table, "VIP gone from alpha": the first release ends the double holding.
        case .healDoubleHolding: byProfile = ["1s": "2607 / 2966 / 3231", "200ms": "2262 / 2396 / 2655", "50ms": "2235 / 2241 / 2470"]
        // Heartbeat with a STONITH device was not timed here.
        case .fencedKillTakeover, .fencedKillDevice, .fencedKillRest, .fencedKillDoubleHolding, .delayedFencedKillTakeover,
            .delayedFencedKillDevice, .delayedFencedKillRest, .delayedFencedKillDoubleHolding:
            return "not measured"
        }
        return byProfile[profile.name] ?? "—"
    }

    /// keepalived 2.2.7's figure for `measure` at the advert interval nearest `profile`'s keepalive.
    static func keepalived(_ measure: Measure, _ profile: TimerProfile) -> String {
        let advert = ["1s": "1 s", "200ms": "0.1 s", "50ms": "0.1 s", "10ms": "0.01 s"][profile.name] ?? "?"
        let byAdvert: [String: String]
        switch measure {
        // §1, 2, 6, fault "kill".
        case .killTakeover: byAdvert = ["1 s": "2639 / 2955 / 3228", "0.1 s": "281 / 295 / 328", "0.01 s": "27 / 31 / 34"]
        // The same minus 3 adverts ("3 adverts + 1–7 ms" at 0.01 s).
        case .killBeyondDeadtime: byAdvert = ["1 s": "−361 / −45 / +228", "0.1 s": "−19 / −5 / +28", "0.01 s": "−3 / +1 / +4"]
        // §1, 2, 6, fault "drop" (everything a sends dropped at its switch port).
        case .cutTakeover: byAdvert = ["1 s": "2670 / 2956 / 3441", "0.1 s": "273 / 325 / 352", "0.01 s": "33 / 37 / 42"]
        // "How each number is measured": launching `ip` or `ebtables` takes 3–6 ms, included in its figures.
        case .cutCommand: return "3–6 (included in its figures)"
        // §1, 2, 6, fault "term".
        case .stopTakeover: byAdvert = ["1 s": "610 / 612 / 614", "0.1 s": "62 / 63 / 65", "0.01 s": "7 / 7 / 8"]
        // §1, 2, 6, fault "term", client's longest gap (10 ms probes).
        case .stopNoHolder: byAdvert = ["1 s": "616 / 618 / 620", "0.1 s": "66 / 72 / 72", "0.01 s": "12 / 14 / 15"]
        case .stopExit, .stopExitAfterRelease: return "not measured"
        // §3, preempt on, a's add event (a restarted after a clean stop).
        case .failbackReturn: byAdvert = ["1 s": "3428 / 3429 / 3433", "0.1 s": "355 / 359 / 362", "0.01 s": "47 / 48 / 50"]
        // §3: make-before-break, b deletes in the millisecond a adds.
        case .failbackNoHolder: return "0 (make-before-break)"
        // §5: the higher-priority node keeps the VIP throughout.
        case .healNoHolder: return "0"
        // §5, heal → VIP delete event.
        case .healDoubleHolding: byAdvert = ["1 s": "233 / 402 / 530", "0.1 s": "12 / 32 / 62", "0.01 s": "5 / 11 / 14"]
        // keepalived does not fence.
        case .fencedKillTakeover, .fencedKillDevice, .fencedKillRest, .fencedKillDoubleHolding, .delayedFencedKillTakeover,
            .delayedFencedKillDevice, .delayedFencedKillRest, .delayedFencedKillDoubleHolding:
            return "no fencing"
        }
        return byAdvert[advert].map { "\($0) (advert \(advert))" } ?? "—"
    }

    /// Heartbeat, §3a: each node's 6 processes sum to PSS ≈ 11.7 MB with the 1 s profile at idle.
    static let heartbeatIdlePSSKB = 11_700
    /// Heartbeat, §3a: 4–5 ticks per node over 60 s, 0.07–0.08 % (§3: 0.05–0.07 %).
    static let heartbeatIdleCPUPercent = 0.07
    /// keepalived, §4 (advert_int 1 s, multicast, medians): parent 4159 + VRRP child 1103 kB on
    /// the master, 4102 + 1106 kB on the backup.
    static let keepalivedIdlePSSKB = ["alpha": 4159 + 1103, "bravo": 4102 + 1106]
    /// keepalived, §4 (advert_int 1 s, multicast, medians): the VRRP child's CPU on the master
    /// and on the backup (the parent uses none).
    static let keepalivedIdleCPU = ["alpha": "0.013 %, 8.1 ms per minute (§4)", "bravo": "0.003 %, 1.9 ms per minute (§4)"]
}
