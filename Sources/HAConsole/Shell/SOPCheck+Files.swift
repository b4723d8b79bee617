extension SOPCheck {
    /// Validates `paths` (every `*.sop` in `sop/` when empty; a folder stands for its `*.sop` files).
    ///
    /// Output: every diagnostic as `FILE:LINE: error: message`, then one line per valid file
    /// (`sop/failover.sop: ok, 7 steps`). Exit code 0 when every file validates, 1 otherwise
    /// (including a file that cannot be read, or no procedures at all).
    static func run(paths: [String]) -> (output: [String], exitCode: Int32) {
        run(paths: paths, defaultDirectory: defaultDirectory)
    }

    /// ``run(paths:)`` with another folder to check when no file is named.
    static func run(paths: [String], defaultDirectory: String) -> (output: [String], exitCode: Int32) {
        var output: [String] = []
        var failed = false
        var files: [String] = []
        for folder in paths.isEmpty ? [defaultDirectory] : paths {
            guard paths.isEmpty || SOPFiles.isDirectory(folder) else {
                files.append(folder)
                continue
            }
            do {
                let found = try SOPFiles.procedures(in: folder)
                if found.isEmpty {
                    output.append("\(folder): error: no *.sop files to check")
                    failed = true
                }
                files += found
            } catch {
                output.append("\(folder): error: cannot list procedures: \(error.reason)")
                failed = true
            }
        }
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
