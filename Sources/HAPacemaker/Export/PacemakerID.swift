/// Hands out CIB IDs: valid XML IDs (a letter or `_` first, then letters, digits, `_`, `.`,
/// `-`), made from the names in the Heartbeat files, unique within one configuration.
struct PacemakerID {
    private var taken: Set<String> = []

    /// A fresh ID from `parts` (`["ip", "192.0.2.100"]` → `ip-192.0.2.100`), with `-2`, `-3`…
    /// added when it is already taken.
    mutating func make(_ parts: String...) -> String {
        let base = Self.sanitize(parts.filter { !$0.isEmpty }.joined(separator: "-"))
        var candidate = base
        var suffix = 2
        while !taken.insert(candidate).inserted {
            candidate = base + "-\(suffix)"
            suffix += 1
        }
        return candidate
    }

    /// `text` with every character an XML ID cannot hold replaced by `_`, at most 64 of them.
    static func sanitize(_ text: String) -> String {
        var result = String(
            text.unicodeScalars.prefix(64).map { scalar -> Character in
                let allowed =
                    scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "_.-".unicodeScalars.contains(scalar))
                return allowed ? Character(scalar) : "_"
            })
        if let first = result.unicodeScalars.first, !(first.properties.isAlphabetic || first == "_") { result = "r" + result }
        return result.isEmpty ? "r" : result
    }
}
