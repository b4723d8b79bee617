/// Why hadaemon does not honour an ha.cf line, and what the operator can do instead.
///
/// Printed as `FILE:LINE: error: DIRECTIVE is not honoured by hadaemon: REASON; WAY OUT`. A
/// refusal of the fencing class (`overridable`) is lifted by `hadaemon run --allow-unfenced`:
/// the line then becomes a warning and the snapshot carries an `unfenced_override` alert.
public struct HACFRefusal: Hashable, Sendable {
    /// What hadaemon would have to do and does not.
    public var reason: String
    /// What the operator can do instead (without the override).
    public var wayOut: String
    /// True for the lines whose loss weakens fencing (`stonith`, `watchdog`, `respawn`, …).
    public var overridable: Bool

    public init(reason: String, wayOut: String, overridable: Bool = false) {
        self.reason = reason
        self.wayOut = wayOut
        self.overridable = overridable
    }

    /// The flag that lifts an overridable refusal.
    public static let overrideFlag = "--allow-unfenced"

    /// The diagnostic text for `directive`, without the `FILE:LINE: error:` prefix.
    public func message(for directive: String) -> String {
        let way = overridable ? "\(wayOut), or run 'hadaemon run \(Self.overrideFlag)' to accept the risk" : wayOut
        return "\(directive) is not honoured by hadaemon: \(reason); \(way)"
    }

    /// The warning an overridden line gives instead of the error.
    public func overriddenMessage(for directive: String) -> String {
        "\(directive) is not honoured by hadaemon: \(reason); running without it because \(Self.overrideFlag) was given"
    }
}
