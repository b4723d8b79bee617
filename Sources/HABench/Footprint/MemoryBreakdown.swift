/// Where a process's resident memory lives, from /proc/PID/smaps: every mapping's `Pss:`, `Rss:`
/// and `Referenced:` summed into a few groups (the program's own text, read-only data and
/// writable data, the heap, anonymous mappings, the stack, libc, libstdc++, libm, other
/// libraries, everything else), each also split by permissions (`r-xp`, `r--p`, `rw-p`).
///
/// `Referenced:` counts pages touched since the referenced bits were last cleared (writing `1` to
/// /proc/PID/clear_refs): cleared some seconds before the read, it is the idle working set, and
/// the rest of the PSS is what stays resident only because something touched it earlier.
///
/// Pure: it parses text. Lines it does not recognise are skipped, numbers that do not parse count
/// 0, and a mapping's fields are added to the group its header line named.
struct MemoryBreakdown: Sendable, Codable, Equatable {
    /// Where a mapping belongs.
    enum Group: String, Sendable, Codable, CaseIterable {
        case binaryText, binaryReadOnly, binaryWritable, heap, anonymous, stack, libc, libstdcxx, libm, otherLibraries, other

        /// The row's label; `program` is the binary's name (`hadaemon`).
        func title(program: String) -> String {
            switch self {
            case .binaryText: "\(program) text (r-xp)"
            case .binaryReadOnly: "\(program) read-only data (r--p)"
            case .binaryWritable: "\(program) writable data (rw-p)"
            case .heap: "[heap]"
            case .anonymous: "anonymous mappings (thread stacks, mmap'd malloc arenas, .bss)"
            case .stack: "[stack]"
            case .libc: "libc"
            case .libstdcxx: "libstdc++"
            case .libm: "libm"
            case .otherLibraries: "other libraries"
            case .other: "other ([vdso], [vvar], files)"
            }
        }

        /// The group of a mapping of `path` (empty for an anonymous one) with `permissions`
        /// (`r-xp`), in a process whose program is `binary`.
        static func of(path: String, permissions: String, binary: String) -> Group {
            if path == binary || path == binary + " (deleted)" {
                if permissions.contains("x") { return .binaryText }
                return permissions.contains("w") ? .binaryWritable : .binaryReadOnly
            }
            switch path {
            case "": return .anonymous
            case "[heap]": return .heap
            case "[stack]": return .stack
            default: break
            }
            if path.hasPrefix("[anon:") { return .anonymous }
            if path.hasPrefix("[") { return .other }
            let name = path.split(separator: "/").last.map(String.init) ?? path
            if name.hasPrefix("libc.so") || name.hasPrefix("libc-") { return .libc }
            if name.hasPrefix("libstdc++") { return .libstdcxx }
            if name.hasPrefix("libm.so") || name.hasPrefix("libm-") { return .libm }
            return name.contains(".so") ? .otherLibraries : .other
        }
    }

    /// One group's figures, in kB.
    struct Entry: Sendable, Codable, Equatable {
        var group: Group
        var pssKB = 0
        var rssKB = 0
        /// `Referenced:`: touched since the referenced bits were last cleared.
        var referencedKB = 0
        /// PSS by the mappings' permissions (`r-xp`: 300).
        var pssByPermissions: [String: Int] = [:]
        /// How many mappings the group has.
        var mappings = 0
    }

    /// Every group that has a mapping, in `Group` order.
    var entries: [Entry]

    var totalPSSKB: Int { entries.reduce(0) { $0 + $1.pssKB } }
    var totalRSSKB: Int { entries.reduce(0) { $0 + $1.rssKB } }
    var totalReferencedKB: Int { entries.reduce(0) { $0 + $1.referencedKB } }

    /// The entry of `group`, nil when the process has no such mapping.
    func entry(_ group: Group) -> Entry? { entries.first { $0.group == group } }

    /// Parses the text of /proc/PID/smaps of a process whose program is `binary` (the path
    /// /proc/PID/exe names).
    static func parse(_ smaps: String, binary: String) -> MemoryBreakdown {
        var totals: [Group: Entry] = [:]
        var current: (group: Group, permissions: String)?
        for line in smaps.split(separator: "\n") {
            if let header = Mapping(line) {
                let group = Group.of(path: header.path, permissions: header.permissions, binary: binary)
                current = (group, header.permissions)
                totals[group, default: Entry(group: group)].mappings += 1
                continue
            }
            guard let (group, permissions) = current, let (name, kB) = field(line) else { continue }
            switch name {
            case "Pss":
                totals[group]?.pssKB += kB
                totals[group]?.pssByPermissions[permissions, default: 0] += kB
            case "Rss": totals[group]?.rssKB += kB
            case "Referenced": totals[group]?.referencedKB += kB
            default: break
            }
        }
        return MemoryBreakdown(entries: Group.allCases.compactMap { totals[$0] })
    }

    /// The sum of several processes' breakdowns (keepalived's parent and VRRP child).
    static func sum(_ parts: [MemoryBreakdown]) -> MemoryBreakdown {
        var totals: [Group: Entry] = [:]
        for entry in parts.flatMap(\.entries) {
            var total = totals[entry.group, default: Entry(group: entry.group)]
            total.pssKB += entry.pssKB
            total.rssKB += entry.rssKB
            total.referencedKB += entry.referencedKB
            total.mappings += entry.mappings
            total.pssByPermissions.merge(entry.pssByPermissions, uniquingKeysWith: +)
            totals[entry.group] = total
        }
        return MemoryBreakdown(entries: Group.allCases.compactMap { totals[$0] })
    }

    /// `Name:   123 kB` → ("Name", 123); nil for anything else (`VmFlags: rd mr`, a header).
    static func field(_ line: Substring) -> (String, Int)? {
        let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard parts.count == 3, parts[2] == "kB", parts[0].hasSuffix(":") else { return nil }
        return (String(parts[0].dropLast()), Int(parts[1]) ?? 0)
    }

    /// A mapping's header line: `55d0c0a00000-55d0c0a21000 r-xp 00001000 08:01 1234   /usr/sbin/hadaemon`.
    struct Mapping {
        var permissions: String
        /// Empty for an anonymous mapping; may contain spaces, and ` (deleted)`.
        var path: String

        init?(_ line: Substring) {
            let fields = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
            guard fields.count >= 5, fields[1].count == 4 else { return nil }
            let range = fields[0].split(separator: "-")
            guard range.count == 2, range.allSatisfy({ UInt64($0, radix: 16) != nil }) else { return nil }
            permissions = String(fields[1])
            path = fields.count == 6 ? String(fields[5].drop { $0 == " " }) : ""
        }
    }
}
