/// Reads `haresources` as Heartbeat's ResourceManager does (spec §3.1): `#` comments on a line's
/// first physical line, backslash continuation, blanks squeezed, node names lower-cased.
///
/// Where 3.0.6 silently does something harmful (a comment on a continuation line becomes resource
/// names), this parser reports an error instead.
public enum HAResourcesParser {
    public static func parse(_ text: String, file: String = "haresources") -> Parsed<HAResources> {
        var diagnostics: [ConfigDiagnostic] = []
        var groups: [ResourceGroup] = []
        for logical in logicalLines(text, file: file, diagnostics: &diagnostics) {
            guard let first = logical.first else { continue }
            let node = first.text.lowercased()
            var resources: [ResourceSpec] = []
            for token in logical.dropFirst() {
                if let spec = resource(token.text, line: token.line, file: file, diagnostics: &diagnostics) {
                    resources.append(spec)
                }
            }
            if logical.count == 1 {
                diagnostics.append(.error(file, first.line, "group for node '\(node)' lists no resources"))
                continue
            }
            let group = ResourceGroup(node: node, resources: resources, line: first.line)
            if let other = groups.first(where: { $0.key == group.key && !group.key.isEmpty }) {
                diagnostics.append(
                    .error(
                        file, first.line, "group key '\(group.key)' is already used on line \(other.line); each line's first resource must be unique")
                )
            }
            groups.append(group)
        }
        return Parsed(value: HAResources(groups: groups), diagnostics: diagnostics)
    }

    struct Token {
        var text: String
        var line: Int
    }

    /// Joins continuation lines and splits into tokens that remember their physical line.
    static func logicalLines(_ text: String, file: String, diagnostics: inout [ConfigDiagnostic]) -> [[Token]] {
        var result: [[Token]] = []
        var current: [Token] = []
        var continuing = false
        let lines = ConfigLines(text, file: file)
        diagnostics += lines.diagnostics
        for physical in lines.lines {
            let number = physical.number
            var line = physical.text.trimmingSuffix { $0 == " " || $0 == "\t" }
            // On a continuation line Heartbeat keeps everything, so the backslash decides before any '#'.
            let isContinuation = continuing
            continuing = line.unicodeScalars.last == "\\"
            if continuing { line = Substring(line.unicodeScalars.dropLast(1)) }
            if let hash = line.firstIndex(of: "#") {
                if isContinuation {
                    let comment = line[hash...].trimmingSuffix { $0 == " " || $0 == "\t" }
                    diagnostics.append(
                        .error(
                            file, number,
                            "comment on a continuation line: Heartbeat reads '\(comment)' as resource names; put the comment on a line of its own"))
                } else {
                    // The comment swallows a trailing backslash too.
                    continuing = false
                }
                line = line[..<hash]
            }
            let body = line
            for word in body.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
                current.append(Token(text: String(word), line: number))
            }
            if !continuing {
                if !current.isEmpty { result.append(current) }
                current = []
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    static func resource(_ text: String, line: Int, file: String, diagnostics: inout [ConfigDiagnostic]) -> ResourceSpec? {
        var parts = splitDoubleColon(text)
        if parts.count == 1, isAddressShorthand(text) { parts = ["IPaddr", text] }
        let script = parts[0]
        let arguments = Array(parts.dropFirst())
        if script.isEmpty {
            diagnostics.append(.error(file, line, "resource '\(text)' has no script name before '::'"))
            return nil
        }
        if parts.count == 1, let colon = text.firstIndex(of: ":") {
            let name = text[..<colon]
            diagnostics.append(
                .error(
                    file, line,
                    "resource '\(text)' has a single ':'; script arguments are separated by '::' (\(name)::\(text[text.index(after: colon)...]))"))
            return nil
        }
        if script.contains("/") {
            diagnostics.append(.error(file, line, "resource script '\(script)' contains '/'; name a script in resource.d/ or /etc/init.d/"))
            return nil
        }
        var address: IPAddressArgument?
        if script == "IPaddr" || script == "IPaddr2" {
            guard arguments.count == 1 else {
                diagnostics.append(.error(file, line, "\(script) takes one argument ip[/netmask[/nic[/broadcast]]], got '\(text)'"))
                return nil
            }
            switch IPAddressArgument.parse(arguments[0]) {
            case .success(let parsed): address = parsed
            case .failure(let problem):
                diagnostics.append(.error(file, line, "\(script): \(problem.message)"))
                return nil
            }
        }
        return ResourceSpec(text: text, script: script, arguments: arguments, address: address, line: line)
    }

    static func splitDoubleColon(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var rest = Substring(text)
        while !rest.isEmpty {
            if rest.hasPrefix("::") {
                parts.append(current)
                current = ""
                rest = rest.dropFirst(2)
            } else {
                current.append(rest.removeFirst())
            }
        }
        parts.append(current)
        return parts
    }

    /// ResourceManager's glob `[0-9]*.[0-9]*.[0-9]*.[0-9]*`: a digit first, then three dots each followed by a digit.
    static func isAddressShorthand(_ text: String) -> Bool {
        guard let first = text.first, first.isASCII, first.isNumber else { return false }
        let chars = Array(text)
        var dotsFollowedByDigit = 0
        for i in chars.indices.dropLast() where chars[i] == "." && chars[i + 1].isASCII && chars[i + 1].isNumber {
            dotsFollowedByDigit += 1
        }
        return dotsFollowedByDigit >= 3
    }
}
