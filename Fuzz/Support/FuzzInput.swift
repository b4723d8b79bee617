/// The bytes libFuzzer hands a target, as the values the parsers take.
///
/// Compiled into every target (each is its own module): copying is cheap next to parsing, and
/// an array or a lossily decoded string is exactly what the daemon and the console hand over.
enum FuzzInput {
    static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    static func text(_ data: UnsafePointer<UInt8>?, _ size: Int) -> String {
        String(decoding: bytes(data, size), as: UTF8.self)
    }

    /// Stops the run with `message` when `condition` does not hold: libFuzzer records the input.
    ///
    /// A plain trap, so the report names the broken property rather than an assertion build mode.
    static func require(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { fatalError(message()) }
    }
}
