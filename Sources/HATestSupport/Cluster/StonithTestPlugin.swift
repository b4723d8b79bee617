import Foundation
import Glibc

/// A test-only cluster-glue `external/` STONITH plugin that powers a namespace node off as a
/// power switch would: SIGKILL to its daemon's process group and every address of its `hb0`
/// flushed. Each call is appended to ``callsFile``.
///
/// cluster-glue's `stonith` finds external plugins only in its compiled-in directory, so the
/// script is installed as `/usr/lib/stonith/plugins/external/hadtest-<unique>` and removed by
/// ``remove()``. Its one parameter, `statedir`, is a directory where the test writes each node's
/// daemon pid (`NODE.pid`) and namespace (`NODE.ns`), and optionally how many resets must fail
/// first (`failures`).
public final class StonithTestPlugin: Sendable {
    public static let pluginDirectory = "/usr/lib/stonith/plugins/external"
    /// The `stonith -t` type: `external/hadtest-<unique>`.
    public let type: String
    public let path: String
    public let stateDirectory: String
    public var callsFile: String { stateDirectory + "/calls" }

    public init() throws {
        let unique = "\(getpid())-\(String(UInt32.random(in: 0..<1_679_616), radix: 36))"
        type = "external/hadtest-\(unique)"
        path = Self.pluginDirectory + "/hadtest-\(unique)"
        stateDirectory = "/tmp/ha-stonith-\(unique)"
        guard FileManager.default.isExecutableFile(atPath: "/usr/sbin/stonith") else {
            throw HarnessError.missingFile("/usr/sbin/stonith", hint: "install cluster-glue (Debian: heartbeat)")
        }
        try FileManager.default.createDirectory(atPath: stateDirectory, withIntermediateDirectories: true)
        try Self.script.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
    }

    deinit { remove() }

    /// The ha.cf line that makes every node use this device.
    public var stonithHostLine: String { "stonith_host * \(type) \(stateDirectory)" }

    /// Records where `cluster`'s running daemons are, so a reset can power them off.
    public func arm(_ cluster: NetnsCluster) throws {
        for node in cluster.nodes {
            guard let pid = cluster.pid(node.name) else { continue }
            try "\(pid)\n".write(toFile: "\(stateDirectory)/\(node.name).pid", atomically: true, encoding: .utf8)
            try "\(node.namespace)\n".write(toFile: "\(stateDirectory)/\(node.name).ns", atomically: true, encoding: .utf8)
        }
    }

    /// Records where a node's daemon runs when it is not one of `cluster`'s hadaemon processes
    /// (a real Heartbeat's master control process).
    public func arm(_ name: String, pid: pid_t, namespace: String) throws {
        try "\(pid)\n".write(toFile: "\(stateDirectory)/\(name).pid", atomically: true, encoding: .utf8)
        try "\(namespace)\n".write(toFile: "\(stateDirectory)/\(name).ns", atomically: true, encoding: .utf8)
    }

    /// The next `count` resets fail (exit 1) without touching anything.
    public func failNext(_ count: Int) throws {
        try "\(count)\n".write(toFile: stateDirectory + "/failures", atomically: true, encoding: .utf8)
    }

    /// Each call as `reset VICTIM done|failed`, in order.
    public func calls() -> [String] {
        let text = (try? String(contentsOfFile: callsFile, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }

    /// Forgets the calls so far (between runs that reuse the plugin).
    public func clear() throws {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: stateDirectory)) ?? [] {
            try FileManager.default.removeItem(atPath: stateDirectory + "/" + name)
        }
    }

    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
        try? FileManager.default.removeItem(atPath: stateDirectory)
    }

    static let script = """
        #!/bin/sh
        # Test-only STONITH plugin of hadaemon's namespace tests: powers a namespace node off.
        PATH=/usr/sbin:/usr/bin:/sbin:/bin
        calls="$statedir/calls"
        case $1 in
        gethosts) for f in "$statedir"/*.pid; do [ -e "$f" ] && basename "$f" .pid; done; exit 0;;
        getconfignames) echo statedir; exit 0;;
        getinfo-devid) echo "hadtest STONITH device"; exit 0;;
        getinfo-devname) echo "hadtest namespace power switch"; exit 0;;
        getinfo-devdescr) echo "kills a namespace node's daemon and flushes its addresses"; exit 0;;
        getinfo-devurl) echo "none"; exit 0;;
        getinfo-xml) echo '<parameters><parameter name="statedir" required="1"><content type="string"/></parameter></parameters>'; exit 0;;
        status|on) exit 0;;
        reset|off)
          host=$(echo "$2" | tr A-Z a-z)
          left=$(cat "$statedir/failures" 2>/dev/null || echo 0)
          if [ "$left" -gt 0 ] 2>/dev/null; then
            echo $((left - 1)) > "$statedir/failures"
            echo "$1 $host failed" >> "$calls"
            exit 1
          fi
          [ -s "$statedir/$host.pid" ] || { echo "$1 $host unknown" >> "$calls"; exit 1; }
          pid=$(cat "$statedir/$host.pid")
          # Through the victim's own network namespace while it lives: a real Heartbeat runs
          # this plugin in a private mount namespace where /run/netns is not visible.
          nsenter -t "$pid" -n ip addr flush dev hb0 2>/dev/null ||
            ip netns exec "$(cat "$statedir/$host.ns")" ip addr flush dev hb0 2>/dev/null
          kill -9 -- "-$pid" 2>/dev/null
          kill -9 "$pid" 2>/dev/null
          echo "$1 $host done" >> "$calls"
          exit 0;;
        *) exit 1;;
        esac

        """
}
