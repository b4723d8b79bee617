import Glibc
import HAHost
import HAProtocol

extension ControlServer {
    /// Accepts waiting connections, a bounded number per turn, and admits, admits in the place
    /// of an idle client, or refuses each (``ClientAdmission``). A refused client is told `busy`.
    func acceptClients(at now: MonotonicTime) {
        for _ in 0..<limits.acceptsPerTurn {
            let fd = accept(listenFD, nil, nil)
            if fd < 0 { return }
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            let credentials = PeerCredentials(fd: fd)
            let connected = clients.values.map { client in
                ClientAdmission.Client(fd: client.fd, isRoot: client.isRoot, idleSince: client.isIdle ? client.lastRequestAt : nil)
            }
            switch ClientAdmission.decide(isRoot: credentials?.uid == 0, clients: connected, limits: limits.admission, at: now) {
            case .refuse:
                let reserve = credentials?.uid == 0 ? "" : " (\(limits.admission.rootReserve) of them kept for root)"
                let message = "too many control clients: \(limits.admission.maxClients) at most\(reserve); try again later"
                Self.sendAtOnce(fd, ControlCodec.encode(.failure(id: nil, ControlError(.busy, message))))
                close(fd)
                continue
            case .admitEvicting(let idle):
                disconnect(idle)
            case .admit:
                break
            }
            clients[fd] = Client(fd: fd, credentials: credentials, outbox: limits.outbox, at: now)
        }
    }

    /// One turn: for each client poll found ready (`ready`: fd to revents) or that has requests
    /// waiting, round-robin from where the last turn stopped: write what it is owed, read a
    /// bounded amount, and answer a few of its requests with `answer`; stops at `deadline`, the
    /// rest waits for the next turn.
    func turn(
        ready: [Int32: Int16], until deadline: MonotonicTime, answer: (_ fd: Int32, _ line: [UInt8], PeerCredentials?) -> ControlResponse
    ) {
        let order = clients.keys.sorted()
        let split = order.firstIndex { $0 > cursor } ?? 0
        for fd in order[split...] + order[..<split] {
            guard let client = clients[fd] else { continue }
            let events = ready[fd] ?? 0
            guard events != 0 || client.hasPendingWork else { continue }
            if SystemClock.now() >= deadline { return }
            cursor = fd
            // POLLHUP on a Unix stream socket: the peer closed both ways. What it sent before is
            // still read and acted on (a fire-and-forget request), once; then it is closed.
            let hungUp = events & Int16(POLLHUP) != 0
            if events & Int16(POLLERR | POLLNVAL) != 0 || (hungUp && !client.wantsInput) {
                disconnect(fd)
                continue
            }
            if events & Int16(POLLOUT) != 0 { flush(client) }
            if events & Int16(POLLIN) != 0 || hungUp, client.wantsInput, !read(client) { continue }
            serveRequests(of: client, until: deadline, answer: answer)
        }
    }

    /// Reads up to ``Limits/readPerTurn`` bytes; false when the client is gone.
    private func read(_ client: Client) -> Bool {
        var budget = limits.readPerTurn
        while budget > 0 && client.wantsInput {
            let count = scratch.withUnsafeMutableBytes { buffer in
                let count = Glibc.read(client.fd, buffer.baseAddress, min(buffer.count, budget))
                if count > 0 { client.framer.append(UnsafeRawBufferPointer(rebasing: buffer[0..<count])) }
                return count
            }
            if count > 0 {
                budget -= count
            } else if count == 0 {
                client.inputClosed = true
            } else if errno == EAGAIN || errno == EWOULDBLOCK {
                return true
            } else if errno != EINTR {
                disconnect(client.fd)
                return false
            }
        }
        return true
    }

    private func serveRequests(of client: Client, until deadline: MonotonicTime, answer: (Int32, [UInt8], PeerCredentials?) -> ControlResponse) {
        var scanBudget = limits.scanPerTurn
        var answered = 0
        while answered < limits.requestsPerTurn, !client.outbox.isFull, clients[client.fd] === client {
            switch client.framer.next(budget: &scanBudget) {
            case .line(let line):
                answered += 1
                client.lastRequestAt = SystemClock.now()
                respond(to: client.fd, answer(client.fd, line, client.credentials))
                if SystemClock.now() >= deadline { return }
            case .tooLong:
                client.framer = RequestFramer(maxLineBytes: ControlCodec.maxLineBytes)
                client.inputClosed = true
                let error = ControlError(.tooLarge, "request longer than \(ControlCodec.maxLineBytes) bytes")
                respond(to: client.fd, .failure(id: nil, error))
                return
            case .needMore, .budgetSpent:
                closeIfDone(client)
                return
            }
        }
    }

    /// Queues an answer for `fd` and writes what the client takes now.
    func respond(to fd: Int32, _ response: ControlResponse) {
        guard let client = clients[fd] else { return }
        guard client.outbox.queue(ControlCodec.encode(response), at: SystemClock.now()) else {
            disconnect(fd)
            return
        }
        flush(client)
        enforceTotalOutput()
    }

    /// Offers a subscriber a snapshot event (already encoded with its subscription id); it
    /// replaces one the subscriber has not started to receive.
    func publish(to fd: Int32, _ event: [UInt8]) {
        guard let client = clients[fd] else { return }
        client.outbox.offer(snapshot: event, at: SystemClock.now())
        flush(client)
    }

    /// Writes what the client can take now; drops it when the write fails.
    func flush(_ client: Client) {
        let result = client.outbox.drain(at: SystemClock.now()) { bytes in
            let written = send(client.fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT))
            if written >= 0 { return written }
            return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? 0 : -1
        }
        if result == .failed {
            disconnect(client.fd)
        } else {
            closeIfDone(client)
        }
    }

    /// Drops the clients holding most output while all together hold more than the bound.
    func enforceTotalOutput() {
        let pending = clients.values.map { (fd: $0.fd, bytes: $0.outbox.pendingBytes) }
        for fd in ClientOutbox.overBudget(pending, limit: limits.maxTotalOutput) { disconnect(fd) }
    }

    /// Closes clients that stalled (owed output they do not take) or stayed idle too long.
    func sweep(at now: MonotonicTime) {
        for client in Array(clients.values) {
            if client.outbox.isStalled(at: now) || (client.isIdle && now - client.lastRequestAt >= limits.idleTimeout) {
                disconnect(client.fd)
            } else {
                closeIfDone(client)
            }
        }
    }

    /// A client that closed its side is closed once everything it sent is answered and written.
    private func closeIfDone(_ client: Client) {
        if client.inputClosed && !client.framer.hasUnscanned && client.outbox.isEmpty { disconnect(client.fd) }
    }

    /// One write that never blocks or raises SIGPIPE, for a client about to be closed.
    static func sendAtOnce(_ fd: Int32, _ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
    }
}
