import ArgumentParser
import HAHost

/// `--sop-dir`: where the procedures are, for every command that reads them (the screen, `sop
/// check`, `sop run`, `demo`).
struct SOPDirectoryOption: ParsableArguments {
    @Option(name: .customLong("sop-dir"), help: "Directory of procedures (default: \(DefaultPaths.sopDirectory), else the sop/ beside this program).")
    var sopDirectory: String?

    /// The directory given, else ``DefaultPaths/procedures()``.
    var procedures: String { sopDirectory ?? DefaultPaths.procedures() }
}

/// `--audit`: the SOP runs' audit trail, for every command that writes or reads it.
struct AuditOption: ParsableArguments {
    @Option(help: "The append-only audit trail of SOP runs (JSON lines).") var audit = DefaultPaths.auditTrail
}
