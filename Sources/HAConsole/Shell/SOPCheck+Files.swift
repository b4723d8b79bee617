extension SOPCheck {
    /// Validates `paths` (every `*.sop` in `sop/` when empty).
    ///
    /// Output: every diagnostic as `FILE:LINE: error: message`, then one line per valid file
    /// (`sop/failover.sop: ok, 7 steps`). Exit code 0 when every file validates, 1 otherwise
    /// (including a file that cannot be read, or no procedures at all).
    static func run(paths: [String]) -> (output: [String], exitCode: Int32) {
        run(paths: paths, defaultDirectory: defaultDirectory)
    }

    /// ``run(paths:)`` with another folder to check when no file is named.
    static func run(paths: [String], defaultDirectory: String) -> (output: [String], exitCode: Int32) {
        var files = paths
        if files.isEmpty {
            do {
                files = try SOPFiles.procedures(in: defaultDirectory)
            } catch {
                return (["\(defaultDirectory): error: cannot list procedures: \(error.reason)"], 1)
            }
            if files.isEmpty { return (["\(defaultDirectory): error: no *.sop files to check"], 1) }
        }
        var output: [String] = []
        var failed = false
        for path in files {
            let text: String
            do {
                text = try SOPFiles.read(path)
            } catch {
                output.append("\(path): error: cannot read: \(error.reason)")
                failed = true
                continue
            }
            let (lines, ok) = check(text, file: path)
            output += lines
            failed = failed || !ok
        }
        return (output, failed ? 1 : 0)
    }
}
