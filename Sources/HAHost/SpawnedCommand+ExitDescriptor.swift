import Glibc

extension SpawnedCommand {
    /// A descriptor that polls readable once the child has exited (a pidfd), for a poll loop that
    /// must wake at a death rather than at its next timer; -1 when the kernel or libc has none
    /// or the command has ended. The caller closes it.
    public func openExitDescriptor() -> Int32 {
        guard pid > 0, outcome == nil else { return -1 }
        let fd = GNUFunctions.pidfdOpen(pid)
        if fd >= 0 { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return fd
    }
}
