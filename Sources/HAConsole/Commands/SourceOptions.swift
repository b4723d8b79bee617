import ArgumentParser
import HAHost

/// Where the console reads from; every source can be pointed elsewhere.
struct SourceOptions: ParsableArguments {
    @Option(help: "The hadaemon control socket.")
    var socket = "/run/hadaemon/hadaemon.sock"

    @Option(help: "The ha-log file to show (default: /var/log/ha-log).")
    var log = "/var/log/ha-log"

    @Option(name: .customLong("proc-drbd"), help: "Read DRBD state from this /proc/drbd-format file.")
    var procDRBD: String?

    @Option(help: "Run this drbdsetup for DRBD state ('status --verbose --statistics').")
    var drbdsetup: String?

    var drbdSource: DRBDSource { DRBDSource.choose(procDRBD: procDRBD, drbdsetup: drbdsetup) }
}
