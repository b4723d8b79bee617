/// One `(type, name, value)` entry of a Heartbeat message (spec §5.1).
///
/// The value is raw bytes so that any byte survives a round trip; for string fields it is
/// normally UTF-8 text. Types other than string and binary are kept as the bytes the sender
/// wrote, never interpreted.
public struct HAField: Hashable, Sendable {
    /// The field type numbers of cluster-glue's `ha_msg` (`FT_STRING` ... `FT_UNCOMPRESS`).
    public enum Kind: Int, Hashable, Sendable, CaseIterable {
        /// `(0)`: text.
        case string = 0
        /// `(1)`: raw bytes on the wire, base64 in the classic form (UUIDs).
        case binary = 1
        /// `(2)`: a nested message, kept as raw bytes.
        case nested = 2
        /// `(3)`: a string list, kept as raw bytes.
        case stringList = 3
        /// `(4)`: a compressed message, kept as raw bytes.
        case compressed = 4
        /// `(5)`: an uncompressed nested message, kept as raw bytes.
        case uncompressed = 5
    }

    /// The field name, e.g. `t`, `src`, `srcuuid`.
    public var name: String
    /// How `value` is to be read.
    public var kind: Kind
    /// The value bytes exactly as carried on the wire (after base64 decoding in the classic form).
    public var value: [UInt8]

    /// A field with the given parts.
    public init(name: String, kind: Kind, value: [UInt8]) {
        self.name = name
        self.kind = kind
        self.value = value
    }

    /// A string field holding the UTF-8 bytes of `value`.
    public static func string(_ name: String, _ value: String) -> HAField {
        HAField(name: name, kind: .string, value: Array(value.utf8))
    }

    /// A binary field holding `value`.
    public static func binary(_ name: String, _ value: [UInt8]) -> HAField {
        HAField(name: name, kind: .binary, value: value)
    }

    /// The value decoded as UTF-8 (invalid sequences repaired); meant for string fields.
    public var text: String { String(decoding: value, as: UTF8.self) }

    /// True when `name` reads back the same from both framings: printable ASCII without `=`,
    /// not empty, not starting with `(` (which the classic form would take for a type prefix).
    public static func isValidName(_ name: some Collection<UInt8>) -> Bool {
        guard let first = name.first, first != UInt8(ascii: "(") else { return false }
        return name.allSatisfy { (0x21...0x7E).contains($0) && $0 != UInt8(ascii: "=") }
    }
}
