/// CRC-32/POSIX without the length suffix: Heartbeat's `crc` auth method (spec §2.3).
///
/// Polynomial 0x04C11DB7, MSB first (not reflected), initial value 0, final one's complement.
/// Heartbeat prints it with `%lx`, so `hex` has no zero padding: `""` → `ffffffff`, `"x40"` → `6a039b`.
public struct CRC32POSIX: Hashable, Sendable {
    /// The checksum accumulated so far, before the final complement.
    private var register: UInt32 = 0

    private static let table: [UInt32] = (0..<256).map { index in
        var crc = UInt32(index) << 24
        for _ in 0..<8 {
            crc = crc & 0x8000_0000 != 0 ? (crc << 1) ^ 0x04C1_1DB7 : crc << 1
        }
        return crc
    }

    /// An empty checksum.
    public init() {}

    /// Feeds `bytes` into the checksum.
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            register = (register << 8) ^ Self.table[Int((register >> 24) ^ UInt32(byte))]
        }
    }

    /// The final checksum value (one's complement of the register).
    public var value: UInt32 { ~register }

    /// The value as Heartbeat writes it: lower-case hex, no zero padding.
    public var hex: String { Hex.unpadded(UInt64(value)) }

    /// The checksum of `bytes` as Heartbeat writes it.
    public static func hex(of bytes: some Sequence<UInt8>) -> String {
        var crc = CRC32POSIX()
        crc.update(bytes)
        return crc.hex
    }
}
