import HAHost
import HAProtocol

/// The built-in `IPaddr` and `IPaddr2` agents: a service address added, removed and checked with `ip`.
///
/// Behaves like the resource-agents wrappers Heartbeat calls (spec §3.2), without needing them:
/// - `start` is idempotent (an address already present succeeds without a second add); it adds
///   `A/P dev IF [label IF:LABEL] [brd B]`, then returns while ``ARPAnnouncer`` sends the
///   gratuitous ARPs in the background;
/// - `stop` removes the address wherever it is, cancels its ARPs, and succeeds when the address
///   is already absent (the stop-when-stopped rule of spec §3.3);
/// - `status` prints `INFO:  Running OK` or `INFO:  Resource is stopped`, which the ownership rule
///   of ``ResourceStatusRule`` reads as owned and not owned.
/// Exit codes are OCF's: 0 success, 1 generic error, 2 bad argument, 6 not configured; 3 for a
/// stopped status (LSB), which Heartbeat ignores anyway.
struct IPAddressResource: Sendable {
    var ip: IPCommand
    var announcer: ARPAnnouncer

    /// Performs `invocation.action` for `argument`; `script` (`IPaddr` or `IPaddr2`) picks the ARP defaults.
    func perform(_ argument: IPAddressArgument?, script: String, _ invocation: ScriptInvocation) async -> ScriptOutcome {
        let started = SystemClock.now()
        let result: Outcome
        do throws(Outcome) {
            guard let argument else {
                throw Outcome.failed(2, "\(invocation.resource) needs an address argument: \(script) <ip-address> start|stop|status")
            }
            switch invocation.action {
            case .start: result = try await start(argument, policy: script == "IPaddr" ? .ipaddr : .ipaddr2)
            case .stop: result = try await stop(argument)
            case .status: result = try await status(argument)
            }
        } catch {
            result = error
        }
        return ScriptOutcome(
            invocation: invocation, status: result.status, stdout: result.stdout, stderr: result.stderr, duration: SystemClock.now() - started)
    }

    /// How an action ended: returned on success, thrown to leave an action early on failure.
    private struct Outcome: Error {
        var status: ScriptOutcome.Status
        var stdout = ""
        var stderr = ""

        static let success = Outcome(status: .exited(0), stdout: "INFO:  Success\n")

        static func failed(_ code: Int32, _ message: String) -> Outcome { Outcome(status: .exited(code), stderr: "ERROR: \(message)\n") }

        /// A failure of `ip` itself: its own timeout and spawn failures pass through, the rest is a generic error.
        static func ip(_ failure: IPCommand.Failure) -> Outcome {
            switch failure.result?.status {
            case .timedOut(let after)?: Outcome(status: .timedOut(after: after), stderr: "ERROR: \(failure.description)\n")
            case .couldNotStart(let reason)?: Outcome(status: .couldNotStart(reason))
            case nil: Outcome(status: .couldNotStart(failure.description))
            default: failed(1, failure.description)
            }
        }
    }

    /// Adds the address unless present (placing it first), then starts its ARPs; exit 6 when it cannot be placed.
    private func start(_ argument: IPAddressArgument, policy: ARPAnnouncer.Policy) async throws(Outcome) -> Outcome {
        let existing = try await addresses()
        if existing.contains(where: { $0.address == argument.address }) { return .success }
        let placement: IPAddressPlacement
        do {
            placement = try IPAddressPlacement.choose(for: argument, among: existing)
        } catch {
            throw Outcome.failed(6, error.description)
        }
        do {
            _ = try await ip.check(placement.addArguments)
        } catch {
            throw Outcome.ip(error)
        }
        var result = Outcome.success
        do {
            let link = try await ip.link(placement.interface)
            await announcer.announce(argument.address, on: link, netns: ip.netns, policy: policy)
        } catch {
            // The address is up, which is what start promises; say why nobody was told.
            result.stderr = "WARNING: no gratuitous ARP for \(argument.address): \(error.description)\n"
        }
        return result
    }

    /// Cancels the address's ARPs and removes it from every interface holding it; absent is success.
    private func stop(_ argument: IPAddressArgument) async throws(Outcome) -> Outcome {
        await announcer.cancel(argument.address)
        for present in try await addresses() where present.address == argument.address {
            do {
                _ = try await ip.check(["addr", "del", "\(present.address)/\(present.prefixLength)", "dev", present.interface])
            } catch {
                // Someone else may have removed it meanwhile: only an address still there is a failure.
                if try await addresses().contains(where: { $0.address == argument.address }) { throw Outcome.ip(error) }
            }
        }
        return .success
    }

    /// `Running OK` (exit 0) when the address is on any interface, else `Resource is stopped` (exit 3).
    private func status(_ argument: IPAddressArgument) async throws(Outcome) -> Outcome {
        if try await addresses().contains(where: { $0.address == argument.address }) {
            return Outcome(status: .exited(0), stdout: "INFO:  Running OK\n")
        }
        return Outcome(status: .exited(3), stdout: "INFO:  Resource is stopped\n")
    }

    /// The host's IPv4 addresses, or the failure of `ip` as an outcome.
    private func addresses() async throws(Outcome) -> [InterfaceAddress] {
        do {
            return try await ip.addresses()
        } catch {
            throw Outcome.ip(error)
        }
    }
}
