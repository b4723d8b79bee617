/// One thing a DRBD parser could not understand, with where it was and the offending text.
///
/// `description` reads like a compiler note: `line 4: unrecognised line: "garbage"`.
public struct DRBDParseProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// 1-based line number; 0 when the problem concerns the input as a whole.
    public var line: Int
    /// What was wrong.
    public var message: String
    /// The offending text, shortened to at most 80 characters.
    public var text: String

    /// Creates a problem without offending text.
    public init(line: Int, message: String) {
        self.init(line: line, message: message, text: "")
    }

    /// Creates a problem; `text` is shortened to 80 characters.
    public init(line: Int, message: String, text: some StringProtocol) {
        self.line = line
        self.message = message
        self.text = String(text.prefix(80))
    }

    /// `line N: message: "text"`.
    public var description: String {
        let place = line > 0 ? "line \(line): " : ""
        return text.isEmpty ? "\(place)\(message)" : "\(place)\(message): \"\(text)\""
    }
}
