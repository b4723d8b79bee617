/// Small text helpers the SOP code shares (FoundationEssentials has no `trimmingCharacters` here).
enum SOPText {
    /// `text` without leading and trailing spaces.
    static func trimmed(_ text: some StringProtocol) -> String {
        let characters = Substring(text)
        let start = characters.firstIndex { $0 != " " } ?? characters.endIndex
        let end = characters.lastIndex { $0 != " " }.map { characters.index(after: $0) } ?? start
        return start < end ? String(characters[start..<end]) : ""
    }

    /// `value` in at least two decimal digits (`4` → `04`).
    static func twoDigits(_ value: Int) -> String { value < 10 && value >= 0 ? "0\(value)" : "\(value)" }
}
