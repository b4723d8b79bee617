import Foundation
import HAFixtures
import HAHost
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

/// Runs `product` with `arguments` to its end (at most two minutes), capturing both streams;
/// `environment` is added to this process's own.
func run(_ product: String, _ arguments: [String], environment: [String: String] = [:]) throws -> CommandResult {
    let inherited = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let launch = ProcessLaunch(
        [try BuiltProducts.path(product)] + arguments, environment: environment.isEmpty ? nil : inherited, standardError: .capture)
    let command = SpawnedCommand.run(launch, timeout: .seconds(120), limit: 64 << 20)
    let status: Int32
    switch command.outcome {
    case .exited(let code)?: status = code
    case .signalled(let signal)?: status = signal
    case .timedOut?, nil: throw TestFailure("\(product) \(arguments.joined(separator: " ")) still running after two minutes; killed")
    case .notStarted(let why)?: throw TestFailure("cannot start \(product): \(why)")
    }
    return CommandResult(
        status: status, stdout: String(decoding: command.output, as: UTF8.self), stderr: String(decoding: command.errorOutput, as: UTF8.self))
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

extension TemporaryDirectory {
    /// Writes `ha.d/` for node alpha of an alpha–bravo pair that is valid on this very host
    /// (loopback only, no groups), with `extra` lines at the end of ha.cf; returns the directory.
    func loopbackConfig(port: Int, extra: [String] = []) throws -> String {
        let dir = path + "/ha.d"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let lines = [
            "logfile \(path)/ha-log", "logfacility none", "keepalive 100ms", "deadtime 500ms", "initdead 1", "udpport \(port)",
            "ucast lo 127.0.0.2", "auto_failback on", "node alpha", "node bravo",
        ]
        try ((lines + extra).joined(separator: "\n") + "\n\n").write(toFile: dir + "/ha.cf")
        try "".write(toFile: dir + "/haresources")
        try "auth 1\n1 sha1 somesecret\n".write(toFile: dir + "/authkeys")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: dir + "/authkeys")
        return dir
    }
}
