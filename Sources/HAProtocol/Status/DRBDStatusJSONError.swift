/// Why `DRBDStatusJSONParser` rejected its input outright.
public enum DRBDStatusJSONError: Error, Hashable, Sendable {
    /// The input is not JSON at all; carries the decoder's explanation, shortened.
    case notJSON(String)
}
