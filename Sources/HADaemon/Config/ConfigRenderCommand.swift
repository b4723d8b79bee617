import ArgumentParser
import Glibc
import HARenderOptions

/// `hadaemon config render`: runs `hadaemon-render`, installed beside `hadaemon`, with the same
/// arguments.
///
/// Reading YAML needs Yams and Yams needs Foundation; kept out of the daemon, they cost nothing
/// on a node that never renders. The options are parsed here first, so `--help` and usage errors
/// read as before, and the exec hands over the terminal, the exit status and both streams.
struct ConfigRenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: ConfigRenderOptions.abstract,
        discussion: ConfigRenderOptions.discussion
    )

    /// The renderer's file name, looked for in the directory `hadaemon` itself was run from.
    static let rendererName = "hadaemon-render"

    @OptionGroup var options: ConfigRenderOptions

    func run() throws {
        let path = Self.rendererPath()
        let argv = [path] + options.arguments
        var cArguments = argv.map { strdup($0) }
        cArguments.append(nil)
        execv(path, cArguments)
        let reason = String(cString: strerror(errno))
        printToStandardError("hadaemon config render: cannot run \(path): \(reason) (it is installed beside hadaemon)")
        throw ExitCode(1)
    }

    /// `hadaemon-render` in the directory of `/proc/self/exe` (so a symlink to hadaemon still
    /// finds the renderer of the same build).
    static func rendererPath() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        let executable = count > 0 ? String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self) : CommandLine.arguments[0]
        let directory = executable.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        let base = directory.isEmpty && !executable.hasPrefix("/") ? "." : directory
        return base + "/" + rendererName
    }
}
