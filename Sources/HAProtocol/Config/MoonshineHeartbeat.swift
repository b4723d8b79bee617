/// The `:heartbeat:` section of a Moonshine `moonshine.yml`, from which the three Heartbeat files
/// are rendered: one file in version control, the same bytes on every node.
///
/// Keys (Moonshine's): `resources` (preferred node → one resource or a list), `nodes` (name →
/// heartbeat address), `password`, and optionally `deadtime`, `warntime`, `initdead`, `keepalive`,
/// `interface`, `udpport`, `auto_failback`, `ping`. Defaults follow Moonshine's ha.cf template:
/// keepalive 2, deadtime 30, warntime 10, initdead 120, udpport 694, interface eth0,
/// auto_failback on, ucast to every node.
public struct MoonshineHeartbeat: Hashable, Sendable {
    public struct Entry: Hashable, Sendable {
        public var name: String
        public var values: [String]
        public var line: Int

        public init(name: String, values: [String], line: Int) {
            self.name = name
            self.values = values
            self.line = line
        }
    }

    public var resources: [Entry] = []
    public var nodes: [Entry] = []
    public var password: String?
    /// Every optional key with its value (lists joined by a blank) and line.
    public var settings: [String: Setting] = [:]

    public struct Setting: Hashable, Sendable {
        public var value: String
        public var line: Int

        public init(value: String, line: Int) {
            self.value = value
            self.line = line
        }
    }

    public init() {}

    /// The optional keys and what they accept.
    public static let settingKeys = ["deadtime", "warntime", "initdead", "keepalive", "interface", "udpport", "auto_failback", "ping"]

    /// The three files, or the problems that keep them from being written.
    public func render(file: String) -> Parsed<RenderedConfig?> {
        var diagnostics: [ConfigDiagnostic] = []
        func setting(_ key: String, default value: String) -> String { settings[key]?.value ?? value }
        func line(_ key: String) -> Int { settings[key]?.line ?? 0 }
        if nodes.count < 2 { diagnostics.append(.error(file, 0, ":nodes: needs at least two nodes, each name: address")) }
        if resources.isEmpty { diagnostics.append(.error(file, 0, ":resources: needs at least one preferred node: resources")) }
        if password?.isEmpty ?? true { diagnostics.append(.error(file, 0, ":password: is required (the shared sha1 key)")) }
        if let password, password.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            diagnostics.append(.error(file, 0, ":password: must be one word (authkeys keys cannot contain blanks)"))
        }
        let nodeNames = nodes.map { $0.name.lowercased() }
        for node in nodes where node.values.count != 1 || IPv4Address(node.values[0]) == nil {
            diagnostics.append(
                .error(file, node.line, ":nodes: :\(node.name): must be one IPv4 address, not '\(node.values.joined(separator: " "))'"))
        }
        for resource in resources where !nodeNames.contains(resource.name.lowercased()) {
            diagnostics.append(
                .error(file, resource.line, ":resources: :\(resource.name): is not one of :nodes: (\(nodeNames.joined(separator: ", ")))"))
        }
        for key in ["deadtime", "warntime", "initdead", "keepalive"] where settings[key] != nil {
            if HeartbeatDuration.milliseconds(settings[key]!.value) == nil {
                diagnostics.append(.error(file, line(key), ":\(key): '\(settings[key]!.value)' is not a time (seconds, or NNNms)"))
            }
        }
        let autoFailback = setting("auto_failback", default: "on")
        let failback = autoFailback.lowercased() == "legacy" ? "legacy" : HeartbeatBoolean.parse(autoFailback).map { $0 ? "on" : "off" }
        if failback == nil {
            diagnostics.append(.error(file, line("auto_failback"), ":auto_failback: must be on, off or legacy, not '\(autoFailback)'"))
        }
        if diagnostics.hasErrors { return Parsed(value: nil, diagnostics: diagnostics) }

        let interface = setting("interface", default: "eth0")
        var haCF = """
            # Rendered by hadaemon config render from a Moonshine :heartbeat: section.
            # Edit the YAML and render again; the same input gives the same bytes on every node.
            logfile /var/log/ha-log
            debugfile /var/log/ha-debug
            logfacility local0
            keepalive \(setting("keepalive", default: "2"))
            deadtime \(setting("deadtime", default: "30"))
            warntime \(setting("warntime", default: "10"))
            initdead \(setting("initdead", default: "120"))
            udpport \(setting("udpport", default: "694"))

            """
        for node in nodes { haCF += "ucast \(interface) \(node.values[0])\n" }
        haCF += "auto_failback \(failback!)\n"
        for name in nodeNames { haCF += "node \(name)\n" }
        if let ping = settings["ping"]?.value {
            haCF += "ping \(ping)\n"
        }
        haCF += "crm off\n"
        let authKeys = "auth 1\n1 sha1 \(password!)\n"
        var haResources = ""
        for resource in resources {
            haResources += ([resource.name.lowercased()] + resource.values).joined(separator: " ") + "\n"
        }
        return Parsed(value: RenderedConfig(haCF: haCF, authKeys: authKeys, haResources: haResources), diagnostics: diagnostics)
    }
}

/// The three Heartbeat files as text.
public struct RenderedConfig: Hashable, Sendable {
    public var haCF: String
    public var authKeys: String
    public var haResources: String

    public init(haCF: String, authKeys: String, haResources: String) {
        self.haCF = haCF
        self.authKeys = authKeys
        self.haResources = haResources
    }
}
