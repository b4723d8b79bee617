import Glibc
import HAProtocol

/// Whether this host can honour the fencing lines of a configuration: the `stonith` command and
/// each device's plugin are installed, the watchdog device exists. Without this a missing plugin
/// showed only at the first fence, as a reset retried every 5 s forever while the takeover waited.
///
/// Like the other host facts, a problem is a warning by default (a configuration is often checked
/// before it is deployed) and an error with `--on-node` and in `run`; `--allow-unfenced` makes it a
/// warning everywhere, as for the other fencing lines.
extension ConfigFiles {
    /// cluster-glue's command and its plugin directories (`stonith -L` lists what they hold).
    static let stonithCommand = "/usr/sbin/stonith"
    static let stonithPluginDirectory = "/usr/lib/stonith/plugins"

    /// One line of ha.cf this host cannot honour: `stopsAStart` unless it is only advice.
    struct FencingProblem {
        var line: Int
        var directive: String
        var message: String
        var stopsAStart: Bool
    }

    static func fencingProblems(_ cf: HACF, nodeName: String?) -> [FencingProblem] {
        var result: [FencingProblem] = []
        let devices = cf.stonithDevices.filter { device in nodeName.map { device.usable(by: $0) } ?? true }
        if let first = devices.first, access(stonithCommand, X_OK) != 0 {
            result.append(
                FencingProblem(
                    line: first.line, directive: "stonith",
                    message: "\(stonithCommand) not found: install cluster-glue (Debian: apt-get install heartbeat) or remove the stonith lines",
                    stopsAStart: true))
        } else {
            for device in devices where !stonithPluginInstalled(device.type) {
                result.append(
                    FencingProblem(
                        line: device.line, directive: "stonith",
                        message:
                            "STONITH plugin '\(device.type)' is not installed on this host (not in \(stonithPluginDirectory)); 'stonith -L' lists the installed types",
                        stopsAStart: true))
            }
        }
        if let path = cf.parameters["watchdog"], !isCharacterDevice(path) {
            // A path that exists is opened and driven at start whatever it is (Heartbeat does the
            // same): only its absence stops a start.
            let exists = access(path, F_OK) == 0
            let message =
                exists
                ? "watchdog '\(path)' is not a character device: it will be written as a watchdog, but no driver will reset this node"
                : "watchdog device '\(path)' does not exist on this host: load its driver (e.g. modprobe softdog) or remove the line"
            result.append(FencingProblem(line: cf.lineOf["watchdog"] ?? 0, directive: "watchdog", message: message, stopsAStart: !exists))
        }
        return result
    }

    /// `external/NAME` is an executable in `external/`; any other type is `stonith2/TYPE.so`.
    static func stonithPluginInstalled(_ type: String) -> Bool {
        let parts = type.split(separator: "/", omittingEmptySubsequences: false)
        guard !type.contains(".."), parts.allSatisfy({ !$0.isEmpty }) else { return false }
        if parts.count == 2 && parts[0] == "external" { return access("\(stonithPluginDirectory)/\(type)", X_OK) == 0 }
        return parts.count == 1 && access("\(stonithPluginDirectory)/stonith2/\(type).so", R_OK) == 0
    }

    static func isCharacterDevice(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFCHR
    }
}
