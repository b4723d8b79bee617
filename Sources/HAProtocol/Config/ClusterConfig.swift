/// The three Heartbeat files read together, with the checks that span them.
public struct ClusterConfig: Hashable, Sendable {
    public var haCF: HACF
    public var authKeys: AuthKeys
    public var haResources: HAResources

    public init(haCF: HACF, authKeys: AuthKeys, haResources: HAResources) {
        self.haCF = haCF
        self.authKeys = authKeys
        self.haResources = haResources
    }

    /// File names used in diagnostics (the paths the user gave).
    public struct Files: Hashable, Sendable {
        public var haCF: String
        public var authKeys: String
        public var haResources: String

        public init(haCF: String = "ha.cf", authKeys: String = "authkeys", haResources: String = "haresources") {
            self.haCF = haCF
            self.authKeys = authKeys
            self.haResources = haResources
        }

        /// The three files inside `directory`.
        public init(directory: String) {
            let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
            self.init(haCF: base + "/ha.cf", authKeys: base + "/authkeys", haResources: base + "/haresources")
        }
    }

    /// Parses the three texts and runs the cross-file and host checks.
    ///
    /// Host-specific problems (this host is not a `node`, an interface or script is missing) are
    /// warnings unless `onNode` is true, when they are errors: a config is often checked on a
    /// workstation before it is deployed. `allowUnfenced` is the operator's `--allow-unfenced`
    /// (see ``HACFParser/parse(_:file:allowUnfenced:)``).
    public static func parse(
        haCF: String, authKeys: String, haResources: String, files: Files = Files(),
        host: HostFacts = HostFacts(), onNode: Bool = false, allowUnfenced: Bool = false
    ) -> Parsed<ClusterConfig> {
        let cf = HACFParser.parse(haCF, file: files.haCF, allowUnfenced: allowUnfenced)
        let keys = AuthKeys.parse(authKeys, file: files.authKeys)
        let resources = HAResourcesParser.parse(haResources, file: files.haResources)
        var diagnostics = cf.diagnostics + keys.diagnostics + resources.diagnostics
        let config = ClusterConfig(haCF: cf.value, authKeys: keys.value, haResources: resources.value)
        diagnostics += config.crossFileDiagnostics(files: files)
        diagnostics += config.hostDiagnostics(files: files, host: host, onNode: onNode)
        return Parsed(value: config, diagnostics: diagnostics)
    }

    /// The checks between the files (every haresources owner is an ha.cf node).
    public func crossFileDiagnostics(files: Files) -> [ConfigDiagnostic] {
        var result: [ConfigDiagnostic] = []
        for group in haResources.groups where !haCF.nodes.contains(group.node) {
            result.append(
                .error(
                    files.haResources, group.line,
                    "owner '\(group.node)' is not a node in ha.cf (nodes: \(haCF.nodes.joined(separator: ", ")))"))
        }
        return result
    }

    func hostDiagnostics(files: Files, host: HostFacts, onNode: Bool) -> [ConfigDiagnostic] {
        let severity: ConfigDiagnostic.Severity = onNode ? .error : .warning
        var result: [ConfigDiagnostic] = []
        if let name = host.nodeName, !haCF.nodes.isEmpty, !haCF.nodes.contains(name) {
            result.append(
                ConfigDiagnostic(
                    file: files.haCF, line: haCF.lineOf["node"] ?? 0, severity: severity,
                    message: "this host '\(name)' is not a node (nodes: \(haCF.nodes.joined(separator: ", "))); node names must match uname -n"))
        }
        if let interfaces = host.interfaces {
            var reported: Set<String> = []
            for medium in haCF.media where medium.kind != .serial && !interfaces.contains(medium.interface) {
                guard reported.insert(medium.interface).inserted else { continue }
                result.append(
                    ConfigDiagnostic(
                        file: files.haCF, line: medium.line, severity: severity,
                        message: "\(medium.typeName) interface '\(medium.interface)' does not exist on this host"))
            }
            for group in haResources.groups {
                for resource in group.resources {
                    guard let nic = resource.address?.interface, !interfaces.contains(nic) else { continue }
                    result.append(
                        ConfigDiagnostic(
                            file: files.haResources, line: resource.line, severity: severity,
                            message: "\(resource.script) interface '\(nic)' does not exist on this host"))
                }
            }
        }
        if let scripts = host.scripts {
            for group in haResources.groups {
                for resource in group.resources where !resource.isBuiltInAddress && !scripts.contains(resource.script) {
                    result.append(
                        ConfigDiagnostic(
                            file: files.haResources, line: resource.line, severity: severity,
                            message: "resource script '\(resource.script)' not found in \(host.scriptDirectories.joined(separator: " or "))"))
                }
            }
        }
        return result
    }
}
