import Glibc
import HAHost

/// Hands back, once the node is up, the memory only its start needed.
///
/// Starting touches far more code than running does: argument parsing, the configuration
/// parsers and their checks, the state files, the first resource scripts. A static `hadaemon`
/// idling alone keeps about 9.7 MB of its own text resident after that, of which the poll loop
/// touches about 0.85 MB (measured with `clear_refs` and smaps' `Referenced:`), and about 1 MB
/// of freed heap that malloc has not returned. Heartbeat locks all of that with `mlockall`;
/// keepalived has little of it to begin with.
///
/// ``release()`` drops the page-table entries of the read-only, file-backed mappings (the
/// daemon's own and its system libraries') (`madvise(MADV_DONTNEED)`): the pages stay in the page cache as any file's do, and a
/// path that needs one again (a takeover, a reload) maps it back with a minor fault, or reads it
/// from disk if the kernel has reclaimed it meanwhile, which it could do to the mapped pages
/// too. It never touches a mapping that holds an anonymous (written) page: the relocated
/// read-only data (RELRO) is such a mapping, and dropping it would bring back the file's
/// unrelocated bytes. Then `malloc_trim(0)` returns the freed heap to the system.
enum StartupPageRelease {
    /// One mapping of `/proc/self/smaps`.
    struct Mapping: Equatable {
        var start: UInt
        var end: UInt
        /// `r-xp`, `r--p`, …
        var permissions: String
        /// The file mapped, or "" for an anonymous mapping.
        var path: String
        /// `Anonymous:` in kB: pages written since mapped (copy-on-write copies).
        var anonymousKB: Int
        /// `Rss:` in kB.
        var residentKB: Int
    }

    /// What ``release()`` did.
    struct Outcome: Equatable {
        /// Mappings released and the kB they had resident.
        var mappings: Int
        var residentKB: Int
    }

    /// The mappings listed in smaps text; lines it cannot read are skipped.
    static func mappings(smaps: String) -> [Mapping] {
        var result: [Mapping] = []
        for line in smaps.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if let first = fields.first, first.contains("-"), !first.hasSuffix(":"), fields.count >= 5 {
                let bounds = first.split(separator: "-")
                guard bounds.count == 2, let start = UInt(bounds[0], radix: 16), let end = UInt(bounds[1], radix: 16), start < end else {
                    continue
                }
                let path = fields.count > 5 ? fields[5...].joined(separator: " ") : ""
                result.append(Mapping(start: start, end: end, permissions: String(fields[1]), path: path, anonymousKB: 0, residentKB: 0))
            } else if fields.count >= 2, let value = Int(fields[1]), !result.isEmpty {
                switch fields[0] {
                case "Anonymous:": result[result.count - 1].anonymousKB = value
                case "Rss:": result[result.count - 1].residentKB = value
                default: break
                }
            }
        }
        return result
    }

    /// The mappings it is safe to drop: a file's (the executable, libc, libstdc++…), private,
    /// not writable, with no page written since it was mapped.
    static func releasable(_ mappings: [Mapping]) -> [Mapping] {
        mappings.filter { mapping in
            mapping.path.hasPrefix("/") && mapping.permissions.hasPrefix("r") && mapping.permissions.dropFirst().first == "-"
                && mapping.permissions.hasSuffix("p") && mapping.anonymousKB == 0
        }
    }

    /// Drops the daemon's startup-only pages and returns the freed heap (see the type's comment).
    @discardableResult
    static func release() -> Outcome {
        var outcome = Outcome(mappings: 0, residentKB: 0)
        if let smaps = readWholeFile("/proc/self/smaps") {
            let pageSize = UInt(max(sysconf(Int32(_SC_PAGESIZE)), 4096))
            for mapping in releasable(mappings(smaps: smaps))
            where mapping.start % pageSize == 0 && mapping.end % pageSize == 0 {
                let pointer = UnsafeMutableRawPointer(bitPattern: mapping.start)
                guard madvise(pointer, Int(mapping.end - mapping.start), MADV_DONTNEED) == 0 else { continue }
                outcome.mappings += 1
                outcome.residentKB += mapping.residentKB
            }
        }
        GNUFunctions.mallocTrim()
        return outcome
    }

    /// `/proc/self/exe` as smaps names it.
    static func executablePath() -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
