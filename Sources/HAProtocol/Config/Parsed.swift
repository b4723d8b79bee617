/// A parser's answer: the value it could build and every problem it found on the way.
///
/// A value is always produced (with defaults where input was bad) so that one run reports all
/// problems; callers must not use it when ``diagnostics`` has errors.
public struct Parsed<Value: Sendable>: Sendable {
    public var value: Value
    public var diagnostics: [ConfigDiagnostic]

    public init(value: Value, diagnostics: [ConfigDiagnostic]) {
        self.value = value
        self.diagnostics = diagnostics
    }
}

extension Parsed: Equatable where Value: Equatable {}
