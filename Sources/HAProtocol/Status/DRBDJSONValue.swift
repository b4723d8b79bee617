#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Any JSON value, so the status JSON can be walked key by key with every key optional.
enum DRBDJSONValue: Decodable, Hashable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case integer(Int64)
    case string(String)
    case array([DRBDJSONValue])
    case object([String: DRBDJSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        // Most values in drbdsetup's output are strings and numbers: try those first.
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode([String: DRBDJSONValue].self) {
            self = .object(value)
        } else {
            self = .array(try container.decode([DRBDJSONValue].self))
        }
    }

    subscript(key: String) -> DRBDJSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var bool: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    var int: Int? {
        switch self {
        case .integer(let value): Int(exactly: value)
        case .number(let value): value.isFinite && value == value.rounded() && abs(value) < 1e15 ? Int(value) : nil
        default: nil
        }
    }

    var unsigned: UInt64? {
        switch self {
        case .integer(let value): UInt64(exactly: value)
        case .number(let value): value.isFinite && value >= 0 && value == value.rounded() && value < 1e18 ? UInt64(value) : nil
        default: nil
        }
    }

    var double: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .number(let value): value.isFinite ? value : nil
        default: nil
        }
    }

    var array: [DRBDJSONValue]? {
        if case .array(let values) = self { return values }
        return nil
    }
}
