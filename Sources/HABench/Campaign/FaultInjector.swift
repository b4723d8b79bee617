import Foundation
import Glibc
import HAHost
import HAProtocol
import HATestSupport

/// What injecting and recovering one fault left for the audits.
struct InjectionOutcome: Sendable {
    var injectedAt: MonotonicTime
    var recoveredAt: MonotonicTime
    var controlProbe: ControlProbe?
    /// Nodes whose log disk was full during the step.
    var fullDisks: Set<String> = []
    /// Nodes whose host the step crashed: the harness removed the address as a reboot would,
    /// with no daemon there to log it.
    var crashed: Set<String> = []
    var notes: [String] = []
}

/// Injects one planned fault into the live pair, holds it, and recovers from it. Every wait is
/// bounded by the plan; every process, rule, flag and connection it makes is undone before it
/// returns (or by the cluster's shutdown, should the campaign be interrupted).
struct FaultInjector {
    let pair: CampaignCluster
    let step: Int

    var cluster: NetnsCluster { pair.cluster }

    func run(_ plan: FaultPlan, target: String) async throws -> InjectionOutcome {
        let hold = Duration.milliseconds(plan.holdMS)
        var outcome = InjectionOutcome(injectedAt: SystemClock.now(), recoveredAt: SystemClock.now())
        func held() async throws { try await SystemClock.sleep(until: outcome.injectedAt + hold) }
        switch plan.kind {
        case .kill:
            try plan.variant == "node" ? pair.crashNode(target) : pair.kill(target)
            if plan.variant == "node" { outcome.crashed.insert(target) }
            try await held()
            try pair.start(target)
        case .stall:
            try pair.freeze(target, true)
            try await held()
            try pair.freeze(target, false)
        case .restart:
            do { try await pair.stop(target) } catch { outcome.notes.append("clean stop of \(target): \(error)") }
            try await held()
            try pair.start(target)
        case .cut:
            try plan.variant == "both-ways" ? cluster.cutAll() : cluster.cut(target)
            try await held()
            try cluster.healAll()
        case .loss:
            for name in plan.variant == "both-ways" ? CampaignCluster.names : [target] { try cluster.lose(name, perMille: plan.amount ?? 300) }
            try await held()
            try cluster.healAll()
        case .cpuHog:
            let hog = CPUHog(threads: plan.amount ?? 3, limit: hold + .seconds(5))
            try await held()
            hog.stop()
        case .hungStart, .hungStop:
            let action = plan.kind == .hungStart ? "start" : "stop"
            try cluster.hangFlaky(target, action, true)
            // The group moves away from the holder: a start on the other node, a stop on it.
            let holder = plan.kind == .hungStart ? pair.peer(of: target) : target
            ask("standby", of: holder, &outcome)
            try await held()
            try cluster.hangFlaky(target, action, false)
        case .fullDisk:
            let written = try cluster.fillLogDisk(target)
            outcome.fullDisks = [target]
            outcome.notes.append("filled \(written >> 20) MiB")
            if plan.variant == "moving" {
                try await Task.sleep(for: .milliseconds(200))
                ask("standby", of: pair.currentHolder, &outcome)
            }
            try await held()
            try cluster.freeLogDisk(target)
        case .reload, .reloadBroken:
            try pair.writeHACF(target, try config(plan, for: target))
            try cluster.signal(target, SIGHUP)
            try await held()
            try pair.restoreConfig(target)
            if pair.isRunning(target) { try cluster.signal(target, SIGHUP) }
        case .forged:
            try await forge(plan, victim: target, &outcome)
            try await held()
        case .replay:
            try await replay(plan, of: target, &outcome)
        case .idleClients, .newlineFlood, .slowSubscribers:
            try await flood(plan, target: target, &outcome)
        case .standby, .takeover:
            ask(plan.kind.rawValue, of: target, &outcome)
            if let followUp = plan.followUp, let delay = plan.followUpMS {
                try await Task.sleep(for: .milliseconds(delay))
                let parts = followUp.split(separator: "@").map(String.init)
                let holder = pair.currentHolder
                let node = parts.last == TargetRole.holder.rawValue ? holder : pair.peer(of: holder)
                ask(parts[0], of: node, &outcome)
            }
            try await held()
        }
        outcome.recoveredAt = max(SystemClock.now(), outcome.injectedAt)
        return outcome
    }

    /// A standby or takeover asked of `node`; a refusal or an error is noted, not thrown (the
    /// daemon may rightly refuse a request at a random moment).
    func ask(_ operation: String, of node: String, _ outcome: inout InjectionOutcome) {
        do {
            try pair.ask(operation, of: node, reason: "campaign step \(step)")
        } catch {
            outcome.notes.append("\(operation) of \(node): \(String(describing: error).prefix(120))")
        }
    }

    /// The ha.cf a reload step writes: valid but changed, or broken as the variant says.
    func config(_ plan: FaultPlan, for node: String) throws -> [UInt8] {
        var spec = cluster.spec
        if plan.kind == .reload && plan.variant == "warntime" {
            let timers = pair.timers
            spec.warntime = .milliseconds(
                timers.warntimeMS == timers.deadtimeMS - timers.keepaliveMS ? timers.keepaliveMS * 2 : timers.deadtimeMS - timers.keepaliveMS)
        }
        let text = try pair.renderedHACF(node, spec)
        switch (plan.kind, plan.variant) {
        case (.reload, "comment"): return Array((text + "# reloaded by campaign step \(step)\n").utf8)
        case (.reload, _): return Array(text.utf8)
        case (_, "garbage"): return Array((text + "campaign-garbage-directive on\n").utf8)
        case (_, "bad-timers"):
            let lines = text.split(separator: "\n").map {
                $0.hasPrefix("deadtime ") ? "deadtime \(max(pair.timers.keepaliveMS / 2, 1))ms" : String($0)
            }
            return Array((lines.joined(separator: "\n") + "\n").utf8)
        case (_, "nul-byte"): return Array(text.utf8) + Array("udpport 69".utf8) + [0] + Array("4\n".utf8)
        default: return Array((text + "auto_failback on" + String(repeating: " ", count: plan.amount ?? 70_000) + "\n").utf8)
        }
    }

    /// A status request from a fresh client of `node`, timed (at most 2 s).
    func probe(_ node: String) -> ControlProbe {
        let started = SystemClock.now()
        let answer = cluster.snapshot(node, timeout: .seconds(2))
        return ControlProbe(answeredAfter: answer == nil ? nil : SystemClock.now() - started, timeout: .seconds(2))
    }

    private func flood(_ plan: FaultPlan, target: String, _ outcome: inout InjectionOutcome) async throws {
        let path = try cluster.node(target).socketPath
        let hold = Duration.milliseconds(plan.holdMS)
        switch plan.kind {
        case .idleClients:
            let clients = ControlFlood.idleClients(path: path, count: plan.amount ?? 100)
            outcome.notes.append("\(clients.count) clients connected")
            try await Task.sleep(for: .milliseconds(300))
            outcome.controlProbe = probe(target)
            try await SystemClock.sleep(until: outcome.injectedAt + hold)
            withExtendedLifetime(clients) {}
        case .newlineFlood:
            let flood = ControlFlood.newlines(path: path, megabytes: plan.amount ?? 1, deadline: outcome.injectedAt + hold + .seconds(10))
            try await Task.sleep(for: .milliseconds(200))
            outcome.controlProbe = probe(target)
            try await SystemClock.sleep(until: outcome.injectedAt + hold)
            let deadline = SystemClock.now() + .seconds(12)
            while !flood.finished.load(ordering: .relaxed) && SystemClock.now() < deadline { try await Task.sleep(for: .milliseconds(20)) }
            outcome.notes.append("\(flood.bytesSent.load(ordering: .relaxed) >> 10) KiB of newlines written")
        default:
            let subscribers = ControlFlood.slowSubscribers(path: path, count: plan.amount ?? 10)
            outcome.notes.append("\(subscribers.count) subscribers")
            if plan.variant == "moving" {
                try await Task.sleep(for: hold / 2)
                ask("standby", of: pair.currentHolder, &outcome)
            }
            try await Task.sleep(for: .milliseconds(300))
            outcome.controlProbe = probe(target)
            try await SystemClock.sleep(until: outcome.injectedAt + hold)
            withExtendedLifetime(subscribers) {}
        }
    }
}
