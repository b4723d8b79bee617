/// Progress of a running resync or online verify on one peer device.
///
/// Sources differ in what they give: `/proc/drbd` prints percent, remaining/total, ETA and speeds;
/// `drbdsetup status` and events2 print `done:` (percent) and with statistics `eta:`/`dbdt1:`;
/// JSON adds `rs-total`. Everything is optional; sizes are KiB and speeds KiB/s (8.x `M` units
/// and DRBD 9 MiB/s values are converted).
public struct DRBDSyncProgress: Hashable, Sendable, Codable {
    /// Percent done (`sync'ed: 57.3%`, `done:37.50`).
    public var percentDone: Double?
    /// KiB still to synchronise.
    public var remainingKiB: UInt64?
    /// KiB to synchronise in total.
    public var totalKiB: UInt64?
    /// Estimated seconds to finish; nil when unknown or when DRBD says no progress is being made.
    public var etaSeconds: Int?
    /// Recent speed in KiB/s (may be negative in DRBD 9.3's compat output).
    public var speedKiBPerSecond: Int?
    /// Average speed since the resync began, in KiB/s.
    public var averageKiBPerSecond: Int?
    /// The controller's target speed (`want:`), in KiB/s.
    public var wantKiBPerSecond: Int?
    /// True when DRBD reports the resync as stalled.
    public var isStalled: Bool
    /// True for online verify (`verified:`) rather than resync.
    public var isVerify: Bool

    /// Creates a progress value.
    public init(
        percentDone: Double? = nil, remainingKiB: UInt64? = nil, totalKiB: UInt64? = nil, etaSeconds: Int? = nil,
        speedKiBPerSecond: Int? = nil, averageKiBPerSecond: Int? = nil, wantKiBPerSecond: Int? = nil,
        isStalled: Bool = false, isVerify: Bool = false
    ) {
        self.percentDone = percentDone
        self.remainingKiB = remainingKiB
        self.totalKiB = totalKiB
        self.etaSeconds = etaSeconds
        self.speedKiBPerSecond = speedKiBPerSecond
        self.averageKiBPerSecond = averageKiBPerSecond
        self.wantKiBPerSecond = wantKiBPerSecond
        self.isStalled = isStalled
        self.isVerify = isVerify
    }
}
