import Foundation
import HAFixtures
import HAProtocol
import Testing

/// `hadaemon config export pacemaker` on the seed configurations and the tests' own, checked by
/// Pacemaker itself: `crm_verify` accepts every CIB, and `crm_simulate` places every group where
/// a Heartbeat pair would (issue 15, "Migration").
@Suite struct ConfigExportPacemakerTests {
    /// A configuration directory to export: a fixture, a rendered Moonshine sample or a
    /// haresources the integration tests use, on the alpha–bravo pair.
    enum Source: CustomTestStringConvertible, Sendable {
        case fixture(String)
        case moonshine(String)
        case pair(autoFailback: String, haResources: String, extra: String = "")

        var testDescription: String {
            switch self {
            case .fixture(let name): "seed \(name)"
            case .moonshine(let name): "Moonshine \(name).yml"
            case .pair(let mode, let haResources, _): "auto_failback \(mode): \(haResources.split(separator: "\n").joined(separator: " / "))"
            }
        }

        /// Writes the three files under `temporary`; returns the directory.
        func directory(in temporary: TemporaryDirectory) throws -> String {
            switch self {
            case .fixture(let name): return try temporary.copyConfig(name)
            case .moonshine(let name):
                let out = temporary.path + "/\(name)"
                let rendered = try run("hadaemon", ["config", "render", try Fixtures.url("configs/moonshine/\(name).yml").path, "--out", out])
                guard rendered.status == 0 else { throw TestFailure("render failed: \(rendered.stderr)") }
                return out
            case .pair(let mode, let haResources, let extra):
                let dir = temporary.path + "/pair"
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
                let haCF = [
                    "keepalive 100ms", "deadtime 1", "initdead 5", "ucast hb0 192.0.2.1", "ucast hb0 192.0.2.2", "auto_failback \(mode)",
                    "node alpha", "node bravo", extra,
                ]
                try (haCF.joined(separator: "\n") + "\n").write(toFile: dir + "/ha.cf")
                try haResources.write(toFile: dir + "/haresources")
                return dir
            }
        }
    }

    static let sources: [Source] = [
        .fixture("alpha-bravo-netns"), .fixture("cookbook-ucast"), .fixture("ldirectord-mcast"), .moonshine("basic"), .moonshine("custom"),
        .pair(autoFailback: "on", haResources: "alpha IPaddr2::192.0.2.100/24/hb0 hbdummy\n"),
        .pair(autoFailback: "off", haResources: "bravo drbddisk::r0 Filesystem::/dev/drbd0::/srv::ext4 IPaddr2::192.0.2.101/24/hb0 apache2\n"),
        .pair(autoFailback: "on", haResources: "alpha 192.0.2.100 hbdummy::1\nbravo IPaddr2::192.0.2.101/24 hbdummy::2 drbddisk::r1\n"),
        .pair(
            autoFailback: "legacy", haResources: "alpha 192.0.2.100\n",
            extra: "ping 198.51.100.254\nrespawn hacluster /usr/lib/heartbeat/ipfail\nstonith_host * external/ssh alpha bravo"),
    ]

    func exported(_ source: Source, in temporary: TemporaryDirectory) throws -> (cib: String, directory: String, stderr: String) {
        let directory = try source.directory(in: temporary)
        let export = try run("hadaemon", ["config", "export", "pacemaker", "--config-dir", directory])
        guard export.status == 0 else { throw TestFailure("export failed (\(export.status)): \(export.stderr)") }
        return (export.stdout, directory, export.stderr)
    }

    /// What crm_verify may say of a CIB with fencing enabled that no node has joined yet: it
    /// would fence them at start (`startup-fencing`), which is the point of fencing.
    static let unseenNodeWarnings = [
        "Fencing and resource management disabled due to lack of quorum", "is unclean but cannot be fenced", "for fencing",
    ]

    @Test("Pacemaker's crm_verify accepts the exported CIB of every seed and test configuration, and the cluster it starts", arguments: sources)
    func verifies(source: Source) throws {
        let temporary = try TemporaryDirectory()
        defer { temporary.remove() }
        let (cib, _, _) = try exported(source, in: temporary)
        try cib.write(toFile: temporary.path + "/cib.xml")
        // crm_verify's verdict: exit 0 and no "Errors/Warnings found during check". With fencing
        // on, the nodes no state has been seen for yet would be fenced at start; the details
        // (-VVV) must say that and nothing else.
        let verify = try PacemakerSimulation.runTool("crm_verify", ["--xml-file", temporary.path + "/cib.xml"])
        let fenced = cib.contains(#"name="stonith-enabled" value="true""#)
        if fenced && verify.status != 0 {
            let details = try PacemakerSimulation.runTool("crm_verify", ["--xml-file", temporary.path + "/cib.xml", "-VVV"])
            let problems = details.stderr.split(separator: "\n").filter { $0.contains("warning:") || $0.contains("error:") }
            let unexpected = problems.filter { line in !Self.unseenNodeWarnings.contains { line.contains($0) } }
            #expect(!problems.isEmpty && unexpected.isEmpty, "crm_verify: \(details.stderr)\n\(cib)")
        } else {
            #expect(verify.status == 0 && !verify.stderr.contains("found during check"), "crm_verify: \(verify.stderr)\n\(cib)")
        }
        var simulation = try PacemakerSimulation(cib: cib, in: temporary.path)
        let nodes = cib.matches(of: /<node id="[^"]+" uname="([^"]+)"\/>/).map { String($0.1) }
        let joined = try PacemakerSimulation.runTool("crm_verify", ["--xml-file", try simulation.join(nodes)])
        #expect(joined.status == 0 && !joined.stderr.contains("found during check"), "crm_verify with \(nodes) joined: \(joined.stderr)")
    }

    @Test(
        "crm_simulate places every group where a Heartbeat pair would: its node, the peer when it is down, and back only with failback",
        arguments: sources)
    func places(source: Source) throws {
        let temporary = try TemporaryDirectory()
        defer { temporary.remove() }
        let (cib, directory, _) = try exported(source, in: temporary)
        let cf = HACFParser.parse(try String(contentsOfFile: directory + "/ha.cf", encoding: .utf8), file: "ha.cf").value
        let lines = HAResourcesParser.parse(try String(contentsOfFile: directory + "/haresources", encoding: .utf8), file: "haresources").value
        let groups = cib.matches(of: /<group id="([^"]+)">/).map { String($0.1) }
        let members = Dictionary(uniqueKeysWithValues: groups.map { ($0, Self.members(of: $0, in: cib)) })
        let homes = lines.groups.filter { line in line.resources.contains { $0.script != "drbddisk" } }.map(\.node)
        try #require(groups.count == homes.count, "groups \(groups) for haresources owners \(homes)")
        try #require(cf.nodes.count == 2)
        let failback = cf.autoFailback != .off

        var simulation = try PacemakerSimulation(cib: cib, in: temporary.path)
        try simulation.run(up: cf.nodes)
        try expect(simulation.placement(), groups: groups, members: members, on: homes, "both nodes up")
        for (group, home) in zip(groups, homes) {
            let peer = cf.nodes.first { $0 != home }!
            var away = simulation
            try away.run(down: [home])
            try expect(away.placement(), groups: [group], members: members, on: [peer], "\(home) down")
            try away.run(up: [home])
            try expect(away.placement(), groups: [group], members: members, on: [failback ? home : peer], "\(home) back, failback \(failback)")
        }
    }

    func expect(_ placement: [String: String], groups: [String], members: [String: [String]], on nodes: [String], _ when: String) throws {
        for (group, node) in zip(groups, nodes) {
            for member in members[group] ?? [] {
                #expect(placement[member] == node, "\(when): \(member) of \(group) runs on \(placement[member] ?? "no node"), expected \(node)")
            }
        }
    }

    static func members(of group: String, in cib: String) -> [String] {
        guard let start = cib.range(of: "<group id=\"\(group)\">"), let end = cib[start.upperBound...].range(of: "</group>") else { return [] }
        return cib[start.upperBound..<end.lowerBound].matches(of: /<primitive id="([^"]+)"/).map { String($0.1) }
    }

    @Test("--output-dir writes every format and keeps an edited copy unless --force; every note names file and line")
    func outputDirectory() throws {
        let temporary = try TemporaryDirectory()
        defer { temporary.remove() }
        let directory = try Source.pair(autoFailback: "on", haResources: "alpha 192.0.2.100 script::with::args\n").directory(in: temporary)
        let out = temporary.path + "/pacemaker"
        let first = try run("hadaemon", ["config", "export", "pacemaker", "--config-dir", directory, "--output-dir", out])
        #expect(first.status == 0, "\(first.stderr)")
        for file in ["cib.xml", "configuration.xml", "crm.txt", "pcs.sh", "corosync.conf", "NOTES.txt"] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + file), "\(file) missing")
        }
        #expect(first.stderr.contains(directory + "/haresources:1: not exported: script::with::args: Pacemaker has no class"), "\(first.stderr)")
        try "edited\n".write(toFile: out + "/crm.txt")
        let again = try run("hadaemon", ["config", "export", "pacemaker", "--config-dir", directory, "--output-dir", out])
        #expect(again.status == 1 && again.stderr.contains("--force replaces them"), "\(again.stderr)")
        #expect(try String(contentsOfFile: out + "/crm.txt", encoding: .utf8) == "edited\n")
        let forced = try run("hadaemon", ["config", "export", "pacemaker", "--config-dir", directory, "--output-dir", out, "--force"])
        let replaced = try String(contentsOfFile: out + "/crm.txt", encoding: .utf8)
        #expect(forced.status == 0 && replaced.hasPrefix("node 1: alpha"))
    }

    @Test("a directory without ha.cf is refused with its path")
    func missingFiles() throws {
        let temporary = try TemporaryDirectory()
        defer { temporary.remove() }
        let export = try run("hadaemon", ["config", "export", "pacemaker", "--config-dir", temporary.path])
        #expect(export.status == 1 && export.stderr.contains("cannot read \(temporary.path)/ha.cf: no such file"), "\(export.stderr)")
    }
}
