import ArgumentParser
import Foundation
import HAProtocol

/// `hadaemon config render`: the three Heartbeat files from one Moonshine-style YAML file.
struct ConfigRenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render ha.cf, authkeys and haresources from a Moonshine :heartbeat: section.",
        discussion: """
            The same YAML gives the same bytes on every node; authkeys is written with mode 600. \
            The rendered files are checked like 'hadaemon config check' before anything is written, \
            and existing files that differ are only replaced with --force.

            Example (moonshine.yml):
              :heartbeat:
                :resources:
                  :haproxy1: 12.34.56.80
                :nodes:
                  :haproxy1: 12.34.56.78
                  :haproxy2: 12.34.56.79
                :password: sekret

              hadaemon config render moonshine.yml --out /etc/ha.d
            """
    )

    @Argument(help: "The YAML file with a :heartbeat: section.")
    var file: String

    @Option(help: "Directory to write ha.cf, authkeys and haresources into (created if missing).")
    var out: String

    @Flag(help: "Replace existing files whose content differs.")
    var force = false

    func run() throws {
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
            if let existing = FileManager.default.contents(atPath: path), existing != Data(text.utf8), !force {
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
