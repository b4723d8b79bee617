import HAProtocol

/// Reading a node of a Pacemaker cluster: one shell script per look, run on the node (here, or
/// through `ssh` or `nsenter`), printing `crm_mon --output-as=xml`, the constraints
/// (`cibadmin --query --scope constraints`, for moves left behind and home nodes) and the node's
/// DRBD state between marker lines, in one round trip. ``parse(_:)`` splits the output;
/// ``Reading/snapshot(takenAt:)`` reads it as the console's ``ClusterSnapshot``.
public enum PacemakerProbe {
    /// Starts every line the script itself prints; neither crm_mon's XML nor DRBD's text does.
    static let marker = "@@pcmk"

    /// The script for `sh -c`; `drbdCommand`, when given, replaces the DRBD look.
    public static func script(drbdCommand: String? = nil) -> String {
        let drbd =
            if let drbdCommand {
                "echo '\(marker) drbd command'; \(drbdCommand) 2>&1; rc=$?; echo; echo \"\(marker) rc $rc\""
            } else {
                ClStatusProbe.drbdLook(marker: marker)
            }
        return """
            PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH
            echo "\(marker) host $(uname -n)"
            command -v crm_mon >/dev/null 2>&1 || echo '\(marker) missing crm_mon'
            echo '\(marker) section crm_mon'; crm_mon --one-shot --output-as=xml --inactive --fence-history=2 2>&1; rc=$?; echo; echo "\(marker) rc $rc"
            echo '\(marker) section constraints'; cibadmin --query --scope constraints 2>&1; rc=$?; echo; echo "\(marker) rc $rc"
            \(drbd)
            echo '\(marker) end'
            """
    }

    /// What one run of the script found.
    public struct Reading: Hashable, Sendable {
        /// `uname -n` of the node: Pacemaker's name for it.
        public var host = ""
        public var missingCrmMon = false
        public var crmMon: [UInt8] = []
        public var crmMonStatus: Int?
        /// The constraints section, when cibadmin answered.
        public var constraints: [UInt8]?
        public var drbdText: String?
        public var drbdSource: String?
        /// The script ran to its end (a cut-short run is not a reading).
        public var complete = false

        public init() {}

        /// The cluster as this node sees it, or why it cannot be read (crm_mon's own words
        /// when it answered with an error, e.g. `crm_mon: Not connected`).
        public func snapshot(takenAt: Int64) throws(PacemakerStatusParser.Failure) -> ClusterSnapshot {
            guard complete else { throw .init(description: "the crm_mon probe was cut short") }
            guard !missingCrmMon else { throw .init(description: "crm_mon is not installed on \(host) (pacemaker-cli-utils)") }
            let status = try PacemakerStatusParser.parse(crmMon: crmMon, constraints: constraints)
            return status.snapshot(localNode: host, takenAt: takenAt)
        }
    }

    /// Splits the script's output; text outside a section is ignored.
    public static func parse(_ output: [UInt8]) -> Reading {
        var reading = Reading()
        var section: String?
        var body: [ArraySlice<UInt8>] = []
        let prefix = Array((marker + " ").utf8)
        for line in output.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            guard line.starts(with: prefix) else {
                if section != nil { body.append(line) }
                continue
            }
            let words = String(decoding: line.dropFirst(prefix.count), as: UTF8.self).split(separator: " ", maxSplits: 1).map(String.init)
            let (word, rest) = (words.first ?? "", words.count > 1 ? words[1] : "")
            switch word {
            case "host": reading.host = rest
            case "missing": reading.missingCrmMon = true
            case "section", "drbd":
                section = word == "drbd" ? "drbd" : rest
                if word == "drbd" { reading.drbdSource = rest }
                body = []
            case "rc":
                // The script's own `echo` before the rc line ends the last line of the body.
                if body.last?.isEmpty == true { body.removeLast() }
                let bytes = Array(body.joined(separator: [UInt8(ascii: "\n")]))
                let status = Int(rest.prefix(4)) ?? 1
                switch section {
                case "crm_mon":
                    reading.crmMon = bytes
                    reading.crmMonStatus = status
                case "constraints" where status == 0: reading.constraints = bytes
                case "drbd" where status == 0: reading.drbdText = String(decoding: bytes, as: UTF8.self)
                default: break
                }
                section = nil
            case "end": reading.complete = true
            default: break
            }
        }
        return reading
    }
}
