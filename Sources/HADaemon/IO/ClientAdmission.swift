import HAProtocol

/// Who gets a control-socket slot when a client connects, so that a bounded number of clients
/// never locks the operator out.
///
/// At most ``Limits/maxClients`` at once, of which the last ``Limits/rootReserve`` are for uid 0
/// only: other users' clients can never take them. When no slot is free a newcomer may take the
/// place of an idle client (``Client/idleSince`` set: connected, not subscribed, nothing being
/// answered). Root takes the longest-idle one, a client of another user first. Anyone else only
/// takes the longest-idle client of another user, and only one idle for at least
/// ``Limits/evictableAfter``: a flood of fresh connections cannot push out a client that is about
/// to send its request. Otherwise the newcomer is refused.
enum ClientAdmission {
    struct Limits: Sendable {
        var maxClients = 128
        var rootReserve = 8
        var evictableAfter: Duration = .seconds(1)
    }

    /// A connected client as admission sees it.
    struct Client: Equatable {
        var fd: Int32
        var isRoot: Bool
        /// Since when it has been idle; nil while it is subscribed or being answered.
        var idleSince: MonotonicTime?
    }

    enum Decision: Equatable {
        case admit
        /// Admit after closing this idle client.
        case admitEvicting(Int32)
        case refuse
    }

    /// The decision for a newcomer (`isRoot`: its peer uid is 0) given the clients connected now.
    static func decide(isRoot: Bool, clients: [Client], limits: Limits, at now: MonotonicTime) -> Decision {
        let slots = isRoot ? limits.maxClients : max(0, limits.maxClients - limits.rootReserve)
        if isRoot {
            if clients.count < slots { return .admit }
        } else if clients.filter({ !$0.isRoot }).count < slots && clients.count < limits.maxClients {
            return .admit
        }
        let idle = clients.compactMap { client in client.idleSince.map { (client, $0) } }
        let candidates =
            isRoot
            ? idle.sorted { ($0.0.isRoot ? 1 : 0, $0.1, $0.0.fd) < ($1.0.isRoot ? 1 : 0, $1.1, $1.0.fd) }
            : idle.filter { !$0.0.isRoot && now - $0.1 >= limits.evictableAfter }.sorted { ($0.1, $0.0.fd) < ($1.1, $1.0.fd) }
        return candidates.first.map { .admitEvicting($0.0.fd) } ?? .refuse
    }
}
