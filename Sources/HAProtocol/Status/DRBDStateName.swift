/// A DRBD state vocabulary (roles, connection, disk and replication states) that keeps unknown words.
///
/// Conforming enums list their known words in `knownStates` and carry a `case other(String)` for
/// anything else, so a value DRBD adds in a future release is shown raw instead of being dropped.
/// The spelling is DRBD's own (`UpToDate`, `WFConnection`); matching is exact, as DRBD prints it.
/// Codable encodes and decodes the spelling as a single string.
public protocol DRBDStateName: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Every known state, each with the spelling DRBD prints.
    static var knownStates: [Self] { get }
    /// Wraps a word that is not one of `knownStates`.
    static func other(_ spelling: String) -> Self
    /// The word as DRBD prints it.
    var spelling: String { get }
}

extension DRBDStateName {
    /// Reads a DRBD word: a known state when the spelling matches one exactly, `.other` otherwise.
    public init(spelling: some StringProtocol) {
        let word = String(spelling)
        self = Self.knownStates.first { $0.spelling == word } ?? Self.other(word)
    }

    /// True when the word is one of `knownStates`.
    public var isKnown: Bool { Self.knownStates.contains(self) }

    /// The DRBD spelling.
    public var description: String { spelling }

    /// Decodes the DRBD spelling from a single string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self.init(spelling: try container.decode(String.self))
    }

    /// Encodes the DRBD spelling as a single string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(spelling)
    }
}
