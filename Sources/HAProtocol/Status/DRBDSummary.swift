/// The one-line DRBD summary a node carries in its heartbeat status messages (`hd_drbd`).
///
/// A thin name for `DRBDStatus.summary` and `DRBDStatus(summary:)`, whose doc comment gives the
/// grammar: no space, `,`, `=`, newline or NUL ever appears, and decoding then encoding gives the
/// same text back.
public enum DRBDSummary {
    /// Encodes a status as its summary line.
    public static func encode(_ status: DRBDStatus) -> String {
        status.summary
    }

    /// Decodes a summary line; throws a problem naming the malformed part.
    public static func decode(_ text: String) throws(DRBDParseProblem) -> DRBDStatus {
        try DRBDStatus(summary: text)
    }
}
