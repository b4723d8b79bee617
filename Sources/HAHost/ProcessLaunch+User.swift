import Glibc

extension ProcessLaunch {
    /// util-linux's `setpriv`, which switches user inside the child it becomes.
    public static let setpriv = "/usr/bin/setpriv"

    /// This launch run as user `uid` with group `gid` and that user's supplementary groups.
    ///
    /// `posix_spawn` cannot change the user, so the child first runs `setpriv`, which sets the
    /// groups, the gid and the uid and then execs the program: the pid stays the program's own,
    /// as with Heartbeat's setgid/setuid between fork and exec. Unchanged when the ids are ours.
    public func running(asUser uid: uid_t, group gid: gid_t) -> ProcessLaunch {
        guard uid != geteuid() || gid != getegid() else { return self }
        var launch = self
        launch.arguments = [Self.setpriv, "--reuid=\(uid)", "--regid=\(gid)", "--init-groups", "--"] + arguments
        return launch
    }
}
