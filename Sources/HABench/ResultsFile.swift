import Foundation

/// How every benchmark writes its results: one JSON document, pretty-printed with sorted keys.
enum ResultsFile {
    /// Writes `value` to `path`.
    static func write(_ value: some Encodable, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(value).write(to: URL(fileURLWithPath: path))
    }
}

/// A benchmark's results as they are kept under `bench/results/`:
/// `<filePrefix>-YYYYMMDD-HHMMSS.json`, stamped with the run's ISO 8601 `date`.
protocol BenchResultsDocument: Encodable {
    /// `habench`, `habench-compare`, `habench-console`.
    static var filePrefix: String { get }
    /// When the run was, ISO 8601 UTC.
    var date: String { get }
}

extension BenchResultsDocument {
    /// Writes the results in `directory` (created if missing) and returns the file's path.
    func write(to directory: String) throws -> String {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let stamp = date.filter { $0.isNumber }.prefix(14)
        let path = directory + "/\(Self.filePrefix)-\(stamp.prefix(8))-\(stamp.dropFirst(8)).json"
        try ResultsFile.write(self, to: path)
        return path
    }
}
