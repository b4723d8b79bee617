import Glibc

/// Small /proc files read with plain `read(2)` (they report size 0), and what the console
/// figures need from them.
enum ProcFile {
    static func text(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 8192)
        for _ in 0..<64 {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            bytes += buffer[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A `Name:  value kB` field of /proc/PID/status or smaps_rollup.
    static func field(_ name: String, in text: String) -> Int? {
        let line = text.split(separator: "\n").first { $0.hasPrefix(name) }
        return line?.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.flatMap { Int($0) }
    }

    /// The pids of `pid`'s children, over all its threads.
    static func children(of pid: pid_t) -> [pid_t] {
        let tasks = text("/proc/\(pid)/task/\(pid)/children") ?? ""
        return tasks.split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { pid_t($0) }
    }

    /// `pid`'s arguments (NUL-separated in /proc/PID/cmdline).
    static func arguments(of pid: pid_t) -> [String] {
        (text("/proc/\(pid)/cmdline") ?? "").split(separator: "\0").map(String.init)
    }
}
