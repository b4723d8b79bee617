import FoundationEssentials
import Glibc
import HAProtocol

/// Reads the three configuration files of a directory and the host facts they are checked against.
///
/// This is the I/O half of configuration: HAProtocol parses, this file reads disks and the host.
enum ConfigFiles {
    static func load(directory: String, nodeName: String? = nil, onNode: Bool, allowUnfenced: Bool = false) -> Parsed<ClusterConfig> {
        let files = ClusterConfig.Files(directory: directory)
        var diagnostics: [ConfigDiagnostic] = []
        func read(_ path: String, what: String) -> String {
            switch readText(path) {
            case .success(let text): return text
            case .failure(let problem):
                diagnostics.append(.error(path, 0, "cannot read \(what): \(problem)"))
                return ""
            }
        }
        let haCF = read(files.haCF, what: "the main configuration")
        let authKeys = read(files.authKeys, what: "the authentication keys")
        let haResources = read(files.haResources, what: "the resource groups")
        if let mode = fileMode(files.authKeys), let problem = AuthKeys.checkMode(mode, file: files.authKeys) {
            diagnostics.append(problem)
        }
        let resourceDirectory = files.haCF.dropLast("ha.cf".count) + "resource.d"
        let scriptDirectories = [String(resourceDirectory)] + HostFacts.standardScriptDirectories.dropFirst()
        let host = HostFacts(
            nodeName: (nodeName ?? localNodeName()).lowercased(),
            interfaces: networkInterfaces(),
            scripts: executableNames(in: scriptDirectories),
            scriptDirectories: scriptDirectories)
        // A file that could not be read already has its error; parsing "" would only add noise.
        var parsed = ClusterConfig.parse(
            haCF: haCF, authKeys: authKeys, haResources: haResources, files: files, host: host, onNode: onNode,
            allowUnfenced: allowUnfenced)
        parsed.diagnostics += parsed.value.haCF.clientChildDiagnostics(
            file: files.haCF, onNode: onNode, userExists: { getpwnam($0) != nil }, isExecutable: { access($0, X_OK) == 0 })
        let unreadable = Set(diagnostics.filter { $0.line == 0 && $0.message.hasPrefix("cannot read") }.map(\.file))
        parsed.diagnostics.removeAll { unreadable.contains($0.file) && $0.line == 0 }
        if unreadable.contains(files.haCF) {
            // Without ha.cf every haresources owner would be "not a node": noise, not news.
            let crossFile = Set(parsed.value.crossFileDiagnostics(files: files))
            parsed.diagnostics.removeAll { crossFile.contains($0) }
        }
        let fencing = fencingProblems(parsed.value.haCF, nodeName: host.nodeName)
        parsed.diagnostics = diagnostics + parsed.diagnostics
        for problem in fencing {
            let stops = problem.stopsAStart && onNode
            parsed.diagnostics.append(
                ConfigDiagnostic(
                    file: files.haCF, line: problem.line, severity: stops && !allowUnfenced ? .error : .warning, message: problem.message))
            // What the flag let through on this host is shown by the unfenced_override alert too.
            if stops && allowUnfenced {
                parsed.value.haCF.overriddenLines.append(
                    HACF.OverriddenLine(file: files.haCF, line: problem.line, directive: problem.directive, text: problem.message))
            }
        }
        return parsed
    }

    /// The largest configuration file read: far beyond any real one (the largest known are a few
    /// KiB), small enough that reading and parsing it never holds the loop for long on a reload.
    static let maximumFileSize = 1 << 20

    /// The file's text, read with one bounded read: a regular file of at most ``maximumFileSize``
    /// bytes. A FIFO, a device or anything larger is refused without being read, so a reload can
    /// neither block nor grow the daemon.
    static func readText(_ path: String) -> Result<String, FileProblem> {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else {
            return .failure(FileProblem(errno == ENOENT ? "no such file" : errno == EACCES ? "permission denied" : String(cString: strerror(errno))))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(FileProblem(String(cString: strerror(errno)))) }
        guard info.st_mode & S_IFMT == S_IFREG else { return .failure(FileProblem("not a regular file")) }
        let limit = maximumFileSize
        guard Int(info.st_size) <= limit else { return .failure(Self.tooLarge("\(info.st_size) bytes")) }
        // The file may grow between fstat and read: read one byte past the limit to notice.
        var bytes = [UInt8](repeating: 0, count: limit + 1)
        var count = 0
        while count < bytes.count {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + count, $0.count - count) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { return .failure(FileProblem(String(cString: strerror(errno)))) }
            if n == 0 { break }
            count += n
        }
        guard count <= limit else { return .failure(Self.tooLarge("more than \(limit) bytes")) }
        return .success(String(decoding: bytes[0..<count], as: UTF8.self))
    }

    static func tooLarge(_ size: String) -> FileProblem {
        FileProblem("\(size) is more than the \(maximumFileSize) (1 MiB) a configuration file may have")
    }

    /// The file's text, or "" when it cannot be read (for digests of already-validated files).
    static func text(_ path: String) -> String {
        (try? readText(path).get()) ?? ""
    }

    static func fileMode(_ path: String) -> UInt32? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return UInt32(info.st_mode)
    }

    /// `uname -n`, as Heartbeat takes the local node name.
    static func localNodeName() -> String {
        var names = utsname()
        uname(&names)
        return withUnsafeBytes(of: &names.nodename) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
    }

    static func networkInterfaces() -> Set<String>? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/sys/class/net") else { return nil }
        return Set(names)
    }

    static func executableNames(in directories: [String]) -> Set<String> {
        var result: Set<String> = []
        for directory in directories {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] {
                // As FileManager's fileExists(isDirectory:) and isExecutableFile: links followed.
                let path = directory + "/" + name
                var info = stat()
                if stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFDIR, access(path, X_OK) == 0 {
                    result.insert(name)
                }
            }
        }
        return result
    }
}

struct FileProblem: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Writes one line to standard error, unbuffered (the daemon's stdout may be a buffered pipe).
func printToStandardError(_ line: String) {
    let bytes = Array((line + "\n").utf8)
    var written = 0
    while written < bytes.count {
        let n = bytes[written...].withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else { return }
        written += n
    }
}
