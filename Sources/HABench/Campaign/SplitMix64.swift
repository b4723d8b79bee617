/// SplitMix64 (Steele, Lea and Flood, 2014): the campaign's seeded generator.
///
/// The campaign's sequence of faults and their parameters is a function of the seed alone, on
/// any toolchain: so the draws go through `below(_:)` and friends, written here, rather than
/// the standard library's `random(in:using:)`, whose use of the generator may change between
/// Swift versions. Never `SystemRandomNumberGenerator`.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private(set) var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A uniform value in `0..<bound` (rejection sampling, so no modulo bias); 0 when `bound` is 0.
    mutating func below(_ bound: UInt64) -> UInt64 {
        guard bound > 1 else { return 0 }
        let limit = UInt64.max - UInt64.max % bound
        while true {
            let value = next()
            if value < limit { return value % bound }
        }
    }

    /// A uniform integer in `range`.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(below(UInt64(range.upperBound - range.lowerBound) + 1))
    }

    /// True with a chance of `perMille` thousandths.
    mutating func chance(perMille: Int) -> Bool {
        Int(below(1000)) < perMille
    }

    /// One element of `choices`, which must not be empty.
    mutating func pick<T>(_ choices: [T]) -> T {
        precondition(!choices.isEmpty, "pick from nothing")
        return choices[Int(below(UInt64(choices.count)))]
    }
}
