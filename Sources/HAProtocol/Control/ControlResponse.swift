/// One line the daemon sends back: the answer to a request, or a pushed subscription update.
///
/// Exactly one of `error` and the result fields is set. Pushed updates carry the subscription's
/// request `id` and `event: "snapshot"`.
public struct ControlResponse: Codable, Hashable, Sendable {
    public var v: Int = ControlRequest.protocolVersion
    /// The request's id; nil only when the request was too broken to read one.
    public var id: Int?
    public var event: String?
    public var snapshot: ClusterSnapshot?
    /// What a change did, in words for the operator ("standby of all resources started").
    public var message: String?
    /// `outdate-peer`: the handler's exit code (``OutdateResult``) once the answer is known.
    public var exitCode: Int32?
    public var error: ControlError?

    public init(
        id: Int?, event: String? = nil, snapshot: ClusterSnapshot? = nil, message: String? = nil, exitCode: Int32? = nil,
        error: ControlError? = nil
    ) {
        self.exitCode = exitCode
        self.id = id
        self.event = event
        self.snapshot = snapshot
        self.message = message
        self.error = error
    }

    public static func failure(id: Int?, _ error: ControlError) -> ControlResponse {
        ControlResponse(id: id, error: error)
    }
}

/// Why a request was refused.
public struct ControlError: Error, Codable, Hashable, Sendable {
    public enum Code: String, Codable, Hashable, Sendable {
        case badRequest = "bad_request"
        case unknownOperation = "unknown_op"
        case unsupportedVersion = "unsupported_version"
        case tooLarge = "too_large"
        case forbidden
        case wrongNode = "wrong_node"
        case busy
        case notReady = "not_ready"
        case internalError = "internal"
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }
}
