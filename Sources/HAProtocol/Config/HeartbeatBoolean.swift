/// Heartbeat's boolean words, case-insensitive: `true on yes y 1` and `false off no n 0`.
public enum HeartbeatBoolean {
    public static func parse(_ text: some StringProtocol) -> Bool? {
        switch text.lowercased() {
        case "true", "on", "yes", "y", "1": return true
        case "false", "off", "no", "n", "0": return false
        default: return nil
        }
    }
}
