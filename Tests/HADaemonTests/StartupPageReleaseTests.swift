import Glibc
import HAHost
import Testing

@testable import HADaemon

@Suite("Startup-only pages are handed back, never a written one")
struct StartupPageReleaseTests {
    /// Cut from a static hadaemon's /proc/PID/smaps: text, read-only data, the relocated
    /// RELRO (read-only now, but every page written by the loader), data, heap, libc.
    static let sample = """
        55d0a1200000-55d0a1271000 r--p 00000000 fe:00 1311 /usr/sbin/hadaemon
        Size:                452 kB
        Rss:                 452 kB
        Anonymous:             0 kB
        VmFlags: rd mr mw me dw
        55d0a1271000-55d0a1b98000 r-xp 00070000 fe:00 1311 /usr/sbin/hadaemon
        Rss:                9672 kB
        Anonymous:             0 kB
        55d0a1b98000-55d0a1cb0000 r--p 00996000 fe:00 1311 /usr/sbin/hadaemon
        Rss:                1120 kB
        Anonymous:          1120 kB
        55d0a1cb0000-55d0a1e10000 rw-p 00aae000 fe:00 1311 /usr/sbin/hadaemon
        Rss:                1392 kB
        Anonymous:          1392 kB
        55d0a2000000-55d0a2118000 rw-p 00000000 00:00 0 [heap]
        Rss:                1120 kB
        Anonymous:          1120 kB
        7f10c0028000-7f10c01bd000 r-xp 00028000 fe:00 2044 /usr/lib/x86_64-linux-gnu/libc.so.6
        Rss:                1072 kB
        Anonymous:             0 kB
        7f10c0300000-7f10c0301000 r--p 00000000 fe:00 9999 /opt/with space/hadaemon
        Rss:                   4 kB
        Anonymous:             0 kB
        7ffd6a1f0000-7ffd6a1f2000 r-xp 00000000 00:00 0 [vdso]
        Rss:                   8 kB
        Anonymous:             0 kB
        """

    @Test("only files' unwritten read-only private mappings are released: never RELRO, data or heap")
    func releasable() {
        let mappings = StartupPageRelease.mappings(smaps: Self.sample)
        #expect(mappings.count == 8)
        #expect(mappings[6].path == "/opt/with space/hadaemon")
        let chosen = StartupPageRelease.releasable(mappings)
        #expect(chosen.map(\.permissions) == ["r--p", "r-xp", "r-xp", "r--p"])
        #expect(chosen.map(\.residentKB) == [452, 9672, 1072, 4])
        #expect(chosen.first?.start == 0x55d0_a120_0000)
        #expect(chosen[1].end == 0x55d0_a1b9_8000)
    }

    @Test("a garbled smaps yields nothing to release")
    func garbled() {
        let garbled = "zz-yy r-xp 0 0 0 /usr/sbin/hadaemon\nRss: lots\n5-3 r-xp 0 0 0 /usr/sbin/hadaemon\n\u{0}\n-\n"
        #expect(StartupPageRelease.releasable(StartupPageRelease.mappings(smaps: garbled)).isEmpty)
    }

    @Test("releasing this test process's own text lowers its resident text, and code still runs")
    func releasesOwnText() throws {
        let executable = try #require(StartupPageRelease.executablePath())
        func residentTextKB() -> Int {
            let smaps = readWholeFile("/proc/self/smaps") ?? ""
            return StartupPageRelease.mappings(smaps: smaps).filter { $0.path == executable && $0.permissions == "r-xp" }.map(\.residentKB)
                .reduce(0, +)
        }
        let before = residentTextKB()
        let outcome = StartupPageRelease.release()
        let after = residentTextKB()
        #expect(outcome.mappings >= 1)
        #expect(outcome.residentKB >= before / 2)
        #expect(after < before, "resident text \(before) kB before, \(after) kB after")
        // Code that was dropped maps back in when called.
        #expect(StartupPageRelease.mappings(smaps: Self.sample).count == 8)
    }
}
