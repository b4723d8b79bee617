import HAProtocol

/// Before a starting daemon sends its first packet: stops every `haresources` group whose
/// scripts say they still run here, left by a daemon that crashed or was killed.
///
/// A starting daemon holds nothing by agreement (its addresses are released the same way, see
/// ``StaleAddressRelease``). A group left running while the peer took it over runs twice: a
/// service started on both nodes, a DRBD disk kept Primary so the peer's start fails. Heartbeat
/// 3.0.6 only warns (`ResourceManager verifyallidle`, spec §3.5); Pacemaker probes every resource
/// at start and stops what runs where it should not, and so does this. Each resource is asked
/// `status` (Heartbeat's rule on its output); a group with one running is stopped right to left,
/// like a release. A stop that fails refuses the start: the operator must look.
struct StaleResourceStop: Sendable {
    var runner: ResourceScriptRunner

    /// What was found and done, for the log.
    struct Found: Sendable, Equatable {
        var group: String
        var running: [String]
        var stopFailure: String?
    }

    /// Stops the groups found running; returns one entry per such group, in reverse file order.
    func stop(_ groups: [ResourceGroup]) async -> [Found] {
        var found: [Found] = []
        for group in groups.reversed() {
            var running: [String] = []
            for resource in group.resources where !resource.isBuiltInAddress {
                if await runner.isRunning(resource) { running.append(resource.text) }
            }
            guard !running.isEmpty else { continue }
            var failure: String?
            for resource in group.resources.reversed() where !resource.isBuiltInAddress {
                let outcome = await runner.run(resource, .stop)
                if !outcome.succeeded, failure == nil {
                    failure = outcome.resultLogLines.first?.text ?? "stop of \(resource.text) failed"
                }
            }
            found.append(Found(group: group.key, running: running, stopFailure: failure))
        }
        return found
    }
}
