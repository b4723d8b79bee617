/// The parsed `authkeys` file: every key line and the index this node signs with (spec §2).
///
/// The file's mode (must not be group- or world-readable) is checked by whoever reads the file;
/// ``AuthKeys/checkMode(_:file:)`` states the rule.
public struct AuthKeys: Hashable, Sendable {
    /// Keys by index, 0...15.
    public var keys: [Int: SigningKey] = [:]
    /// The index of `auth N`.
    public var selectedIndex: Int?

    public init(keys: [Int: SigningKey] = [:], selectedIndex: Int? = nil) {
        self.keys = keys
        self.selectedIndex = selectedIndex
    }

    /// The key outbound messages are signed with, when the file selected one that exists.
    public var signingKey: SigningKey? { selectedIndex.flatMap { keys[$0] } }

    /// Parses the file text; the ordering quirk of 3.0.6 (`auth N` must precede its key line) is an error.
    public static func parse(_ text: String, file: String = "authkeys") -> Parsed<AuthKeys> {
        var result = AuthKeys()
        let lines = ConfigLines(text, file: file)
        var diagnostics = lines.diagnostics
        var authLine = 0
        var keyLines: [Int: Int] = [:]
        for physical in lines.lines {
            let number = physical.number
            let line = physical.text.trimming { $0 == " " || $0 == "\t" }
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if line.hasPrefix("a") {
                guard fields.count == 2, fields[0] == "auth", let index = Int(fields[1]) else {
                    diagnostics.append(.error(file, number, "invalid auth line '\(line)': write 'auth N' with N the key index to sign with"))
                    continue
                }
                if authLine > 0 { diagnostics.append(.warning(file, number, "second 'auth' line; this one wins")) }
                result.selectedIndex = index
                authLine = number
                continue
            }
            guard fields.count >= 2, let index = Int(fields[0]) else {
                diagnostics.append(.error(file, number, "invalid key line '\(line)': write 'N crc', 'N md5 KEY' or 'N sha1 KEY'"))
                continue
            }
            guard (0...15).contains(index) else {
                diagnostics.append(.error(file, number, "invalid key index '\(fields[0])': must be 0-15"))
                continue
            }
            guard let method = AuthMethod(rawValue: String(fields[1])) else {
                diagnostics.append(.error(file, number, "invalid auth method '\(fields[1])': must be crc, md5 or sha1"))
                continue
            }
            if fields.count > 3 {
                diagnostics.append(.error(file, number, "key for index \(index) contains a blank; a key is one word"))
                continue
            }
            let secret = fields.count == 3 ? Array(fields[2].utf8) : []
            switch method {
            case .crc where !secret.isEmpty:
                diagnostics.append(.error(file, number, "auth method crc does not use a key; remove '\(fields[2])'"))
                continue
            case .md5 where secret.isEmpty, .sha1 where secret.isEmpty:
                diagnostics.append(.error(file, number, "auth method \(method.rawValue) requires a key"))
                continue
            default: break
            }
            if keyLines[index] != nil { diagnostics.append(.warning(file, number, "key index \(index) given twice; this one wins")) }
            result.keys[index] = SigningKey(index: index, method: method, secret: secret)
            keyLines[index] = number
        }
        if let selected = result.selectedIndex {
            if let keyLine = keyLines[selected] {
                if keyLine < authLine {
                    diagnostics.append(
                        .error(
                            file, authLine, "'auth \(selected)' must come before key line \(keyLine); Heartbeat 3.0.6 does not find the key otherwise"
                        ))
                }
            } else {
                diagnostics.append(
                    .error(file, authLine, "auth \(selected) selects a key index that no line defines (add '\(selected) sha1 SECRET')"))
            }
        } else {
            diagnostics.append(.error(file, 0, "missing 'auth N' line selecting the key to sign with"))
        }
        // Every key is accepted on receipt, not only the one we sign with: each crc line lets a forger in.
        for (index, line) in keyLines.sorted(by: { $0.value < $1.value }) where result.keys[index]?.method == .crc {
            diagnostics.append(
                .warning(
                    file, line,
                    "key \(index) uses crc, which authenticates nothing: anyone on the network segment can forge packets this node"
                        + " accepts; use 'N sha1 SECRET' (or md5) with a secret known only to the nodes"))
        }
        return Parsed(value: result, diagnostics: diagnostics)
    }

    /// Heartbeat refuses a key file that group or others can read (mode bits 0o040 or 0o004).
    public static func checkMode(_ mode: UInt32, file: String = "authkeys") -> ConfigDiagnostic? {
        guard mode & 0o044 != 0 else { return nil }
        let octal = String(mode & 0o777, radix: 8)
        return .error(
            file, 0, "mode \(String(repeating: "0", count: max(0, 4 - octal.count)) + octal) lets group or others read the keys; run chmod 600 on it")
    }
}
