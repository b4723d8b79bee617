/// Why `habench footprint` stopped; each case names the file or option and what to do.
enum FootprintError: Error, CustomStringConvertible {
    /// `--deb` names nothing readable.
    case unreadablePackage(String)
    /// dpkg-deb or tar failed, or the package holds no `./usr/sbin/hadaemon`.
    case extractionFailed(deb: String, status: String, stderr: String)
    /// The node's daemon ended before it was ready or before the read.
    case daemonExited(variant: FootprintVariant, status: String, stderr: String)
    /// A process to measure was gone or its /proc files unreadable at the read.
    case unreadable(variant: FootprintVariant, pid: Int32, file: String)

    var description: String {
        switch self {
        case .unreadablePackage(let deb):
            return "--deb \(deb): no such readable file (scripts/package builds dist/hadaemon_VERSION_amd64.deb)"
        case .extractionFailed(let deb, let status, let stderr):
            return "--deb \(deb): `dpkg-deb --fsys-tarfile | tar -x ./usr/sbin/hadaemon` failed (\(status)); is it a hadaemon package?\n\(stderr)"
        case .daemonExited(let variant, let status, let stderr):
            var text = "\(variant.title): the daemon \(status) before it was measured; its stderr ends:\n\(stderr)"
            if variant == .hadaemonKeepingStartupPages, stderr.lowercased().contains("unknown option") {
                text +=
                    "\nThis hadaemon does not accept `run --keep-startup-pages` (the hidden flag that keeps its startup-only pages);"
                    + " measure a build that has it, or leave out --compare-keep-startup-pages."
            }
            return text
        case .unreadable(let variant, let pid, let file):
            return "\(variant.title): \(file) of pid \(pid) was unreadable at the read (the process gone, or not root?)"
        }
    }
}
