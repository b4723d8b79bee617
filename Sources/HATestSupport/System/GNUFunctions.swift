import Glibc

/// The GNU extension the harness needs that Swift's Glibc module does not import (it sits behind
/// `_GNU_SOURCE`), looked up in the running libc with `dlsym` on each call. Process start-up's
/// own extensions live with ``ProcessLaunch`` in HAHost.
enum GNUFunctions {
    /// `CLONE_NEWNET` from `<sched.h>`.
    static let cloneNewNet: Int32 = 0x4000_0000

    /// `setns(2)`: moves the calling thread into the namespace `fd` refers to.
    static func setns(_ fd: Int32, _ type: Int32) -> Int32 {
        typealias Function = @convention(c) (Int32, Int32) -> Int32
        // RTLD_DEFAULT is the null handle in glibc.
        guard let address = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "setns") else {
            errno = ENOSYS
            return -1
        }
        return unsafeBitCast(address, to: Function.self)(fd, type)
    }
}
