import Glibc
import HAHost

/// Creates sockets inside a named network namespace (`ip netns add NAME`) without moving the process.
///
/// A socket belongs to the namespace of the thread that created it, for its whole life, so it
/// is enough to enter the namespace on a dedicated thread, create the socket, and go back; the
/// descriptor can then be used from any task. Swift's cooperative threads are never moved: the
/// `setns` happens on a fresh thread that exits right after. The daemon itself passes no
/// namespace (it runs wholly inside its node's namespace); tests pass one.
enum NetworkNamespace {
    /// Why a namespace could not be entered.
    struct Failure: Error, Hashable, Sendable, CustomStringConvertible {
        var description: String

        init(description: String) { self.description = description }

        /// `what: <strerror(errno)>`, errno read now.
        init(_ what: String, errno code: Int32 = errno) { description = "\(what): \(String(cString: strerror(code)))" }
    }

    /// Runs `make` in namespace `name` (or right here for nil) and returns its descriptor.
    ///
    /// - Throws: ``Failure`` when the namespace does not exist or cannot be entered; errors from
    ///   `make` are passed through.
    static func descriptor(in name: String?, _ make: @escaping @Sendable () throws -> Int32) async throws -> Int32 {
        guard let name else { return try make() }
        return try await withCheckedThrowingContinuation { continuation in
            let started = DetachedThread.start {
                continuation.resume(with: Result { try enter(name, then: make) })
            }
            if let code = started {
                continuation.resume(throwing: Failure("cannot start a thread to enter network namespace '\(name)'", errno: code))
            }
        }
    }

    /// Enters `name` on the current (dedicated) thread, runs `make`, and returns to the original namespace.
    private static func enter(_ name: String, then make: () throws -> Int32) throws -> Int32 {
        guard let setns = setnsFunction() else { throw Failure(description: "setns(2) is not available") }
        let original = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC)
        guard original >= 0 else { throw Failure("cannot open this thread's network namespace") }
        defer { close(original) }
        let target = open("/run/netns/\(name)", O_RDONLY | O_CLOEXEC)
        guard target >= 0 else { throw Failure("no network namespace '\(name)'") }
        defer { close(target) }
        guard setns(target, cloneNewNet) == 0 else { throw Failure("cannot enter network namespace '\(name)'") }
        defer {
            // This thread exits next; going back anyway keeps the contract simple.
            _ = setns(original, cloneNewNet)
        }
        return try make()
    }

    /// `CLONE_NEWNET` from <sched.h>, which the Glibc module does not export.
    private static let cloneNewNet: Int32 = 0x4000_0000

    /// `setns(2)` looked up at run time: the Glibc module does not export it (it needs `_GNU_SOURCE`).
    private static func setnsFunction() -> (@convention(c) (Int32, Int32) -> Int32)? {
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "setns") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
    }
}
