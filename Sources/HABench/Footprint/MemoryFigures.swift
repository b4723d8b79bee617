/// A process's memory as /proc/PID/smaps_rollup sums it, in kB: what `habench footprint` tables.
///
/// `Pss` divides each shared page among every process that maps it (so the figures of several
/// processes add up); `Pss_Anon` is the part in anonymous pages (heap, stacks, .bss: the
/// process's own data), `Pss_File` the part in pages of files (the program's and libraries' text
/// and read-only data, which the kernel can drop and read back), `Private_Dirty` what only this
/// process has written.
struct MemoryFigures: Sendable, Codable, Equatable {
    var pssKB = 0
    var rssKB = 0
    var pssAnonKB = 0
    var pssFileKB = 0
    var pssShmemKB = 0
    var privateDirtyKB = 0

    /// Parses smaps_rollup's text; a field that is missing or does not parse counts 0.
    static func parse(rollup text: String) -> MemoryFigures {
        var figures = MemoryFigures()
        for line in text.split(separator: "\n") {
            guard let (name, kB) = MemoryBreakdown.field(line) else { continue }
            switch name {
            case "Pss": figures.pssKB = kB
            case "Rss": figures.rssKB = kB
            case "Pss_Anon": figures.pssAnonKB = kB
            case "Pss_File": figures.pssFileKB = kB
            case "Pss_Shmem": figures.pssShmemKB = kB
            case "Private_Dirty": figures.privateDirtyKB = kB
            default: break
            }
        }
        return figures
    }

    /// Several processes' figures added (keepalived's parent and its VRRP child).
    static func sum(_ parts: [MemoryFigures]) -> MemoryFigures {
        parts.reduce(into: MemoryFigures()) { total, part in
            total.pssKB += part.pssKB
            total.rssKB += part.rssKB
            total.pssAnonKB += part.pssAnonKB
            total.pssFileKB += part.pssFileKB
            total.pssShmemKB += part.pssShmemKB
            total.privateDirtyKB += part.privateDirtyKB
        }
    }
}
