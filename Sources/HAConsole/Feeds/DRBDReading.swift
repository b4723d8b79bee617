import HAProtocol

/// One reading of a node's DRBD state: the status, or nil with the problem that kept it.
struct DRBDReading: Sendable, Equatable {
    var status: DRBDStatus?
    /// Where it came from, as the DRBD panel names it (`/proc/drbd`, `drbdsetup status`).
    var source: String
    /// Why the status is missing or partial.
    var problem: String?
}
