import ArgumentParser
import Foundation
import HATestSupport

extension DaemonCommand {
    /// What `--daemon PATH` names, or the built `hadaemon` when it is not given. A relative path
    /// is taken from the current directory: the nodes start it from their own directories, where
    /// `.build/release/hadaemon` would name nothing.
    static func fromOption(_ path: String?) throws -> DaemonCommand {
        guard let path else { return try NetnsCluster.builtDaemon() }
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        guard FileManager.default.isExecutableFile(atPath: absolute) else { throw ValidationError("--daemon \(path): not an executable file") }
        return .hadaemon(at: absolute)
    }
}
