import HAProtocol

/// The configuration a running daemon works from, and its identity.
struct DaemonSettings: Sendable {
    var node: String
    var uuid: [UInt8]
    var generation: UInt64
    var configDirectory: String
    var digest: ConfigDigest
    /// Signs what this node sends; a reload that changes the keys replaces it.
    var authenticator: MessageAuthenticator
    /// `--allow-unfenced`: a reload reads the files with the same override as the start.
    var allowUnfenced: Bool

    /// Builds the settings from a validated configuration.
    init(
        node: String, uuid: [UInt8], generation: UInt64, configDirectory: String, cluster: ClusterConfig, digest: ConfigDigest,
        allowUnfenced: Bool = false
    ) throws {
        self.node = node
        self.uuid = uuid
        self.generation = generation
        self.configDirectory = configDirectory
        self.digest = digest
        self.allowUnfenced = allowUnfenced
        guard let key = cluster.authKeys.signingKey else { throw DaemonError("authkeys selects no usable key") }
        authenticator = MessageAuthenticator(outbound: key, accepting: Array(cluster.authKeys.keys.values))
    }
}
