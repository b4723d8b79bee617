/// A Heartbeat message: an ordered list of typed fields (spec §5.1, §5.2).
///
/// Order is significant (it is what gets signed), names may repeat, and lookups return the
/// first field with a name, as cluster-glue's `ha_msg_value` does. Setting a field that exists
/// replaces its value in place; setting a new one appends it — the way the sender adds its
/// header fields (`ha_msg_mod`).
public struct HAMessage: Hashable, Sendable {
    /// The fields in wire order.
    public var fields: [HAField]

    /// A message with the given fields, in that order.
    public init(fields: [HAField] = []) {
        self.fields = fields
    }

    /// A message of string fields, in the order given: `HAMessage(strings: [("t", "status")])`.
    public init(strings: [(String, String)]) {
        self.fields = strings.map { HAField.string($0.0, $0.1) }
    }

    /// The first field named `name`, if any.
    public func field(_ name: String) -> HAField? {
        fields.first { $0.name == name }
    }

    /// The value of the first field named `name`, as text; setting replaces its value in place
    /// (making it a string field) or appends a new string field; setting nil removes every
    /// field of that name.
    public subscript(name: String) -> String? {
        get { field(name)?.text }
        set {
            guard let newValue else {
                fields.removeAll { $0.name == name }
                return
            }
            set(.string(name, newValue))
        }
    }

    /// Replaces the first field named like `field` (keeping its position) or appends `field`.
    public mutating func set(_ field: HAField) {
        if let position = fields.firstIndex(where: { $0.name == field.name }) {
            fields[position] = field
        } else {
            fields.append(field)
        }
    }

    /// Appends `field` at the end, even if one of that name exists.
    public mutating func append(_ field: HAField) {
        fields.append(field)
    }

    /// The raw bytes of the first field named `name`, whatever its type.
    public func bytes(_ name: String) -> [UInt8]? {
        field(name)?.value
    }
}

extension HAMessage {
    /// `t`: the message type (`status`, `NS_ackmsg`, `resource` ...).
    public var type: String? { self["t"] }

    /// `src`: the originating node name.
    public var src: String? { self["src"] }

    /// `dest`: the node a message is addressed to, if any (spec §5.5 rule 5).
    public var dest: String? { self["dest"] }

    /// `srcuuid`: the originator's 16-byte UUID.
    public var srcUUID: [UInt8]? { bytes("srcuuid") }

    /// `seq` parsed from lower-case hex; nil when absent (NS_ types) or not lower-case hex.
    public var seq: UInt64? { self["seq"].flatMap(Hex.parse) }

    /// `hg`, the sender's generation, parsed from lower-case hex.
    public var hg: UInt64? { self["hg"].flatMap(Hex.parse) }

    /// `ts`, the sender's Unix time in seconds, parsed from lower-case hex.
    public var ts: UInt64? { self["ts"].flatMap(Hex.parse) }

    /// True for unsequenced types (`NS_` prefix): no `seq`, no `ld` (spec §5.2).
    public var isUnsequenced: Bool { type?.hasPrefix("NS_") ?? false }
}
