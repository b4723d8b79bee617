import Foundation

/// The one fixture set every test target reads: the captures, samples and configurations under
/// `Tests/HAFixtures/Fixtures/` (`wire/`, `clstatus/`, `drbd/`, `heartbeat-logs/`, `configs/`,
/// `fuzz-crashes/`), and the procedures this package ships in `sop/`.
///
/// Paths are relative to the fixture folder (`"drbd/proc-drbd/8.4-healthy-primary.txt"`). A
/// missing file throws ``FixtureError`` naming the path, so a test fails where it asked, with
/// what it asked for; nothing here is ever a copy of a file kept elsewhere in the package.
public enum Fixtures {
    /// The fixture folder as SwiftPM copied it beside the test binary.
    public static var directory: URL { Bundle.module.url(forResource: "Fixtures", withExtension: nil)! }

    /// The file at `path`, which must exist.
    public static func url(_ path: String) throws -> URL {
        let url = directory.appendingPathComponent(path)
        guard FileManager.default.fileExists(atPath: url.path) else { throw FixtureError(path: path, looked: url.path) }
        return url
    }

    /// The bytes of the file at `path`.
    public static func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: try url(path)))
    }

    /// The text of the file at `path`, decoded lossily: captured logs may hold raw packet bytes.
    public static func text(_ path: String) throws -> String {
        String(decoding: try bytes(path), as: UTF8.self)
    }

    /// The names of the files in `folder`, sorted.
    public static func names(in folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: try url(folder).path).sorted()
    }

    /// The package's own `sop/`, the procedures `haconsole` ships, found from this file's place
    /// in the source tree (a test must read what ships, never a copy). Throws when it is gone.
    public static func shippedSOPDirectory() throws -> URL {
        // This file is Tests/HAFixtures/Fixtures.swift: the package root is three levels up.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let sop = root.appendingPathComponent("sop")
        guard FileManager.default.fileExists(atPath: sop.appendingPathComponent("failover.sop").path) else {
            throw FixtureError(path: "sop/", looked: sop.path)
        }
        return sop
    }
}

/// A fixture a test asked for is not where the package keeps it.
public struct FixtureError: Error, CustomStringConvertible {
    /// The path the test asked for.
    public var path: String
    /// Where it was looked for.
    public var looked: String

    public var description: String { "missing fixture \(path) (looked for \(looked))" }
}
