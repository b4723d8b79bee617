/// Something the export could not carry over, or carried over with a change the operator must
/// know: where it is in the Heartbeat files and why.
///
/// `description` reads like a compiler diagnostic: `haresources:1: not exported: …`.
public struct ExportNote: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        /// Left out of the Pacemaker configuration; the operator must act.
        case notExported = "not exported"
        /// Exported, with a difference in behaviour or a step to take before loading.
        case changed = "changed"
    }

    public var file: String
    /// 1-based; 0 for the file as a whole.
    public var line: Int
    public var kind: Kind
    public var message: String

    public init(file: String, line: Int, kind: Kind, message: String) {
        self.file = file
        self.line = line
        self.kind = kind
        self.message = message
    }

    public var description: String {
        (line > 0 ? "\(file):\(line)" : file) + ": \(kind.rawValue): \(message)"
    }
}
