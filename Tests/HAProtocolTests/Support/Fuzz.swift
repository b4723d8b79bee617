import HAFixtures

/// Deterministic random input for property tests, drawn from a ``SeededGenerator``: every
/// property test names its seed, so a failure reproduces exactly.
enum Fuzz {
    /// Random bytes of a random length up to `maxLength`.
    static func bytes(_ rng: inout SeededGenerator, maxLength: Int = 512) -> [UInt8] {
        let count = Int.random(in: 0...maxLength, using: &rng)
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
    }

    /// Random text drawn mostly from the characters the given parser cares about.
    static func text(_ rng: inout SeededGenerator, alphabet: [Character], maxLength: Int = 400) -> String {
        let count = Int.random(in: 0...maxLength, using: &rng)
        return String((0..<count).map { _ in alphabet.randomElement(using: &rng)! })
    }

    /// A copy of `input` with 1...4 random edits: flip, insert, delete, duplicate a slice or truncate.
    static func mutate(_ input: [UInt8], _ rng: inout SeededGenerator) -> [UInt8] {
        var out = input
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            switch Int.random(in: 0..<6, using: &rng) {
            case 0 where !out.isEmpty:
                let i = Int.random(in: 0..<out.count, using: &rng)
                out[i] ^= UInt8(1 << Int.random(in: 0..<8, using: &rng))
            case 1:
                let i = Int.random(in: 0...out.count, using: &rng)
                out.insert(UInt8.random(in: 0...255, using: &rng), at: i)
            case 2 where !out.isEmpty:
                out.remove(at: Int.random(in: 0..<out.count, using: &rng))
            case 3 where !out.isEmpty:
                let a = Int.random(in: 0..<out.count, using: &rng)
                let b = Int.random(in: a..<min(out.count, a + 32), using: &rng)
                out.insert(contentsOf: out[a...b], at: Int.random(in: 0...out.count, using: &rng))
            case 4 where !out.isEmpty:
                out.removeLast(Int.random(in: 1...out.count, using: &rng))
            default:
                let i = Int.random(in: 0...out.count, using: &rng)
                let interesting: [UInt8] = Array(":,=#%\n()0123456789-/ ".utf8)
                out.insert(interesting.randomElement(using: &rng)!, at: i)
            }
        }
        return out
    }

    /// Text mutation that keeps the result valid UTF-8 (lossy decode of the mutated bytes).
    static func mutate(_ input: String, _ rng: inout SeededGenerator) -> String {
        String(decoding: mutate(Array(input.utf8), &rng), as: UTF8.self)
    }
}
