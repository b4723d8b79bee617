import Testing

@testable import HABench

/// `habench footprint`'s parsers of /proc/PID/smaps and smaps_rollup, on inline samples.
@Suite
struct MemoryBreakdownTests {
    static let binary = "/tmp/habench-footprint-Ab12Cd/usr/sbin/hadaemon"

    /// Six mappings as the kernel prints them: the program's read-only data, text and writable
    /// data, the heap, an anonymous mapping (path-less header), libc's text; fields trimmed to
    /// the ones that matter plus a few that must be skipped.
    static let smaps = """
        55d0c0a00000-55d0c0a71000 r--p 00000000 08:01 1234                       \(binary)
        Size:                452 kB
        Rss:                 452 kB
        Pss:                 450 kB
        Referenced:           20 kB
        VmFlags: rd mr mw me sd
        55d0c0a71000-55d0c1400000 r-xp 00071000 08:01 1234                       \(binary)
        Size:               9788 kB
        Rss:                9700 kB
        Pss:                9700 kB
        Referenced:          850 kB
        55d0c1400000-55d0c1560000 rw-p 00a00000 08:01 1234                       \(binary)
        Rss:                1400 kB
        Pss:                1400 kB
        Referenced:          100 kB
        55d0c2000000-55d0c2120000 rw-p 00000000 00:00 0                          [heap]
        Rss:                1100 kB
        Pss:                1100 kB
        Referenced:          300 kB
        7f3a10000000-7f3a10096000 rw-p 00000000 00:00 0
        Rss:                 600 kB
        Pss:                 600 kB
        Referenced:           40 kB
        Anonymous:           600 kB
        7f3a20028000-7f3a201bd000 r-xp 00028000 08:01 5678                       /usr/lib/x86_64-linux-gnu/libc.so.6
        Rss:                 900 kB
        Pss:                 300 kB
        Referenced:           60 kB
        7ffd1c000000-7ffd1c021000 rw-p 00000000 00:00 0                          [stack]
        Rss:                  16 kB
        Pss:                  16 kB
        Referenced:           16 kB
        """

    @Test("each mapping lands in its group: the program's text, read-only and writable data, heap, anonymous, libc, stack")
    func groups() {
        let breakdown = MemoryBreakdown.parse(Self.smaps, binary: Self.binary)
        #expect(breakdown.entries.map(\.group) == [.binaryText, .binaryReadOnly, .binaryWritable, .heap, .anonymous, .stack, .libc])
        #expect(breakdown.entry(.binaryText)?.pssKB == 9700)
        #expect(breakdown.entry(.binaryText)?.referencedKB == 850)
        #expect(breakdown.entry(.binaryReadOnly)?.pssKB == 450)
        #expect(breakdown.entry(.binaryReadOnly)?.rssKB == 452)
        #expect(breakdown.entry(.binaryWritable)?.pssKB == 1400)
        #expect(breakdown.entry(.heap)?.pssKB == 1100)
        #expect(breakdown.entry(.anonymous)?.pssKB == 600)
        #expect(breakdown.entry(.libc)?.pssKB == 300)
        #expect(breakdown.entry(.libc)?.rssKB == 900)
        #expect(breakdown.entry(.libc)?.pssByPermissions == ["r-xp": 300])
        #expect(breakdown.entry(.stack)?.referencedKB == 16)
        #expect(breakdown.totalPSSKB == 450 + 9700 + 1400 + 1100 + 600 + 300 + 16)
        #expect(breakdown.totalReferencedKB == 20 + 850 + 100 + 300 + 40 + 60 + 16)
    }

    @Test("another program's mapping of the same library name, libstdc++, libm, ld.so and [vdso] go where the table says")
    func libraries() {
        let group = { (path: String) in MemoryBreakdown.Group.of(path: path, permissions: "r--p", binary: Self.binary) }
        #expect(group("/usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.30") == .libstdcxx)
        #expect(group("/usr/lib/x86_64-linux-gnu/libm.so.6") == .libm)
        #expect(group("/usr/lib/x86_64-linux-gnu/libmnl.so.0.2.0") == .otherLibraries)
        #expect(group("/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2") == .otherLibraries)
        #expect(group("/usr/lib/x86_64-linux-gnu/libcrypto.so.3") == .otherLibraries)
        #expect(group("[vdso]") == .other)
        #expect(group("[anon:glibc malloc arena]") == .anonymous)
        #expect(group("/usr/lib/locale/locale-archive") == .other)
        #expect(group(Self.binary + " (deleted)") == .binaryReadOnly)
        #expect(group("/usr/sbin/hadaemon") == .other, "only the running program's own path is the binary")
    }

    @Test("keepalived's two processes add up group by group")
    func sums() {
        let one = MemoryBreakdown.parse(Self.smaps, binary: Self.binary)
        let both = MemoryBreakdown.sum([one, one])
        #expect(both.totalPSSKB == 2 * one.totalPSSKB)
        #expect(both.entry(.libc)?.pssByPermissions == ["r-xp": 600])
        #expect(both.entry(.binaryText)?.mappings == 2)
    }

    @Test("smaps_rollup's Pss, Rss, Pss_Anon, Pss_File and Private_Dirty are read; what does not parse counts 0")
    func rollup() {
        let text = """
            55d0c0a00000-7ffd1c021000 ---p 00000000 00:00 0                          [rollup]
            Rss:               16300 kB
            Pss:               15100 kB
            Pss_Dirty:          3000 kB
            Pss_Anon:           2900 kB
            Pss_File:          12200 kB
            Pss_Shmem:             0 kB
            Private_Dirty:      3000 kB
            Referenced:        lots kB
            """
        let figures = MemoryFigures.parse(rollup: text)
        #expect(figures == MemoryFigures(pssKB: 15100, rssKB: 16300, pssAnonKB: 2900, pssFileKB: 12200, pssShmemKB: 0, privateDirtyKB: 3000))
        #expect(MemoryFigures.sum([figures, figures]).pssKB == 30200)
        #expect(MemoryFigures.parse(rollup: "garbage\nPss: x kB\n") == MemoryFigures())
    }
}
