import Foundation

/// The bookkeeping every repeated measurement shares: each figure's samples and how many
/// repetitions were meant to produce it, what failed, and the watcher's sampling periods.
///
/// A repetition that fails is recorded (and printed) and the others still count; cancellation
/// (SIGINT, SIGTERM) ends the whole run.
struct SampleBook<Key: Hashable> {
    private(set) var samples: [Key: [Double]] = [:]
    private(set) var attempts: [Key: Int] = [:]
    private(set) var failures: [String] = []
    /// Each repetition's mean sampling (or polling) period, in ms.
    private(set) var periods: [Double] = []

    /// The mean of ``periods``, nil for none.
    var meanPeriod: Double? { periods.isEmpty ? nil : periods.reduce(0, +) / Double(periods.count) }

    /// The samples taken for `key`, empty for none.
    func values(_ key: Key) -> [Double] { samples[key] ?? [] }

    /// Runs one repetition called `name`, meant to produce `figures` (each filed under
    /// `key(figure)`), and files what it measured; prints `[name] figure ms, …` or the failure.
    mutating func repetition<Figure: Hashable & RawRepresentable>(
        _ name: String, figures: [Figure], key: (Figure) -> Key,
        _ body: () async throws -> (figures: [Figure: Double], periodMS: Double?)
    ) async throws where Figure.RawValue == String {
        for figure in figures { attempts[key(figure), default: 0] += 1 }
        do {
            let (measured, period) = try await body()
            for (figure, value) in measured { samples[key(figure), default: []].append(value) }
            if let period { periods.append(period) }
            let shown = measured.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \(Int($0.value.rounded()))" }
            printProgress("[\(name)] " + shown.joined(separator: ", ") + " ms")
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            fail("\(name): \(error)", shown: "[\(name)] FAILED: \(error)")
        }
    }

    /// `times` results of `body`, each failure noted as it is and the rest still run.
    mutating func collect<T>(_ times: Int, _ body: () throws -> T) -> [T] {
        var results: [T] = []
        for _ in 0..<times {
            do { results.append(try body()) } catch { failures.append("\(error)") }
        }
        return results
    }

    /// Notes sampling periods measured outside ``repetition(_:figures:key:_:)``.
    mutating func note(periods more: [Double]) { periods += more }

    /// Notes a failure, and prints `shown` when given.
    mutating func fail(_ failure: String, shown: String? = nil) {
        failures.append(failure)
        if let shown { printProgress(shown) }
    }
}

/// Prints a benchmark's progress line on standard error (standard output carries the report).
func printProgress(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
