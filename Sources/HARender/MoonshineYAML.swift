import HAProtocol
import Yams

/// Reads the `:heartbeat:` section of a Moonshine YAML file into ``MoonshineHeartbeat``.
///
/// Moonshine writes Ruby symbols as keys (`:nodes:`), which YAML reads as strings with a leading
/// colon; plain keys (`nodes:`) are accepted too. Unknown keys are errors naming the line.
enum MoonshineYAML {
    static func read(_ text: String, file: String) -> Parsed<MoonshineHeartbeat?> {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            return Parsed(value: nil, diagnostics: [.error(file, line(of: error), "not valid YAML: \(summary(of: error))")])
        } catch {
            return Parsed(value: nil, diagnostics: [.error(file, 0, "not valid YAML: \(error)")])
        }
        guard let top = root?.mapping,
            let section = top.first(where: { key($0.key) == "heartbeat" })?.value
        else {
            return Parsed(value: nil, diagnostics: [.error(file, 0, "no :heartbeat: section at the top level")])
        }
        guard let entries = section.mapping else {
            return Parsed(value: nil, diagnostics: [.error(file, lineOf(section), ":heartbeat: must be a mapping of settings")])
        }
        var result = MoonshineHeartbeat()
        var diagnostics: [ConfigDiagnostic] = []
        for (keyNode, value) in entries {
            let name = key(keyNode)
            switch name {
            case "resources", "nodes":
                guard let map = value.mapping else {
                    diagnostics.append(.error(file, lineOf(value), ":\(name): must map node names to values"))
                    continue
                }
                let list = map.map { MoonshineHeartbeat.Entry(name: key($0.key), values: scalars($0.value), line: lineOf($0.key)) }
                if name == "resources" { result.resources = list } else { result.nodes = list }
            case "password":
                result.password = value.string
            case _ where MoonshineHeartbeat.settingKeys.contains(name):
                result.settings[name] = .init(value: scalars(value).joined(separator: " "), line: lineOf(keyNode))
            default:
                diagnostics.append(
                    .error(
                        file, lineOf(keyNode),
                        "unknown key ':\(name):' in :heartbeat: (known: resources, nodes, password, \(MoonshineHeartbeat.settingKeys.joined(separator: ", ")))"
                    ))
            }
        }
        return Parsed(value: result, diagnostics: diagnostics)
    }

    static func key(_ node: Node) -> String {
        let text = node.string ?? ""
        return text.hasPrefix(":") ? String(text.dropFirst()) : text
    }

    static func scalars(_ node: Node) -> [String] {
        if let sequence = node.sequence { return sequence.compactMap(\.string) }
        return node.string.map { [$0] } ?? []
    }

    static func lineOf(_ node: Node) -> Int { node.mark.map { $0.line } ?? 0 }

    static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _): mark.line
        default: 0
        }
    }

    static func summary(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _): problem
        default: "\(error)"
        }
    }
}
