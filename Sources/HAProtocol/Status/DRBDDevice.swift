/// One local volume of a resource: its minor, backing disk state and local I/O counters.
public struct DRBDDevice: Hashable, Sendable, Codable {
    /// The volume number within the resource (0 for 8.x, where a minor is a resource).
    public var volume: Int
    /// The device minor (`/dev/drbd<minor>`), when the source prints it.
    public var minor: Int?
    /// The local disk state.
    public var disk: DRBDDiskState
    /// DRBD 9: true for an intentionally diskless client (so `Diskless` is not an alarm).
    public var isClient: Bool?
    /// DRBD 9: false when this volume has lost quorum (a strong alarm).
    public var hasQuorum: Bool?
    /// DRBD 9.29+: true when the device is opened (mounted or in use).
    public var isOpen: Bool?
    /// The usable size in KiB (statistics).
    public var sizeKiB: UInt64?
    /// KiB read from the local disk (8.x `dr:`, statistics `read:`); 8.x counters wrap at 2^31 KiB.
    public var readKiB: UInt64?
    /// KiB written to the local disk (8.x `dw:`, statistics `written:`).
    public var writtenKiB: UInt64?
    /// DRBD 8.x `/proc/drbd` flags as printed (`r-----`); position 1 `s` means I/O suspended.
    public var flags: String?

    /// Creates a device.
    public init(
        volume: Int, minor: Int? = nil, disk: DRBDDiskState = .diskless, isClient: Bool? = nil,
        hasQuorum: Bool? = nil, isOpen: Bool? = nil, sizeKiB: UInt64? = nil, readKiB: UInt64? = nil,
        writtenKiB: UInt64? = nil, flags: String? = nil
    ) {
        self.volume = volume
        self.minor = minor
        self.disk = disk
        self.isClient = isClient
        self.hasQuorum = hasQuorum
        self.isOpen = isOpen
        self.sizeKiB = sizeKiB
        self.readKiB = readKiB
        self.writtenKiB = writtenKiB
        self.flags = flags
    }
}
