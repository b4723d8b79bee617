/// The priority word of an ha-log line, normalised (spec §6.1).
///
/// Heartbeat's daemon writes `debug`, `info`, `notice`, `WARN`, `ERROR`, `CRIT` (and, rarely,
/// `ALERT`, `EMERG`); resource scripts write their own spellings (`INFO`, `WARNING`, `CRITICAL`).
/// Every spelling of one priority maps to one case, matched case-insensitively; a word that is
/// no known priority is kept as ``other(_:)``. The spelling as written lives on the line
/// (``HALogLine/levelWord``), so normalising never changes what is formatted back.
public enum HALogLevel: Sendable, Hashable {
    /// `debug`: written to the debug file only.
    case debug
    /// `info`, and the scripts' `INFO`.
    case info
    /// `notice`.
    case notice
    /// `WARN`, and the agents' `WARNING`.
    case warn
    /// `ERROR` (`err` in syslog).
    case error
    /// `CRIT`, `CRITICAL`, and the rarer `ALERT` and `EMERG`.
    case crit
    /// A word in the priority position that is none of the above, verbatim.
    case other(String)

    /// The level a priority word stands for; `INFO`, `info` and `Info` are all ``info``.
    public init(word: some StringProtocol) {
        switch word.lowercased() {
        case "debug": self = .debug
        case "info": self = .info
        case "notice": self = .notice
        case "warn", "warning": self = .warn
        case "err", "error": self = .error
        case "crit", "critical", "alert", "emerg": self = .crit
        default: self = .other(String(word))
        }
    }

    /// True when `word` is a priority some Heartbeat component writes (any case).
    ///
    /// Script texts carry an optional level word, so only these words count as one there.
    public static func isKnownWord(_ word: some StringProtocol) -> Bool {
        if case .other = HALogLevel(word: word) { return false }
        return true
    }

    /// The word Heartbeat's daemon writes for this level: `info`, `WARN`, `ERROR`, `CRIT`, …
    public var heartbeatWord: String {
        switch self {
        case .debug: "debug"
        case .info: "info"
        case .notice: "notice"
        case .warn: "WARN"
        case .error: "ERROR"
        case .crit: "CRIT"
        case .other(let word): word
        }
    }

    /// True for the levels an operator must look at: warn, error and crit.
    ///
    /// A console colours these lines; everything else (including unknown words) is routine.
    public var isProblem: Bool {
        switch self {
        case .warn, .error, .crit: true
        case .debug, .info, .notice, .other: false
        }
    }
}
