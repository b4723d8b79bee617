/// A dictionary that lists its entries in the order their keys were first set.
struct OrderedFacts<Value: Sendable>: Sendable {
    private var values: [String: Value] = [:]
    private var order: [String] = []

    subscript(key: String) -> Value? {
        get { values[key] }
        set {
            if newValue != nil, values[key] == nil, !order.contains(key) { order.append(key) }
            values[key] = newValue
        }
    }

    /// The entries present, in first-set order.
    var items: [(key: String, value: Value)] {
        order.compactMap { key in values[key].map { (key, $0) } }
    }
}
