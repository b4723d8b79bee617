/// Reads `ha.cf` exactly as Heartbeat 3.0.6 does (spec §1): order matters, `#` starts a comment
/// anywhere, option directives are split on blanks and commas and applied token by token, and
/// unknown directives are errors.
///
/// Host facts (this host is a `node`, interfaces exist) are not checked here; see ``ClusterConfig``.
public struct HACFParser {
    /// Parses the whole text and returns the configuration with every diagnostic.
    ///
    /// A line hadaemon does not honour (``HACFDirective``) is an error naming the way out; with
    /// `allowUnfenced` (the operator's `--allow-unfenced`) a fencing-class one is a warning instead
    /// and is listed in ``HACF/overriddenLines``.
    public static func parse(_ text: String, file: String = "ha.cf", allowUnfenced: Bool = false) -> Parsed<HACF> {
        var parser = HACFParser(file: file)
        parser.allowUnfenced = allowUnfenced
        let lines = ConfigLines(text, file: file, allowingFormFeed: true)
        parser.diagnostics = lines.diagnostics
        for line in lines.lines {
            parser.read(line: line.text, number: line.number)
        }
        parser.finish()
        return Parsed(value: parser.config, diagnostics: parser.diagnostics)
    }

    var config = HACF()
    var diagnostics: [ConfigDiagnostic] = []
    let file: String
    var lineNumber = 0
    var lineText = ""
    /// Directives the file gave (defaults apply to the rest).
    var given: Set<String> = []
    /// The line of the first bcast/ucast line: from then on their port is fixed (spec §1.3 udpport).
    var mediaPortFixedAt: Int?
    var mediaPort: Int?
    var baudGiven = false
    var watchdogGiven = false
    var crmGiven = false
    var autoFailbackWasBoolean = false
    var allowUnfenced = false
    /// Client names of the apiauth lines so far (Heartbeat refuses a second line for one client).
    var apiAuthClients: Set<String> = []

    init(file: String) { self.file = file }

    static let tokenDelimiters: Set<Character> = [" ", "\t", ",", "\r", "\n", "\u{0C}"]

    /// What is trimmed from both ends of a line (spec §1.1: leading whitespace skipped, CR stripped).
    static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\u{0C}"
    }
    static let perTokenMedia: Set<String> = ["bcast", "serial", "ping", "ping6"]
    static let wholeLine: Set<String> = [
        "stonith", "stonith_host", "apiauth", "respawn", "failfast", "mcast", "mcast6", "ucast", "ucast6",
        "ping_group",
    ]

    mutating func read(line rawLine: Substring, number: Int) {
        lineNumber = number
        let line = rawLine.beforeComment().trimming(Self.isBlank)
        guard !line.isEmpty else { return }
        lineText = String(line)
        let nameEnd = line.firstIndex(where: { $0 == " " || $0 == "\t" }) ?? line.endIndex
        var name = String(line[..<nameEnd])
        let rest = line[nameEnd...].drop(while: { $0 == " " || $0 == "\t" })
        if name == "udp" {
            warning("directive 'udp' replaced by 'bcast'")
            name = "bcast"
        }
        given.insert(name)
        config.lineOf[name] = number
        let firstValue = rest.split(whereSeparator: { Self.tokenDelimiters.contains($0) }).first.map(String.init)
        // An unknown name (normalpoll included) gets the parser's own error below.
        let known = Self.optionDirectives.contains(name) || Self.wholeLine.contains(name) || Self.perTokenMedia.contains(name)
        if known, let refusal = HACFDirective.named(name)?.refusal(value: firstValue) {
            refuse(name, refusal)
        }
        if Self.wholeLine.contains(name) {
            applyWholeLine(name, String(rest))
            return
        }
        let tokens = rest.split(whereSeparator: { Self.tokenDelimiters.contains($0) }).map(String.init)
        if Self.perTokenMedia.contains(name) {
            if tokens.isEmpty { error("'\(name)' needs at least one argument: '\(lineText)'") }
            for token in tokens { applyMediaToken(name, token) }
            return
        }
        guard Self.optionDirectives.contains(name) else {
            error("unknown directive '\(name)' (Heartbeat: Illegal directive [\(name)]): '\(lineText)'")
            return
        }
        if tokens.isEmpty { error("'\(name)' needs a value: '\(lineText)'") }
        for token in tokens { applyOption(name, token) }
    }

    // MARK: - Diagnostics

    mutating func error(_ message: String, line: Int? = nil) {
        diagnostics.append(.error(file, line ?? lineNumber, message))
    }

    mutating func warning(_ message: String, line: Int? = nil) {
        diagnostics.append(.warning(file, line ?? lineNumber, message))
    }

    /// Reports a line hadaemon does not honour: an error, or a warning when the operator's
    /// override lifts it (the line is still parsed, so its syntax errors are reported too).
    mutating func refuse(_ directive: String, _ refusal: HACFRefusal) {
        guard refusal.overridable && allowUnfenced else { return error(refusal.message(for: directive)) }
        warning(refusal.overriddenMessage(for: directive))
        config.overriddenLines.append(HACF.OverriddenLine(file: file, line: lineNumber, directive: directive, text: lineText))
    }

    mutating func record(_ name: String, _ value: String) {
        config.parameters[name] = value
    }
}
