import Glibc
import HAHost
import Testing

/// Which DRBD source a node reads when no flag names one (``DRBDSource/choose(procDRBD:drbdsetup:procFile:searchPath:)``),
/// with `/proc/drbd` and the PATH pointed into a scratch directory.
@Suite("DRBDSource.choose: /proc/drbd only when it lists resources")
struct DRBDSourceChoiceTests {
    /// DRBD 9.2's `/proc/drbd`: the module's version lines and nothing else.
    static let drbd9ProcFile = """
        version: 9.2.8 (api:2/proto:86-122)
        GIT-hash: e163b05a76254c0f51f999970e861d72bb16409a build by @buildsystem, 2024-03-04 09:43:12
        Transports (api:20): tcp (9.2.8)

        """

    /// DRBD 8.4's `/proc/drbd` with one resource (Tests/HAFixtures/Fixtures/drbd/proc-drbd/8.4-healthy-primary.txt's form).
    static let drbd84ProcFile = """
        version: 8.4.11 (api:1/proto:86-101)
        srcversion: 2D876214BAA2E5B6A97AAD3
         0: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----
            ns:0 nr:0 dw:0 dr:2104 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:0

        """

    /// A scratch directory with `bin/` (for the PATH) and files written on demand.
    final class Scratch {
        let directory: String

        init() throws {
            var template = Array("/tmp/hahost-drbd-choice-XXXXXX".utf8CString)
            directory = String(cString: try #require(mkdtemp(&template)))
            mkdir(bin, 0o755)
        }

        var bin: String { directory + "/bin" }
        var procDRBD: String { directory + "/proc-drbd" }

        func write(_ path: String, _ text: String, mode: mode_t = 0o644) {
            unlink(path)  // a new file, so that `mode` holds
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode)
            _ = text.withCString { Glibc.write(fd, $0, strlen($0)) }
            close(fd)
        }

        /// A `drbdsetup` in `bin/` that prints nothing (the choice never runs it).
        @discardableResult
        func drbdsetup() -> String {
            let path = bin + "/drbdsetup"
            write(path, "#!/bin/sh\nexit 0\n", mode: 0o755)
            return path
        }

        deinit {
            for path in [bin + "/drbdsetup", procDRBD] { unlink(path) }
            rmdir(bin)
            rmdir(directory)
        }
    }

    @Test("DRBD 9: /proc/drbd holds only the version lines and drbdsetup is on the PATH, so drbdsetup it is")
    func drbd9() throws {
        let scratch = try Scratch()
        scratch.write(scratch.procDRBD, Self.drbd9ProcFile)
        let drbdsetup = scratch.drbdsetup()
        let source = DRBDSource.choose(procDRBD: nil, drbdsetup: nil, procFile: scratch.procDRBD, searchPath: "/nonexistent:" + scratch.bin)
        #expect(source == .drbdsetup(drbdsetup))
        #expect(source.label == "drbdsetup status")
    }

    @Test("DRBD 8.4: /proc/drbd lists a resource, so /proc/drbd it is even with drbdsetup installed")
    func drbd84() throws {
        let scratch = try Scratch()
        scratch.write(scratch.procDRBD, Self.drbd84ProcFile)
        scratch.drbdsetup()
        let source = DRBDSource.choose(procDRBD: nil, drbdsetup: nil, procFile: scratch.procDRBD, searchPath: scratch.bin)
        #expect(source == .procFile(scratch.procDRBD))
    }

    @Test("DRBD 8.4 with no resources up yet: still /proc/drbd, where 8.x lists every resource (its drbdsetup may have no 'status')")
    func drbd84WithoutResources() throws {
        let scratch = try Scratch()
        scratch.write(scratch.procDRBD, "version: 8.4.11 (api:1/proto:86-101)\nsrcversion: 2D876214BAA2E5B6A97AAD3\n")
        scratch.drbdsetup()
        let source = DRBDSource.choose(procDRBD: nil, drbdsetup: nil, procFile: scratch.procDRBD, searchPath: scratch.bin)
        #expect(source == .procFile(scratch.procDRBD))
    }

    @Test("DRBD 9 built with 8.4 compatibility and no resources: /proc/drbd, which lists them in that form")
    func compat84WithoutResources() throws {
        let scratch = try Scratch()
        scratch.write(scratch.procDRBD, "version: 9.3.0 (api:2/proto:118-124) (compat 8.4)\n")
        scratch.drbdsetup()
        let source = DRBDSource.choose(procDRBD: nil, drbdsetup: nil, procFile: scratch.procDRBD, searchPath: scratch.bin)
        #expect(source == .procFile(scratch.procDRBD))
    }

    @Test("no /proc/drbd and no drbdsetup: none, and the reason says both")
    func neither() throws {
        let scratch = try Scratch()
        let source = DRBDSource.choose(procDRBD: nil, drbdsetup: nil, procFile: scratch.procDRBD, searchPath: scratch.bin)
        #expect(source == .unavailable("no \(scratch.procDRBD), no drbdsetup"))
        #expect(source.label == "none: no \(scratch.procDRBD), no drbdsetup")
        #expect(source.read().status == nil && source.read().problem == nil)
        #expect(!source.isReadable)
    }

    @Test("DRBD 9's version lines and no drbdsetup: none rather than an empty /proc/drbd")
    func versionOnlyWithoutDrbdsetup() throws {
        let scratch = try Scratch()
        scratch.write(scratch.procDRBD, Self.drbd9ProcFile)
        let source = DRBDSource.choose(procDRBD: nil, drbdsetup: nil, procFile: scratch.procDRBD, searchPath: scratch.bin)
        #expect(source == .unavailable("\(scratch.procDRBD) lists no resources, no drbdsetup"))
    }

    @Test("drbdsetup only where PATH names an absolute directory, and only a regular executable file")
    func searchPath() throws {
        let scratch = try Scratch()
        mkdir(scratch.bin + "/drbdsetup", 0o755)  // a directory by that name is not the program
        defer { rmdir(scratch.bin + "/drbdsetup") }
        #expect(DRBDSource.findProgram("drbdsetup", searchPath: scratch.bin) == nil)
        rmdir(scratch.bin + "/drbdsetup")
        scratch.write(scratch.bin + "/drbdsetup", "not executable\n")
        #expect(DRBDSource.findProgram("drbdsetup", searchPath: scratch.bin) == nil)
        let drbdsetup = scratch.drbdsetup()
        #expect(DRBDSource.findProgram("drbdsetup", searchPath: "::relative/bin:" + scratch.bin) == drbdsetup)
        #expect(DRBDSource.findProgram("drbdsetup", searchPath: "") == nil)
    }

    @Test("flags win over the search: --proc-drbd, then --drbdsetup")
    func flags() {
        #expect(DRBDSource.choose(procDRBD: "/tmp/p", drbdsetup: "/tmp/d", procFile: "/nonexistent", searchPath: "") == .procFile("/tmp/p"))
        #expect(DRBDSource.choose(procDRBD: nil, drbdsetup: "/tmp/d", procFile: "/nonexistent", searchPath: "") == .drbdsetup("/tmp/d"))
    }

    @Test("the header's words: short enough for 80 columns")
    func labels() {
        #expect(DRBDSource.procFile("/proc/drbd").label == "/proc/drbd")
        #expect(DRBDSource.drbdsetup("/usr/sbin/drbdsetup").label == "drbdsetup status")
        #expect(DRBDSource.none.label == "none")
    }
}
