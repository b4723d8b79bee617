/// One line of `drbdsetup events2`: `[<timestamp> ]<action> <object> <key>:<value> ...`.
///
/// Values never contain spaces; each word splits on its first colon (`local:ipv4:10.0.0.1:7789`
/// has key `local`). `--diff` values `old->new` keep only the new value. The line `exists -`
/// ends the initial state dump (`isEndOfInitialState`).
public struct DRBDEvents2Line: Hashable, Sendable {
    /// What happened.
    public enum Action: String, Hashable, Sendable, Codable {
        /// Part of the initial state dump.
        case exists
        /// An object appeared.
        case create
        /// Some state keys of an object changed; only those keys are present.
        case change
        /// An object disappeared; only identity keys are present.
        case destroy
        /// A user-mode helper was invoked.
        case call
        /// A user-mode helper returned (`status:`).
        case response
        /// A resource was renamed (`new_name:`).
        case rename
    }

    /// The `--timestamps` prefix as printed (`2019-08-18T02:29:24.637733+08:00`), if any.
    public var timestamp: String?
    /// What happened.
    public var action: Action
    /// The kind of object: `resource`, `device`, `connection`, `peer-device`, `path`, `helper`, `-`.
    public var object: String
    /// The `key:value` words in order, `--diff` values reduced to the new value.
    public var fields: [Field]

    /// One `key:value` word.
    public struct Field: Hashable, Sendable {
        /// The key.
        public var key: String
        /// The (new) value.
        public var value: String
        /// The old value of a `--diff` `old->new` word.
        public var oldValue: String?

        /// Creates a field.
        public init(key: String, value: String, oldValue: String? = nil) {
            self.key = key
            self.value = value
            self.oldValue = oldValue
        }
    }

    /// Creates a line.
    public init(timestamp: String? = nil, action: Action, object: String, fields: [Field] = []) {
        self.timestamp = timestamp
        self.action = action
        self.object = object
        self.fields = fields
    }

    /// Parses one line; throws a problem (line 0) when it is not an events2 line.
    public init(parsing line: some StringProtocol) throws(DRBDParseProblem) {
        var words = DRBDText.words(line)[...]
        if let first = words.first, Action(rawValue: String(first)) == nil, words.count > 1,
            first.first?.isNumber == true
        {
            timestamp = String(first)
            words = words.dropFirst()
        } else {
            timestamp = nil
        }
        guard let actionWord = words.first, let action = Action(rawValue: String(actionWord)) else {
            throw DRBDParseProblem(line: 0, message: "not an events2 line", text: line)
        }
        guard words.count > 1 else { throw DRBDParseProblem(line: 0, message: "events2 line without object", text: line) }
        self.action = action
        object = String(words[words.startIndex + 1])
        fields = []
        for word in words.dropFirst(2) {
            guard let (key, value) = DRBDText.keyValue(word) else {
                throw DRBDParseProblem(line: 0, message: "expected key:value", text: word)
            }
            if let arrow = value.firstRange(of: "->") {
                fields.append(Field(key: String(key), value: String(value[arrow.upperBound...]), oldValue: String(value[..<arrow.lowerBound])))
            } else {
                fields.append(Field(key: String(key), value: String(value)))
            }
        }
    }

    /// The value of the first field with `key`, if any.
    public subscript(key: String) -> String? {
        fields.first { $0.key == key }?.value
    }

    /// True for `exists -`, the end of the initial state dump.
    public var isEndOfInitialState: Bool { action == .exists && object == "-" }

    /// True for a `call helper` line of the `split-brain` handler: DRBD's only machine-readable
    /// positive split-brain signal (`initial-split-brain` precedes it and is not one).
    public var isSplitBrainHelperCall: Bool {
        action == .call && object == "helper" && self["helper"] == "split-brain"
    }
}
