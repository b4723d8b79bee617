import ArgumentParser
import Glibc
import HAPacemaker
import HAProtocol

/// `hadaemon config export …`: the Heartbeat files in another cluster manager's terms.
struct ConfigExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Turn ha.cf and haresources into another cluster manager's configuration.",
        subcommands: [ConfigExportPacemakerCommand.self]
    )
}

/// `hadaemon config export pacemaker`: a Pacemaker + Corosync configuration for the pair that
/// outgrew Heartbeat's model, with everything that could not be carried over named.
struct ConfigExportPacemakerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pacemaker",
        abstract: "Export ha.cf and haresources as a Pacemaker CIB, crm and pcs commands, and corosync.conf.",
        discussion: """
            Each haresources line becomes a Pacemaker group of the same resources in the same \
            order, preferring the same node: IPaddr/IPaddr2 → ocf:heartbeat:IPaddr2, Filesystem → \
            ocf:heartbeat:Filesystem, drbddisk::R → a promotable ocf:linbit:drbd clone the group \
            follows, other resource.d wrappers → their ocf:heartbeat agents, init scripts → lsb:. \
            auto_failback becomes resource-stickiness, deadtime corosync's token, initdead \
            dc-deadtime, STONITH lines stonith: resources, ping nodes with ipfail a ping clone. \
            Every line that could not be carried over, or was carried over with a difference, is \
            printed to standard error as FILE:LINE: not exported|changed: why.

            Check the result before loading it: crm_verify --xml-file cib.xml, then \
            crm_simulate --xml-file cib.xml --simulate to see where each group would run.

            Examples:
              hadaemon config export pacemaker > cib.xml
              hadaemon config export pacemaker --format crm
              hadaemon config export pacemaker --config-dir ./ha.d --output-dir ./pacemaker
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case cib, configuration, crm, pcs, corosync, notes
    }

    @OptionGroup var configDirectory: ConfigDirectoryOption

    @Option(
        help: """
            What to print: cib (a whole CIB, the default, for crm_verify and crm_simulate), configuration (its \
            configuration section, for cibadmin --replace --scope configuration on a running cluster), crm (crmsh), \
            pcs (a pcs script), corosync (corosync.conf), notes.
            """)
    var format: Format = .cib

    @Option(
        name: .customLong("output-dir"),
        help: "Write every format to this directory instead (cib.xml, configuration.xml, crm.txt, pcs.sh, corosync.conf, NOTES.txt).")
    var outputDir: String?

    @Flag(help: "With --output-dir, replace files that are already there (an edited copy is otherwise kept).")
    var force = false

    @Flag(
        help: """
            Export every resource unmanaged (is-managed=false), to load the CIB while the pair still serves: \
            Pacemaker watches and acts only once it is set back to true (README, 'Outgrowing a pair').
            """)
    var unmanaged = false

    func run() throws {
        let directory = configDirectory.configDir
        let files = ClusterConfig.Files(directory: directory)
        var unreadable: [String] = []
        func read(_ path: String) -> String {
            switch ConfigFiles.readText(path) {
            case .success(let text): return text
            case .failure(let problem):
                unreadable.append("\(path): \(problem)")
                return ""
            }
        }
        let haCF = read(files.haCF)
        let haResources = read(files.haResources)
        guard unreadable.isEmpty else {
            unreadable.forEach { printToStandardError("hadaemon config export: cannot read \($0)") }
            throw ExitCode(1)
        }
        let parsed = ClusterConfig.parse(haCF: haCF, authKeys: "", haResources: haResources, files: files)
        let problems = parsed.diagnostics.filter { $0.file != files.authKeys && $0.severity == .error }
        for problem in problems { printToStandardError("\(problem) (left out of the export)") }
        guard !parsed.value.haCF.nodes.isEmpty else {
            printToStandardError("hadaemon config export: \(files.haCF) names no node; nothing to export")
            throw ExitCode(1)
        }
        let resourceDirectory = directory + "/resource.d/"
        let result = PacemakerExport.export(
            parsed.value, files: files,
            host: PacemakerExport.Host(isHeartbeatScript: { access(resourceDirectory + $0, F_OK) == 0 }, unmanaged: unmanaged))
        let texts = Self.texts(result)
        if let outputDir {
            try write(texts, to: outputDir)
        } else {
            print(texts.first { $0.format == format }!.text, terminator: "")
        }
        for note in result.notes where outputDir != nil || format != .notes { printToStandardError(note.description) }
    }

    /// Every format, with the file name `--output-dir` gives it.
    static func texts(_ result: PacemakerExport.Result) -> [(format: Format, file: String, text: String)] {
        let notes = result.notes.map(\.description).joined(separator: "\n")
        return [
            (.cib, "cib.xml", CIBWriter.document(result.configuration)),
            (.configuration, "configuration.xml", CIBWriter.configurationSection(result.configuration)),
            (.crm, "crm.txt", CRMShellWriter.text(result.configuration)),
            (.pcs, "pcs.sh", PCSWriter.script(result.configuration)),
            (.corosync, "corosync.conf", CorosyncWriter.text(result.configuration)),
            (.notes, "NOTES.txt", notes.isEmpty ? "" : notes + "\n"),
        ]
    }

    /// Writes each file whole (a temporary file renamed over), refusing to replace one that is
    /// there unless --force.
    private func write(_ texts: [(format: Format, file: String, text: String)], to directory: String) throws {
        if mkdir(directory, 0o755) != 0 && errno != EEXIST {
            printToStandardError("hadaemon config export: cannot create \(directory): \(String(cString: strerror(errno)))")
            throw ExitCode(1)
        }
        let existing = texts.map { directory + "/" + $0.file }.filter { access($0, F_OK) == 0 }
        if !force && !existing.isEmpty {
            printToStandardError("hadaemon config export: \(existing.joined(separator: ", ")) already there; --force replaces them")
            throw ExitCode(1)
        }
        for entry in texts {
            let path = directory + "/" + entry.file
            let temporary = path + ".tmp"
            let mode: mode_t = entry.format == .pcs ? 0o755 : 0o644
            let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
            var written = fd >= 0
            if written {
                let bytes = Array(entry.text.utf8)
                written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) } == bytes.count
                written = fsync(fd) == 0 && written
                close(fd)
            }
            guard written, rename(temporary, path) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                printToStandardError("hadaemon config export: cannot write \(path): \(reason)")
                throw ExitCode(1)
            }
        }
        printToStandardError("hadaemon config export: wrote \(texts.map(\.file).joined(separator: ", ")) to \(directory)")
    }
}
