import Foundation
import Testing

@testable import HAConsole

@Suite struct SOPCheckTests {
    /// A fresh folder under the system's temporary directory, removed by the caller.
    static func folder(_ files: [String: String]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sop-check-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(toFile: path + "/" + name, atomically: true, encoding: .utf8) }
        return path
    }

    @Test("checking a folder reports each file, diagnostics like a compiler, and exit code 1 on any error")
    func checksFolder() throws {
        let good = try Fake.procedureText("rejoin")
        let bad = good.replacingOccurrences(of: "  timeout: 3m\n", with: "  timeout: 3 minutes\n")
        let dir = try Self.folder(["a-rejoin.sop": good, "b-broken.sop": bad, "notes.txt": "not a procedure"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let line = bad.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == "  timeout: 3 minutes" }! + 1
        let (output, code) = SOPCheck.run(paths: [], defaultDirectory: dir)
        #expect(
            output == [
                "\(dir)/a-rejoin.sop: ok, 4 steps",
                "\(dir)/b-broken.sop:\(line): error: timeout '3 minutes' is not a duration like 30s, 2m, 500ms or 1m30s",
            ])
        #expect(code == 1)
        #expect(SOPCheck.run(paths: ["\(dir)/a-rejoin.sop"]) == (["\(dir)/a-rejoin.sop: ok, 4 steps"], 0))
    }

    @Test("a folder named on the command line is checked like the default one (haconsole sop check sop/)")
    func namedFolder() throws {
        let dir = try Self.folder(["a-rejoin.sop": try Fake.procedureText("rejoin"), "notes.txt": "not a procedure"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(SOPCheck.run(paths: [dir + "/"]) == (["\(dir)/a-rejoin.sop: ok, 4 steps"], 0))
        let empty = try Self.folder([:])
        defer { try? FileManager.default.removeItem(atPath: empty) }
        #expect(SOPCheck.run(paths: [empty]) == (["\(empty): error: no *.sop files to check"], 1))
    }

    @Test("a missing file or an empty folder is an error")
    func missing() throws {
        let dir = try Self.folder([:])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(SOPCheck.run(paths: ["\(dir)/nope.sop"]) == (["\(dir)/nope.sop: error: cannot read: No such file or directory"], 1))
        #expect(SOPCheck.run(paths: [], defaultDirectory: dir) == (["\(dir): error: no *.sop files to check"], 1))
        #expect(SOPCheck.run(paths: [], defaultDirectory: dir + "/none").exitCode == 1)
    }
}
