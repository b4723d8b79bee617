/// A constraint of the CIB: where a resource prefers to run, with what, and in which order.
public enum PacemakerConstraint: Hashable, Sendable {
    /// `resource` prefers `node` with `score` (a haresources line's first field); for a
    /// promotable clone, `role` is `Promoted`.
    case location(id: String, resource: String, node: String, score: String, role: String? = nil)
    /// `resource` may run only where `rule` holds (connectivity from ping nodes).
    case locationRule(id: String, resource: String, rule: PacemakerRule)
    /// `resource` runs where `with` runs in `withRole` (a group with DRBD's Promoted instance).
    case colocation(id: String, resource: String, with: String, withRole: String?, score: String)
    /// `first` must reach `firstAction` before `then` is started.
    case order(id: String, first: String, firstAction: String, then: String, thenAction: String)

    public var id: String {
        switch self {
        case .location(let id, _, _, _, _), .locationRule(let id, _, _), .colocation(let id, _, _, _, _),
            .order(let id, _, _, _, _):
            id
        }
    }
}

/// A location rule: `score` where any expression holds (`boolean-op="or"`).
public struct PacemakerRule: Hashable, Sendable {
    public var score: String
    public var expressions: [Expression]

    public init(score: String, expressions: [Expression]) {
        self.score = score
        self.expressions = expressions
    }

    /// One node-attribute test: `pingd not_defined`, `pingd lte 0`.
    public struct Expression: Hashable, Sendable {
        public var attribute: String
        public var operation: String
        public var value: String?

        public init(attribute: String, operation: String, value: String? = nil) {
            self.attribute = attribute
            self.operation = operation
            self.value = value
        }

        /// The test as crmsh and pcs write it: `pingd lte 0`, `not_defined pingd`.
        public var words: String { value.map { "\(attribute) \(operation) \($0)" } ?? "\(operation) \(attribute)" }
    }
}
