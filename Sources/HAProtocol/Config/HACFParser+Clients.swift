extension HACFParser {
    /// `respawn USER /path [args…]` and `failfast …` (spec §1.3): Heartbeat's syntax errors, then
    /// the refusal of a client of Heartbeat's API (which needs the API hadaemon does not serve).
    /// Returns false when the line is invalid and is not recorded.
    mutating func applyClientChild(_ name: String, _ fields: [String]) -> Bool {
        guard fields.count >= 2 else {
            error("\(name) needs a user and a command: '\(lineText)'")
            return false
        }
        if case .apiClient(let client) = RespawnClient(command: Array(fields[1...])) {
            refuse(name, Self.apiClientRefusal(client, wayOut: "remove the line; hadaemon does the work of ipfail and dopd itself"))
        }
        // heartbeat.c reads the user into a 64-byte buffer.
        guard fields[0].utf8.count < 64 else {
            error("\(name): UID specified for client child is too long ('\(fields[0].prefix(16))…' has \(fields[0].utf8.count) bytes)")
            return false
        }
        guard fields[1].hasPrefix("/") else {
            error("\(name) command '\(fields[1])' is not a full path name (Heartbeat: Client child command [\(fields[1])] is not full pathname)")
            return false
        }
        config.respawn.append(
            HACF.ClientChild(user: fields[0], command: Array(fields[1...]), failfast: name == "failfast", line: lineNumber))
        return true
    }

    /// `apiauth CLIENT [uid=LIST] [gid=LIST]` with Heartbeat's checks (`set_api_authorization`),
    /// then the verdict on the client: see ``apiAuthHonoured``.
    mutating func applyAPIAuth(_ fields: [String]) -> Bool {
        let syntax = "; write 'apiauth CLIENT [uid=LIST] [gid=LIST]' (comma-separated lists; one or the other must be given)"
        func invalid(_ problem: String) -> Bool {
            let rest = fields.joined(separator: " ")
            error("Invalid apiauth directive [\(rest)]\(problem.isEmpty ? "" : ": \(problem)")\(syntax)")
            return false
        }
        guard let client = fields.first else { return invalid("") }
        var uids: [String]?
        var gids: [String]?
        for token in fields.dropFirst() {
            if token.hasPrefix("uid=") {
                guard uids == nil else { return invalid("Duplicate uid list in apiauth") }
                uids = token.dropFirst(4).split(separator: ",").map(String.init)
            } else if token.hasPrefix("gid=") {
                guard gids == nil else { return invalid("Duplicate gid list in apiauth") }
                gids = token.dropFirst(4).split(separator: ",").map(String.init)
            } else {
                return invalid("Missing uid or gid in apiauth")
            }
        }
        guard uids != nil || gids != nil else { return invalid("Missing uid or gid in apiauth") }
        guard apiAuthClients.insert(client).inserted else {
            error("Duplicate apiauth directive for API client \(client): [\(fields.joined(separator: " "))]; keep one line per client")
            return false
        }
        if Self.nativeAPIClients.contains(client) { return true }
        if Self.controlSocketClients.contains(client) {
            let ours = (uids ?? []).allSatisfy { $0 == "root" || $0 == "0" } && (gids ?? []) == ["haclient"]
            if !ours {
                warning(
                    "apiauth \(client): hadaemon's control socket admits root and group haclient (Heartbeat's default);"
                        + " the uid/gid lists of this line are not applied")
            }
            return true
        }
        refuse("apiauth", Self.apiClientRefusal(client, wayOut: "remove the line; cl_status and hb_standby reach hadaemon without it"))
        return true
    }

    /// Clients whose work hadaemon does itself: nothing signs on, so their apiauth has no one to admit.
    static let nativeAPIClients: Set<String> = ["ipfail", "dopd"]
    /// Heartbeat's casual clients (`anon`: cl_status and friends; `ping`, `cl_status` and `default`
    /// in its documentation's table), answered by hadaemon's control socket.
    static let controlSocketClients: Set<String> = ["anon", "cl_status", "ping", "default"]

    static func apiClientRefusal(_ client: String, wayOut: String) -> HACFRefusal {
        HACFRefusal(reason: "\(client) is a client of Heartbeat's API, which hadaemon does not serve", wayOut: wayOut, overridable: true)
    }
}
