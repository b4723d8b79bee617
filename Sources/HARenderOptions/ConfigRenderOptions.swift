import ArgumentParser

/// The command line of `config render`: one definition for `hadaemon config render` and for
/// `hadaemon-render`, so the two parse and teach (`--help`) the same way.
public struct ConfigRenderOptions: ParsableArguments {
    /// What `--help` says above the options, for both commands.
    public static let abstract = "Render ha.cf, authkeys and haresources from a Moonshine :heartbeat: section."
    public static let discussion = """
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

    @Argument(help: "The YAML file with a :heartbeat: section.")
    public var file: String

    @Option(help: "Directory to write ha.cf, authkeys and haresources into (created if missing).")
    public var out: String

    @Flag(help: "Replace existing files whose content differs.")
    public var force = false

    public init() {}

    /// The arguments that parse back to these options, for handing them to another process.
    public var arguments: [String] { [file, "--out", out] + (force ? ["--force"] : []) }
}
