import Foundation
import HAFixtures
import Testing

/// Runs the built `hadaemon` binary as a user would, capturing its output.
struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
    var lines: [String] { stdout.split(separator: "\n").map(String.init) }
}

enum BuiltProducts {
    /// The directory SwiftPM put the products in (the test binary sits beside them).
    static var directory: URL {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: executable).deletingLastPathComponent()
    }

    static func path(_ name: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw TestFailure("\(url.path) is missing: run `swift build --build-tests` before `swift test --skip-build`")
        }
        return url.path
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs a built product with `arguments`; `environment` is added to this process's own.
func run(_ product: String, _ arguments: [String], environment: [String: String] = [:]) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try BuiltProducts.path(product))
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read before waiting so a full pipe cannot block the child.
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandResult(
        status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
        stderr: String(decoding: stderr, as: UTF8.self))
}

/// A fresh temporary directory, removed by the caller with `remove()`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("hadaemon-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// Copies a fixture configuration here (authkeys made mode 600: git keeps no modes).
    func copyConfig(_ name: String) throws -> String {
        let source = try Fixtures.url("configs/\(name)")
        let target = path + "/" + name
        try FileManager.default.copyItem(atPath: source.path, toPath: target)
        if FileManager.default.fileExists(atPath: target + "/authkeys") {
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: target + "/authkeys")
        }
        return target
    }
}

extension String {
    func write(toFile path: String) throws {
        try write(to: URL(fileURLWithPath: path), atomically: true, encoding: .utf8)
    }

    func replacingLine(_ old: String, with new: String) -> String {
        split(separator: "\n", omittingEmptySubsequences: false).map { $0 == old ? new : String($0) }.joined(separator: "\n")
    }
}
