import Foundation
import Glibc
import HATestSupport

/// The hadaemon `habench footprint` measures, where it came from and how big it is: the one in a
/// `.deb` (`--deb`, what `scripts/package` builds: the packaged binary, static Swift runtime),
/// else `--daemon`, else the release build beside habench.
struct MeasuredBinary: Sendable, Codable {
    /// The file the nodes run.
    var path: String
    /// `./usr/sbin/hadaemon of dist/hadaemon_0.1.0_amd64.deb`, `--daemon`, `the build beside habench`.
    var source: String
    var bytes: Int
    /// The directory the `.deb`'s binary was extracted to, removed by `remove()`.
    var extractedTo: String?

    /// The binary's path inside a `.deb`.
    static let packagedPath = "./usr/sbin/hadaemon"

    /// Chooses the binary: `deb` first, then `daemon`'s `--daemon`, then the built one.
    static func choose(deb: String?, daemon: DaemonOption) throws -> MeasuredBinary {
        if let deb { return try extract(deb) }
        let command = try daemon.command()
        return MeasuredBinary(
            path: command.executable, source: daemon.daemon == nil ? "the build beside habench" : "--daemon", bytes: size(command.executable))
    }

    /// `dpkg-deb --fsys-tarfile DEB | tar -x -C TMP ./usr/sbin/hadaemon`: the binary exactly as
    /// the package installs it, in a fresh directory under /tmp.
    static func extract(_ deb: String) throws -> MeasuredBinary {
        guard access(deb, R_OK) == 0 else {
            throw FootprintError.unreadablePackage(deb)
        }
        var template = Array("/tmp/habench-footprint-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw HarnessError.system(call: "mkdtemp", errno: errno)
        }
        let directory = String(cString: made)
        // Positional parameters, so no path is ever parsed by the shell.
        let output = try HostCommand.run(
            ["sh", "-c", "dpkg-deb --fsys-tarfile \"$1\" | tar -x -C \"$2\" \"$3\"", "sh", deb, directory, packagedPath], timeout: .seconds(60))
        let path = directory + "/" + packagedPath.dropFirst(2)
        guard output.succeeded, access(path, X_OK) == 0 else {
            try? FileManager.default.removeItem(atPath: directory)
            throw FootprintError.extractionFailed(deb: deb, status: "\(output.status)", stderr: output.stderr)
        }
        // Written back before it runs: page-cache pages still dirty from tar would count as the
        // daemon's Private_Dirty until writeback (up to 30 s), as an installed binary's never do.
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
        return MeasuredBinary(path: path, source: "\(packagedPath) of \(deb)", bytes: size(path), extractedTo: directory)
    }

    /// Removes what `extract` made.
    func remove() {
        if let extractedTo { try? FileManager.default.removeItem(atPath: extractedTo) }
    }

    /// `12.3 MB (12 345 678 bytes)`.
    var sizeText: String {
        let megabytes = Double(bytes) / 1_000_000
        return "\((megabytes * 10).rounded() / 10) MB (\(bytes) bytes)"
    }

    private static func size(_ path: String) -> Int {
        var status = stat()
        return stat(path, &status) == 0 ? Int(status.st_size) : 0
    }
}
