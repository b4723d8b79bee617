import Foundation
import HATestSupport

/// Frame time for 64 nodes and 256 groups: runs `haconsole bench-render` (the release build
/// renders a synthetic state in-process; see `BenchRenderCommand`) and reads its JSON lines.
struct FrameTimeBench {
    let console: String
    let frames: Int

    /// Milliseconds per frame, by size (`80x24`, `200x60`).
    func run() throws -> [String: Double] {
        let output = try HostCommand.run(
            [console, "bench-render", "--nodes", "64", "--groups", "256", "--frames", "\(frames)", "--sizes", "80x24", "200x60", "--json"],
            timeout: .seconds(300))
        guard output.succeeded else { throw ConsoleBenchError("bench-render \(output.status): \(output.stderr)") }
        var perFrame: [String: Double] = [:]
        for line in output.stdout.split(separator: "\n") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let size = object["size"] as? String, let milliseconds = object["msPerFrame"] as? Double
            else { continue }
            perFrame[size] = milliseconds
        }
        guard perFrame.count == 2 else { throw ConsoleBenchError("bench-render printed no figures: \(output.stdout)") }
        return perFrame
    }
}
