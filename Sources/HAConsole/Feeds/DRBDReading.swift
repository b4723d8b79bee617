import HAProtocol

/// One reading of a node's DRBD state: the status, or nil with the problem that kept it.
struct DRBDReading: Sendable, Equatable {
    var status: DRBDStatus?
    /// Where it came from, as the DRBD panel names it (`/proc/drbd`, `drbdsetup status`).
    var source: String
    /// Why the status is missing or partial.
    var problem: String?
}

extension DRBDReading {
    /// What a probe script's DRBD look printed (``ClStatusProbe/drbdLook(procFile:marker:)``):
    /// `/proc/drbd` text when its source is a file or the text starts with the module's version
    /// line, `drbdsetup status` text otherwise; the source named as the DRBD panel names it.
    static func probed(text: String, source: String) -> (status: DRBDStatus, source: String) {
        let status = source.hasPrefix("/") || text.hasPrefix("version:") ? DRBDProcParser.parse(text).status : DRBDStatusTextParser.parse(text).status
        let name =
            switch source {
            case "drbdsetup": "drbdsetup status"
            case "command": "--drbd-command"
            default: source
            }
        return (status, name)
    }
}
