import Glibc

/// A plain detached POSIX thread that runs one closure and exits: what the daemon's
/// `NetworkNamespace` and the console's DRBD reader need from Foundation's `Thread`, without
/// linking Foundation into either.
public enum DetachedThread {
    private final class Body: Sendable {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }

    /// Starts `body` on a new detached thread; nil when it started, else `pthread_create`'s error
    /// (then `body` never runs).
    public static func start(_ body: @escaping @Sendable () -> Void) -> Int32? {
        let context = Unmanaged.passRetained(Body(body)).toOpaque()
        var thread = pthread_t()
        let code = pthread_create(
            &thread, nil,
            { raw in
                guard let raw else { return nil }
                Unmanaged<Body>.fromOpaque(raw).takeRetainedValue().run()
                return nil
            }, context)
        guard code == 0 else {
            Unmanaged<Body>.fromOpaque(context).release()
            return code
        }
        pthread_detach(thread)
        return nil
    }
}
