/// One finished fence as the node that ran it saw it (crm_mon's fencing history): who reset
/// whom, with which device, how it ended and how long the device took.
public struct FenceRecord: Codable, Hashable, Sendable {
    /// The node that ran the device.
    public var fencer: String
    /// The node it reset.
    public var victim: String
    /// The device type, as the log line names it (`external/ssh`).
    public var device: String
    /// Heartbeat's `t=stonith` result: `OK`, `badhost` or `bad`.
    public var result: String
    /// Milliseconds the device took.
    public var duration: Int
    /// Milliseconds from the end of the fence to the snapshot (monotonic).
    public var age: Int
    /// What the device said when it failed.
    public var detail: String?

    public init(fencer: String, victim: String, device: String, result: String, duration: Int, age: Int, detail: String? = nil) {
        self.fencer = fencer
        self.victim = victim
        self.device = device
        self.result = result
        self.duration = duration
        self.age = age
        self.detail = detail
    }
}
