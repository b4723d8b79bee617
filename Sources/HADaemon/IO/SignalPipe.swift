import Glibc

// The one file in HADaemon with unsafe globals: a signal handler may only touch a C-visible
// file descriptor, so the write end of the signal pipe lives here.
nonisolated(unsafe) private var signalPipeWriteEnd: Int32 = -1

/// Turns SIGTERM, SIGINT and SIGHUP into bytes on a pipe the event loop polls.
///
/// Handlers (not a blocked mask + signalfd) so that resource scripts we start inherit no
/// blocked signals; the mask we were started with is cleared for the same reason.
enum SignalPipe {
    /// Installs the handlers; returns the read end to poll. Each byte is a signal number.
    static func install() -> Int32 {
        var fds: [Int32] = [0, 0]
        makeNonBlockingPipe(&fds)
        signalPipeWriteEnd = fds[1]
        var empty = sigset_t()
        sigemptyset(&empty)
        pthread_sigmask(SIG_SETMASK, &empty, nil)
        for signalNumber in [SIGTERM, SIGINT, SIGHUP] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                var byte = UInt8(truncatingIfNeeded: number)
                _ = write(signalPipeWriteEnd, &byte, 1)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            sigaction(signalNumber, &action, nil)
        }
        signal(SIGPIPE, SIG_IGN)
        return fds[0]
    }
}

/// `pipe2(O_NONBLOCK | O_CLOEXEC)`, which Glibc's Swift overlay does not expose.
func makeNonBlockingPipe(_ fds: inout [Int32]) {
    _ = pipe(&fds)
    for fd in fds {
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    }
}
