import Glibc
import HAProtocol

extension DRBDSource {
    /// The directories searched for `drbdsetup` after `$PATH`: where drbd-utils installs it,
    /// which a daemon started with a short PATH (init, cron, sudo) may not have.
    public static let programDirectories = ["/usr/sbin", "/sbin", "/usr/bin", "/bin"]

    /// `$PATH`, then ``programDirectories``.
    public static var defaultSearchPath: String {
        let path = getenv("PATH").map { String(cString: $0) } ?? ""
        return ([path] + programDirectories).joined(separator: ":")
    }

    /// Where a node's DRBD state is read: `--proc-drbd`, else `--drbdsetup`, when given; else
    /// `procFile` when it lists a resource or its module is one that lists them all there (8.x,
    /// 9 built with compat 8.4, whose `drbdsetup` may have no `status`); else `drbdsetup` found
    /// on `searchPath` (DRBD 9 leaves only the module's version lines in /proc/drbd); else
    /// ``unavailable(_:)`` saying why.
    ///
    /// `procFile` is read once here, at most 4 MiB: procfs answers at once (it is `drbdsetup`
    /// that may hang, and it is not run here).
    public static func choose(
        procDRBD: String?, drbdsetup: String?, procFile: String = "/proc/drbd", searchPath: String = defaultSearchPath
    ) -> DRBDSource {
        if let procDRBD { return .procFile(procDRBD) }
        if let drbdsetup { return .drbdsetup(drbdsetup) }
        let text = readWholeFile(procFile)
        if let text {
            let status = DRBDProcParser.parse(text).status
            // 8.x (and 9 built with compat 8.4) lists every resource there, even when none is up.
            if !status.resources.isEmpty || status.module?.listsResourcesInProc == true { return .procFile(procFile) }
        }
        if let program = findProgram("drbdsetup", searchPath: searchPath) { return .drbdsetup(program) }
        return .unavailable(text == nil ? "no \(procFile), no drbdsetup" : "\(procFile) lists no resources, no drbdsetup")
    }

    /// The first regular, executable `name` in the absolute directories of `searchPath` (split
    /// at `:`); empty and relative entries are skipped, so that a root daemon never runs a
    /// `drbdsetup` from whatever directory it was started in.
    public static func findProgram(_ name: String, searchPath: String) -> String? {
        for directory in searchPath.split(separator: ":", omittingEmptySubsequences: true) where directory.hasPrefix("/") {
            let path = directory.hasSuffix("/") ? "\(directory)\(name)" : "\(directory)/\(name)"
            var info = stat()
            guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, access(path, X_OK) == 0 else { continue }
            return path
        }
        return nil
    }
}
