#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Newline-delimited JSON framing of the control API, with the checks every server needs
/// before it looks at a request: size, JSON shape, version, known operation.
public enum ControlCodec {
    /// The longest request line a server accepts; longer ones are answered `too_large`.
    public static let maxLineBytes = 64 * 1024

    /// Decodes one request line (without its newline).
    ///
    /// - Returns: the request, or an error response that already carries the request's id when
    ///   one could be read.
    public static func decodeRequest(_ line: some Collection<UInt8>) -> Result<ControlRequest, ControlErrorWithID> {
        guard line.count <= maxLineBytes else {
            return .failure(.init(id: nil, error: ControlError(.tooLarge, "request longer than \(maxLineBytes) bytes")))
        }
        let data = Data(line)
        guard let object = try? JSONDecoder().decode(Envelope.self, from: data) else {
            return .failure(.init(id: nil, error: ControlError(.badRequest, "not a JSON object with an integer \"id\" and an \"op\"")))
        }
        if let version = object.v, version != ControlRequest.protocolVersion {
            return .failure(
                .init(
                    id: object.id,
                    error: ControlError(
                        .unsupportedVersion, "this daemon speaks control protocol v\(ControlRequest.protocolVersion), the request v\(version)")))
        }
        guard let op = object.op, ControlRequest.Operation(rawValue: op) != nil else {
            // The daemon's own; the Pacemaker-only ones are the console's and refused here.
            let known = ControlRequest.Operation.allCases.filter { !$0.isPacemakerOnly }.map(\.rawValue).joined(separator: ", ")
            return .failure(.init(id: object.id, error: ControlError(.unknownOperation, "unknown op \"\(object.op ?? "")\" (known: \(known))")))
        }
        do {
            var request = try JSONDecoder().decode(Lenient.self, from: data).request
            request.v = object.v ?? ControlRequest.protocolVersion
            return .success(request)
        } catch {
            return .failure(.init(id: object.id, error: ControlError(.badRequest, "bad field: \(describe(error))")))
        }
    }

    /// One response as a JSON line ending in `\n`, keys sorted so output is stable.
    public static func encode(_ response: ControlResponse) -> [UInt8] {
        encodeLine(response)
    }

    /// One request as a JSON line ending in `\n`.
    public static func encode(_ request: ControlRequest) -> [UInt8] {
        encodeLine(request)
    }

    /// Decodes a response line (clients).
    public static func decodeResponse(_ line: some Collection<UInt8>) throws -> ControlResponse {
        try JSONDecoder().decode(ControlResponse.self, from: Data(line))
    }

    static func encodeLine(_ value: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Every type here encodes infallibly: plain strings, integers and enums.
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return Array(data) + [0x0A]
    }

    /// The fields read before full decoding, so errors can echo the id.
    struct Envelope: Decodable {
        var id: Int
        var v: Int?
        var op: String?
    }

    /// Decodes a request whose `v` may be absent (it defaults to the current version).
    struct Lenient: Decodable {
        var request: ControlRequest

        enum Keys: String, CodingKey { case id, op, node, resources, reason, resource, peer, timeout, token }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            request = ControlRequest(
                id: try c.decode(Int.self, forKey: .id), op: try c.decode(ControlRequest.Operation.self, forKey: .op),
                node: try c.decodeIfPresent(String.self, forKey: .node),
                resources: try c.decodeIfPresent(ControlRequest.Resources.self, forKey: .resources),
                reason: try c.decodeIfPresent(String.self, forKey: .reason))
            request.resource = try c.decodeIfPresent(String.self, forKey: .resource)
            request.peer = try c.decodeIfPresent(String.self, forKey: .peer)
            request.timeout = try c.decodeIfPresent(Int.self, forKey: .timeout)
            request.token = try c.decodeIfPresent(String.self, forKey: .token)
        }
    }

    static func describe(_ error: any Error) -> String {
        guard let decoding = error as? DecodingError else { return "\(error)" }
        switch decoding {
        case .dataCorrupted(let context), .typeMismatch(_, let context), .valueNotFound(_, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        case .keyNotFound(let key, _):
            return "missing \(key.stringValue)"
        @unknown default:
            return "\(error)"
        }
    }
}

/// A refused request: the error and, when it could be read, the request's id.
public struct ControlErrorWithID: Error, Hashable, Sendable {
    public var id: Int?
    public var error: ControlError

    public init(id: Int?, error: ControlError) {
        self.id = id
        self.error = error
    }

    public var response: ControlResponse { .failure(id: id, error) }
}
