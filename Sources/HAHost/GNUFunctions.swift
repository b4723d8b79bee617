import Glibc

/// The GNU and Linux extensions process start-up needs that Swift's Glibc module does not import
/// (they sit behind `_GNU_SOURCE`), looked up in the running libc with `dlsym`.
public enum GNUFunctions {
    /// `POSIX_SPAWN_SETSID` from `<spawn.h>` (glibc 2.26 and later).
    static let spawnSetSID: Int32 = 0x80

    /// `pipe2(2)`: a pipe whose ends are created with `flags` (O_CLOEXEC) atomically, so no
    /// child another thread spawns at the same moment inherits them.
    static func pipe2(_ fds: UnsafeMutablePointer<Int32>, _ flags: Int32) -> Int32 {
        typealias Function = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
        guard let function = symbol("pipe2", as: Function.self) else { return unavailable() }
        return function(fds, flags)
    }

    /// `pidfd_open(2)` (glibc 2.36): a descriptor that polls readable once `pid` has exited;
    /// -1 when the libc or kernel lacks it.
    static func pidfdOpen(_ pid: pid_t) -> Int32 {
        typealias Function = @convention(c) (pid_t, UInt32) -> Int32
        guard let function = symbol("pidfd_open", as: Function.self) else { return unavailable() }
        return function(pid, 0)
    }

    /// `posix_spawn_file_actions_addclosefrom_np` (glibc 2.34): the child closes every
    /// descriptor from `lowest` up. Returns ENOSYS, and changes nothing, on an older libc.
    static func addCloseFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ lowest: Int32) -> Int32 {
        typealias Function = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        guard let function = symbol("posix_spawn_file_actions_addclosefrom_np", as: Function.self) else { return ENOSYS }
        return function(actions, lowest)
    }

    /// `posix_spawn_file_actions_addchdir_np` (glibc 2.29): the child starts in `path`.
    static func addChdir(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ path: String) -> Int32 {
        typealias Function = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
        guard let function = symbol("posix_spawn_file_actions_addchdir_np", as: Function.self) else { return ENOSYS }
        return function(actions, path)
    }

    /// `malloc_trim(3)`: returns the heap's free memory to the system; false when nothing was
    /// returned or the libc lacks it.
    @discardableResult
    public static func mallocTrim() -> Bool {
        typealias Function = @convention(c) (Int) -> Int32
        guard let function = symbol("malloc_trim", as: Function.self) else { return false }
        return function(0) == 1
    }

    /// `mallopt(M_ARENA_MAX, 1)`: every thread allocates from the main arena. The daemon's work is
    /// one poll loop; an arena per helper thread (glibc makes up to 8 per core) only keeps pages.
    @discardableResult
    public static func singleMallocArena() -> Bool {
        typealias Function = @convention(c) (Int32, Int32) -> Int32
        guard let function = symbol("mallopt", as: Function.self) else { return false }
        return function(-8, 1) == 1  // M_ARENA_MAX
    }

    private static func symbol<Function>(_ name: String, as type: Function.Type) -> Function? {
        // RTLD_DEFAULT is the null handle in glibc.
        guard let address = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(address, to: type)
    }

    private static func unavailable() -> Int32 {
        errno = ENOSYS
        return -1
    }
}
