import Foundation
import HAHost
import Testing

/// The daemon links no Foundation: libFoundation, FoundationInternationalization and ICU are
/// megabytes of every node's idle memory. FoundationEssentials (no ICU) is allowed.
@Suite struct DaemonLinkageTests {
    @Test("hadaemon needs no libFoundation, no FoundationInternationalization and no ICU")
    func noFoundation() throws {
        let daemon = try linkedLibraries(BuiltProducts.path("hadaemon"))
        let heavy = daemon.filter {
            $0.hasPrefix("libFoundation.so") || $0.hasPrefix("libFoundationInternationalization") || $0.contains("ICU") || $0.hasPrefix("libicu")
        }
        #expect(heavy.isEmpty, "hadaemon links \(heavy)")
        #expect(daemon.contains { $0.hasPrefix("libc.so") })
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
