import Foundation
import HAHost
import Testing

/// The daemon and everything on a node but `hadaemon-render` link no Foundation:
/// libFoundation, FoundationInternationalization and ICU are megabytes of every node's idle
/// memory and about 40 MB of each statically linked binary in the package. FoundationEssentials
/// (no ICU) is allowed. `hadaemon-render` needs Yams, and Yams needs Foundation.
@Suite struct DaemonLinkageTests {
    @Test(
        "hadaemon, haconsole and the Heartbeat-compatible commands need no libFoundation, FoundationInternationalization or ICU",
        arguments: ["hadaemon", "haconsole", "cl_status", "hb_standby", "hb_takeover"])
    func noFoundation(product: String) throws {
        let libraries = try linkedLibraries(BuiltProducts.path(product))
        let heavy = libraries.filter {
            $0.hasPrefix("libFoundation.so") || $0.hasPrefix("libFoundationInternationalization") || $0.contains("ICU") || $0.hasPrefix("libicu")
        }
        #expect(heavy.isEmpty, "\(product) links \(heavy)")
        #expect(libraries.contains { $0.hasPrefix("libc.so") })
    }

    /// The sonames `ldd` lists for `path` (the dynamic loader's view, as on a node).
    func linkedLibraries(_ path: String) throws -> [String] {
        let command = SpawnedCommand.run(ProcessLaunch(["/usr/bin/ldd", path]), timeout: .seconds(30), limit: 1 << 20)
        guard case .exited(0)? = command.outcome else { throw TestFailure("ldd \(path) failed: \(String(describing: command.outcome))") }
        return String(decoding: command.output, as: UTF8.self).split(separator: "\n").compactMap {
            $0.split(separator: " ").first.map { String($0.trimmingCharacters(in: .whitespaces)) }
        }
    }
}
