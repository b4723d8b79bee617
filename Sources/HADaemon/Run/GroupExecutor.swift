import Glibc
import HADaemonCore
import HAProtocol

/// Runs a resource group's start (left to right) or stop (right to left) off the event loop and
/// posts the result back, logging each step as Heartbeat's ResourceManager does.
struct GroupExecutor: Sendable {
    let groups: [String: ResourceGroup]
    let runner: ResourceScriptRunner
    let log: HALogWriter
    let inbox: EventInbox
    /// Stop attempts before a stop counts as failed (Heartbeat retries up to 10 times, 1 s apart).
    var stopAttempts = 3

    func run(_ key: String, _ action: GroupAction) {
        guard let group = groups[key] else {
            inbox.post(.groupActionFinished(key: key, action: action, succeeded: false, detail: "no such group"))
            return
        }
        Task.detached { [self] in
            let (ok, detail) = action == .start ? await start(group) : await stop(group)
            inbox.post(.groupActionFinished(key: key, action: action, succeeded: ok, detail: detail))
        }
    }

    private func scriptLog(_ line: ResourceLogLine) {
        if line.level == .debug {
            log.daemon(.debug, line.text)
        } else {
            log.script("ResourceManager", instance: "default", level: line.level, line.text)
        }
    }

    private func start(_ group: ResourceGroup) async -> (Bool, String?) {
        scriptLog(ResourceLogLine(.info, "Acquiring resource group: \(group.node) \(group.resources.map(\.text).joined(separator: " "))"))
        for resource in group.resources {
            let invocation = runner.invocation(for: resource, .start)
            scriptLog(invocation.runningLogLine)
            let outcome = await runner.run(resource, .start)
            outcome.outputLogLines.forEach(scriptLog)
            guard outcome.succeeded else {
                outcome.resultLogLines.forEach(scriptLog)
                scriptLog(ResourceLogLine(.crit, "Giving up resources due to failure of \(resource.text)"))
                return (false, outcome.resultLogLines.first?.text ?? "start of \(resource.text) failed")
            }
        }
        return (true, nil)
    }

    private func stop(_ group: ResourceGroup) async -> (Bool, String?) {
        scriptLog(ResourceLogLine(.info, "Releasing resource group: \(group.node) \(group.resources.map(\.text).joined(separator: " "))"))
        var failure: String?
        for resource in group.resources.reversed() {
            var outcome = await runOnce(resource, .stop)
            var attempt = 1
            while !outcome.succeeded && attempt < stopAttempts {
                scriptLog(ResourceLogLine(.info, "Retrying failed stop operation [\(resource.text)]"))
                try? await Task.sleep(for: .milliseconds(200 * attempt))
                outcome = await runOnce(resource, .stop)
                attempt += 1
            }
            if !outcome.succeeded {
                failure = failure ?? (outcome.resultLogLines.first?.text ?? "stop of \(resource.text) failed")
            }
        }
        return (failure == nil, failure)
    }

    private func runOnce(_ resource: ResourceSpec, _ action: ResourceAction) async -> ScriptOutcome {
        scriptLog(runner.invocation(for: resource, action).runningLogLine)
        let outcome = await runner.run(resource, action)
        outcome.outputLogLines.forEach(scriptLog)
        outcome.resultLogLines.forEach(scriptLog)
        return outcome
    }
}
