/// Parses `drbdsetup status` / `drbdadm status` text (plain, `--verbose`, `--statistics`).
///
/// Indentation says what a line describes: 0 a resource, 2 a device (`volume:`/`disk:` first)
/// or a connection (a name first), 4 a peer device or a resource continuation
/// (`write-ordering:`), 6 and more a continuation of the object before it (80-column wrapping,
/// statistics, the user guide's hand-wrapped lines). Keys a line leaves out take the values the
/// tool implies: a connection without `connection:` is Connected, a peer device without
/// `replication:` is Established on a Connected connection (Off otherwise), without `peer-disk:`
/// it is DUnknown. Old keys (`disk:` for the peer disk, `local:`/`peer:` addresses) are accepted.
public enum DRBDStatusTextParser {
    /// Parses the whole output.
    public static func parse(_ text: String) -> DRBDParseResult {
        var reader = Reader()
        for (offset, line) in DRBDText.lines(text).enumerated() {
            reader.read(line, number: offset + 1)
        }
        reader.finishResource()
        return DRBDParseResult(status: reader.status, problems: reader.problems)
    }

    private enum Object {
        case resource, device(Int), connection(Int), peerDevice(Int, Int)
    }

    private struct Reader {
        var status = DRBDStatus()
        var problems: [DRBDParseProblem] = []
        var current: DRBDResource?
        var last: Object?
        /// Peer devices (connection index, peer device index) whose replication the text printed.
        var explicitReplication: Set<[Int]> = []

        mutating func read(_ line: Substring, number: Int) {
            let words = DRBDText.words(line)
            guard let first = words.first, !first.hasPrefix("#") else { return }
            let indent = DRBDText.indent(line)
            if indent == 0 {
                finishResource()
                current = DRBDResource(name: String(first))
                last = .resource
                apply(words.dropFirst(), to: .resource, number: number)
                return
            }
            guard current != nil else {
                problems.append(DRBDParseProblem(line: number, message: "indented line before any resource", text: line))
                return
            }
            let pairs = words.compactMap(DRBDText.keyValue)
            let keys = Set(pairs.map { String($0.key) })
            if indent >= 6, let last {
                apply(words[...], to: last, number: number)
            } else if indent >= 4 {
                if keys.isSubset(of: Self.resourceContinuationKeys), !keys.isEmpty {
                    apply(words[...], to: .resource, number: number)
                } else {
                    addPeerDevice(words, number: number)
                }
            } else if DRBDText.keyValue(first) != nil {
                let volume = pairs.first { $0.key == "volume" }.flatMap { Int($0.value) } ?? 0
                let index = current!.deviceIndexCreatingIfMissing(volume: volume)
                last = .device(index)
                apply(words[...], to: .device(index), number: number)
            } else {
                current!.connections.append(DRBDConnection(name: String(first), state: .connected))
                let index = current!.connections.count - 1
                last = .connection(index)
                apply(words.dropFirst(), to: .connection(index), number: number)
            }
        }

        static let resourceContinuationKeys: Set<String> = [
            "write-ordering", "suspended", "force-io-failures", "node-id", "role",
        ]

        mutating func addPeerDevice(_ words: [Substring], number: Int) {
            guard let connection = current!.connections.indices.last else {
                problems.append(DRBDParseProblem(line: number, message: "peer device before any connection", text: words.joined(separator: " ")))
                return
            }
            let volume = words.compactMap(DRBDText.keyValue).first { $0.key == "volume" }.flatMap { Int($0.value) } ?? 0
            let index = current!.connections[connection].peerDeviceIndexCreatingIfMissing(volume: volume)
            last = .peerDevice(connection, index)
            apply(words[...], to: .peerDevice(connection, index), number: number)
        }

        mutating func apply(_ words: ArraySlice<Substring>, to object: Object, number: Int) {
            for word in words {
                guard let (key, value) = DRBDText.keyValue(word) else {
                    problems.append(DRBDParseProblem(line: number, message: "expected key:value", text: word))
                    continue
                }
                switch object {
                case .resource: DRBDStatusFields.applyResource(key, value, to: &current!)
                case .device(let d): DRBDStatusFields.applyDevice(key, value, to: &current!.devices[d])
                case .connection(let c): DRBDStatusFields.applyConnection(key, value, to: &current!.connections[c])
                case .peerDevice(let c, let p):
                    if key == "replication" { explicitReplication.insert([c, p]) }
                    DRBDStatusFields.applyPeerDevice(key, value, to: &current!.connections[c].peerDevices[p])
                }
            }
        }

        mutating func finishResource() {
            guard var resource = current else { return }
            for c in resource.connections.indices {
                let connected = resource.connections[c].state == .connected
                for p in resource.connections[c].peerDevices.indices where !explicitReplication.contains([c, p]) {
                    resource.connections[c].peerDevices[p].replication = connected ? .established : .off
                }
            }
            status.resources.append(resource)
            current = nil
            last = nil
            explicitReplication = []
        }
    }
}
