import ArgumentParser
import Foundation
import HAProtocol
import HARenderOptions

/// `hadaemon-render` (also reached as `hadaemon config render`): the three Heartbeat files from
/// one Moonshine-style YAML file.
///
/// A binary apart from the daemon because reading YAML needs Yams, and Yams needs Foundation:
/// linked into `hadaemon` they cost every node megabytes of idle memory for a command run once.
@main
struct HADaemonRenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hadaemon-render",
        abstract: ConfigRenderOptions.abstract,
        discussion: ConfigRenderOptions.discussion
    )

    @OptionGroup var options: ConfigRenderOptions

    func run() throws {
        let file = options.file
        let out = options.out
        guard let data = FileManager.default.contents(atPath: file) else {
            printToStandardError("\(file): error: cannot read the file")
            throw ExitCode(1)
        }
        let read = MoonshineYAML.read(String(decoding: data, as: UTF8.self), file: file)
        let rendered = read.value.map { $0.render(file: file) }
        let diagnostics = read.diagnostics + (rendered?.diagnostics ?? [])
        diagnostics.forEach { print($0) }
        guard !diagnostics.hasErrors, let files = rendered?.value ?? nil else { throw ExitCode(1) }

        // Never write a configuration the daemon would refuse.
        let check = ClusterConfig.parse(
            haCF: files.haCF, authKeys: files.authKeys, haResources: files.haResources,
            files: ClusterConfig.Files(directory: out))
        if check.diagnostics.hasErrors {
            check.diagnostics.forEach { print($0) }
            printToStandardError("\(file): error: the rendered configuration does not validate; nothing written")
            throw ExitCode(1)
        }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let outputs = [("ha.cf", files.haCF, 0o644), ("authkeys", files.authKeys, 0o600), ("haresources", files.haResources, 0o644)]
        for (name, text, _) in outputs {
            let path = out + "/" + name
            if let existing = FileManager.default.contents(atPath: path), existing != Data(text.utf8), !options.force {
                printToStandardError("\(path): error: exists with other content; use --force to replace it")
                throw ExitCode(1)
            }
        }
        for (name, text, mode) in outputs {
            try AtomicFile.write(text, to: out + "/" + name, mode: mode_t(mode))
            print("wrote \(out)/\(name)")
        }
    }
}

/// Writes one line to standard error.
func printToStandardError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

struct FileProblem: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
