/// Heartbeat's "we own this resource" test on a script's `status` output (spec §3.3).
///
/// ResourceManager runs `script args status 2>/dev/null` and matches standard output with the
/// shell patterns `*[Nn][Oo][Tt]\ *[Rr]unning*` (→ not owned), then `*[Rr]unning*|*OK*`
/// (→ owned), else not owned. The exit code is ignored, so a script that exits 0 but prints
/// nothing does not own its resource, and one printing `OK` owns it whatever it exits with.
enum ResourceStatusRule {
    /// True when `stdout` says the resource is running, by Heartbeat's exact patterns.
    ///
    /// Only `R` of `running` is case-insensitive (`RUNNING` does not count), `not` is matched
    /// anywhere (`cannot be running` counts as "not … running"), and `OK` must be upper-case.
    static func indicatesRunning(_ stdout: String) -> Bool {
        let bytes = Array(stdout.utf8)
        if let not = firstNotAndSpace(in: bytes), contains(running, in: bytes[(not + 4)...]) {
            return false
        }
        return contains(running, in: bytes[...]) || contains(["O", "K"], in: bytes[...])
    }

    /// `[Rr]unning` as byte patterns: each position lists the bytes it accepts.
    private static let running: [[UInt8]] = [Array("Rr".utf8)] + "unning".utf8.map { [$0] }

    /// Index of the first `[Nn][Oo][Tt] ` in `bytes`.
    private static func firstNotAndSpace(in bytes: [UInt8]) -> Int? {
        let pattern: [[UInt8]] = [Array("Nn".utf8), Array("Oo".utf8), Array("Tt".utf8), Array(" ".utf8)]
        return firstIndex(of: pattern, in: bytes[...])
    }

    private static func contains(_ pattern: [[UInt8]], in bytes: ArraySlice<UInt8>) -> Bool {
        firstIndex(of: pattern, in: bytes) != nil
    }

    private static func contains(_ literal: [Character], in bytes: ArraySlice<UInt8>) -> Bool {
        contains(literal.map { Array(String($0).utf8) }, in: bytes)
    }

    private static func firstIndex(of pattern: [[UInt8]], in bytes: ArraySlice<UInt8>) -> Int? {
        guard bytes.count >= pattern.count else { return nil }
        for start in bytes.startIndex...(bytes.endIndex - pattern.count)
        where pattern.indices.allSatisfy({ pattern[$0].contains(bytes[start + $0]) }) {
            return start
        }
        return nil
    }
}
