/// One problem found in a configuration file, printed like a compiler diagnostic.
///
/// `description` is `FILE:LINE: error|warning: message`, e.g.
/// `ha.cf:14: error: deadtime (2000 ms) must be greater than 2 x keepalive (1000 ms)`.
/// Parsers collect every diagnostic of a file instead of stopping at the first one.
public struct ConfigDiagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable, Codable {
        case error
        case warning
    }

    /// The file as the user named it (`/etc/ha.d/ha.cf`, or just `ha.cf`).
    public var file: String
    /// 1-based line number; 0 when the problem concerns the file as a whole.
    public var line: Int
    public var severity: Severity
    public var message: String

    public init(file: String, line: Int, severity: Severity, message: String) {
        self.file = file
        self.line = line
        self.severity = severity
        self.message = message
    }

    public static func error(_ file: String, _ line: Int, _ message: String) -> ConfigDiagnostic {
        ConfigDiagnostic(file: file, line: line, severity: .error, message: message)
    }

    public static func warning(_ file: String, _ line: Int, _ message: String) -> ConfigDiagnostic {
        ConfigDiagnostic(file: file, line: line, severity: .warning, message: message)
    }

    public var description: String {
        line > 0 ? "\(file):\(line): \(severity.rawValue): \(message)" : "\(file): \(severity.rawValue): \(message)"
    }
}

extension Array where Element == ConfigDiagnostic {
    /// True when at least one diagnostic is an error (warnings alone do not stop a start).
    public var hasErrors: Bool { contains { $0.severity == .error } }
}
