import HAProtocol

/// Reads one node's ha-log (Heartbeat 3.0.6's layouts, which hadaemon also writes) into
/// ``TimelineEvent``s, using the words both write (spec §6.2).
///
/// Lines that fit no layout or report nothing a timeline shows are skipped. Daemon lines print
/// no year: the year of the last script line before them is used, else the clock's. At most
/// ``maximumEvents`` events are kept (the latest), so a huge log cannot grow memory unbounded.
struct TimelineParser: Sendable {
    static let maximumEvents = 100_000

    var clock: TimelineClock

    /// The events of `text`, the ha-log of `node`, oldest first.
    func events(inLog text: String, node: String) -> [TimelineEvent] {
        var events: [TimelineEvent] = []
        var year: Int?
        for lineText in text.split(separator: "\n", omittingEmptySubsequences: true) {
            guard let line = HALogLine(parsing: lineText) else { continue }
            if let stamped = line.timestamp.year { year = stamped }
            let time =
                year == nil && line.timestamp.year == nil
                ? clock.millisecondsGuessingYear(line.timestamp) : clock.milliseconds(line.timestamp, year: year)
            Self.append(line.message, at: time, resolution: 1000, node: node, silence: false, to: &events)
            // Trimmed in bulk, so that keeping the latest stays linear.
            if events.count >= 2 * Self.maximumEvents { events.removeFirst(events.count - Self.maximumEvents) }
        }
        return Array(events.suffix(Self.maximumEvents))
    }

    /// What a message reports, the node it names, and any milliseconds it carries.
    static func classify(_ message: String) -> (TimelineEvent.Kind, String?, Int?)? {
        if let event = HALogEvent(message: message), let known = classify(event) { return known }
        return classifyOwnWords(message)
    }

    private static func classify(_ event: HALogEvent) -> (TimelineEvent.Kind, String?, Int?)? {
        switch event {
        case .nodeDead(let node): (.nodeDead, node, nil)
        case .statusUpdate(let node, "active"): (.nodeActive, node, nil)
        case .heartbeatRestart(let node): (.nodeRestarted, node, nil)
        case .shutdownNotice(let node): (.shutdownNotice, node, nil)
        case .linkUp(let node, _): (.linkUp, node, nil)
        case .linkDead(let node, _): (.linkDead, node, nil)
        case .lateHeartbeat(let node, let interval, _): (.lateHeartbeat, node, interval)
        case .resourcesBeingAcquired(let node): (.takeoverStarted, node, nil)
        case .takingOverResourceGroup: (.takeoverStarted, nil, nil)
        case .acquiringResourceGroup(let node, _): (.takeoverStarted, node, nil)
        case .takeoverComplete(let node): (.takeoverComplete, node, nil)
        case .initialAcquisitionComplete, .standbyTransitionCompleted(_, true): (.acquisitionComplete, nil, nil)
        case .releasingResourceGroup(let node, _): (.releaseStarted, node, nil)
        case .givingUpAllResources: (.releaseStarted, nil, nil)
        case .allResourcesRelinquished, .standbyTransitionCompleted(_, false): (.releaseComplete, nil, nil)
        case .resourceScriptFailed, .givingUpResourcesAfterFailure, .resourceStopFailure: (.resourceFailure, nil, nil)
        case .noStonithDevice: (.noFenceDevice, nil, nil)
        case .returningAfterPartition(let node): (.splitBrainDetected, node, nil)
        default: nil
        }
    }

    /// Lines HALogEvent does not classify: STONITH (spec §5, "Resetting node NODE with
    /// [DEVICE]"), hadaemon's fencing delay and split-brain heal (and the end of its release),
    /// and the acquisition line.
    private static func classifyOwnWords(_ message: String) -> (TimelineEvent.Kind, String?, Int?)? {
        if message.hasPrefix("Local Resource acquisition completed") { return (.acquisitionComplete, nil, nil) }
        if let node = between(message, "Resetting node ", " with [") { return (.fenceStarted, node, nil) }
        if let node = between(message, "node ", " now reset.") { return (.fenceDone, node, nil) }
        if let node = between(message, "STONITH of ", " failed.") { return (.fenceFailed, node, nil) }
        if let node = between(message, "STONITH of ", " cancelled: ") { return (.fenceCancelled, node, nil) }
        if let node = between(message, "Delaying STONITH of ", " by ") {
            let rest = message.split(separator: " ").dropFirst(5).first.flatMap { Int($0) }
            return (.fenceDelayed, node, rest)
        }
        if message.hasSuffix(" finished"), let node = between(message, "Split brain with ", " healed: release of ") {
            return (.releaseComplete, node, nil)
        }
        if let node = between(message, "Split brain with ", " healed") { return (.splitBrainHealed, node, nil) }
        return nil
    }

    /// The single word between `prefix` at the start and `suffix` after it, or nil.
    private static func between(_ text: String, _ prefix: String, _ suffix: String) -> String? {
        guard text.hasPrefix(prefix) else { return nil }
        let rest = text.dropFirst(prefix.count)
        guard let end = rest.firstRange(of: suffix) else { return nil }
        let word = rest[..<end.lowerBound]
        guard !word.isEmpty, !word.contains(" ") else { return nil }
        return String(word)
    }
}
