#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Who runs the console, for `run_started`: the person behind sudo if any, else the login.
enum SOPOperatorIdentity {
    /// `SUDO_USER`, `USER` or `LOGNAME` from the environment, else the uid's passwd name, else `uid N`.
    static func currentUser() -> String {
        for name in ["SUDO_USER", "USER", "LOGNAME"] {
            if let value = getenv(name).map({ String(cString: $0) }), !value.isEmpty { return value }
        }
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "uid \(getuid())"
    }

    /// This machine's host name (`gethostname`).
    static func currentHost() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown-host" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
