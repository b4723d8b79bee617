import Foundation
import HAFixtures
import Testing

/// `hadaemon config render` on the Moonshine samples, checked by `hadaemon config check`.
@Suite struct ConfigRenderCommandTests {
    func sample(_ name: String) throws -> String {
        try Fixtures.url("configs/moonshine/\(name).yml").path
    }

    @Test("each Moonshine sample renders files that config check accepts, authkeys mode 600", arguments: ["basic", "custom"])
    func renderAndCheck(name: String) throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        let out = tmp.path + "/ha.d"
        let rendered = try run("hadaemon", ["config", "render", sample(name), "--out", out])
        #expect(rendered.status == 0, "\(rendered.stdout)\(rendered.stderr)")
        let mode = try FileManager.default.attributesOfItem(atPath: out + "/authkeys")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let check = try run("hadaemon", ["config", "check", "--config-dir", out, "--node", "haproxy1"])
        #expect(check.status == 0, "\(check.stdout)")
        #expect(!check.stdout.contains(": error: "))
    }

    @Test("the custom sample carries its settings into ha.cf and haresources")
    func customContent() throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        let out = tmp.path + "/ha.d"
        _ = try run("hadaemon", ["config", "render", sample("custom"), "--out", out])
        let haCF = try String(contentsOfFile: out + "/ha.cf", encoding: .utf8)
        #expect(
            haCF.contains("deadtime 10\nwarntime 5\ninitdead 20\nudpport 6009\nucast eth1 12.34.56.78\nucast eth1 12.34.56.79\nauto_failback off\n"))
        #expect(haCF.contains("ping 12.34.56.1\n"))
        #expect(try String(contentsOfFile: out + "/haresources", encoding: .utf8) == "haproxy1 12.34.56.80 haproxy god\n")
        #expect(try String(contentsOfFile: out + "/authkeys", encoding: .utf8) == "auth 1\n1 sha1 sekret\n")
    }

    @Test("rendering twice gives the same bytes; a changed file is only replaced with --force")
    func deterministicAndSafe() throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        let out = tmp.path + "/ha.d"
        #expect(try run("hadaemon", ["config", "render", sample("basic"), "--out", out]).status == 0)
        let first = try Data(contentsOf: URL(fileURLWithPath: out + "/ha.cf"))
        #expect(try run("hadaemon", ["config", "render", sample("basic"), "--out", out]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/ha.cf")) == first)
        try "node local-edit\n".write(toFile: out + "/ha.cf")
        let refused = try run("hadaemon", ["config", "render", sample("basic"), "--out", out])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("\(out)/ha.cf: error: exists with other content; use --force to replace it"))
        #expect(try String(contentsOfFile: out + "/ha.cf", encoding: .utf8) == "node local-edit\n")
        #expect(try run("hadaemon", ["config", "render", sample("basic"), "--out", out, "--force"]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/ha.cf")) == first)
    }

    @Test("an unknown key and broken YAML are errors with file and line")
    func badYAML() throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        let path = tmp.path + "/m.yml"
        try ":heartbeat:\n  :nodes:\n    :a: 192.0.2.1\n    :b: 192.0.2.2\n  :password: x\n  :colour: red\n  :resources:\n    :a: 192.0.2.100\n"
            .write(toFile: path)
        let unknown = try run("hadaemon", ["config", "render", path, "--out", tmp.path + "/out"])
        #expect(unknown.status == 1)
        #expect(unknown.lines.first?.hasPrefix("\(path):6: error: unknown key ':colour:' in :heartbeat:") == true)
        #expect(!FileManager.default.fileExists(atPath: tmp.path + "/out"))
        try ":heartbeat:\n  :nodes: [unclosed\n".write(toFile: path)
        let broken = try run("hadaemon", ["config", "render", path, "--out", tmp.path + "/out"])
        #expect(broken.status == 1)
        #expect(broken.lines.first?.hasPrefix("\(path):") == true && broken.stdout.contains("error: not valid YAML"))
    }

    @Test("hadaemon config render hands its arguments to hadaemon-render, which renders the same bytes")
    func renderThroughEither() throws {
        let tmp = try TemporaryDirectory()
        defer { tmp.remove() }
        let yaml = try sample("basic")
        #expect(try run("hadaemon", ["config", "render", yaml, "--out", tmp.path + "/a"]).status == 0)
        let direct = try run("hadaemon-render", [yaml, "--out", tmp.path + "/b"])
        #expect(direct.status == 0, "\(direct.stdout)\(direct.stderr)")
        for name in ["ha.cf", "authkeys", "haresources"] {
            #expect(FileManager.default.contents(atPath: tmp.path + "/a/" + name) == FileManager.default.contents(atPath: tmp.path + "/b/" + name))
        }
        let help = try run("hadaemon", ["config", "render", "--help"])
        #expect(help.stdout.hasPrefix("OVERVIEW: Render ha.cf, authkeys and haresources from a Moonshine"))
        #expect(help.stdout.contains("USAGE: hadaemon config render <file> --out <out> [--force]"))
    }
}
