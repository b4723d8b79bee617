import Glibc

/// The `--heartbeat-via` words that reach another node, and how a command goes behind them.
///
/// A prefix that executes its arguments (`nsenter … --`, `ip netns exec NS`, `sudo`) gets the
/// command's argv as it is. `ssh` does not: it joins its arguments with spaces for the remote
/// shell to parse again, so behind ssh the command is passed as one string with every word
/// shell-quoted, and the remote shell rebuilds the same argv. ssh also gets, unless the words
/// already set them, `BatchMode=yes` (never a password or host-key prompt: it would write over the
/// screen; a refusal shows as the node's problem instead) and a shared connection
/// (`ControlMaster=auto`, `ControlPersist=60`): the probe runs every second, and one connection
/// answers them all instead of a handshake each time.
struct CommandPrefix: Equatable {
    /// The words as given (shown in the header as where the data comes from).
    let words: [String]
    /// Where ssh's shared-connection sockets go (`ControlPath`); nil: no shared connection.
    let controlDirectory: String?

    /// The control directory is made (``defaultControlDirectory()``) only for an ssh prefix.
    init(_ words: [String]) {
        self.init(words, controlDirectory: Self.isSSH(words) ? Self.defaultControlDirectory() : nil)
    }

    init(_ words: [String], controlDirectory: String?) {
        self.words = words
        self.controlDirectory = controlDirectory
    }

    var isSSH: Bool { Self.isSSH(words) }

    static func isSSH(_ words: [String]) -> Bool { words.first.map { $0 == "ssh" || $0.hasSuffix("/ssh") } ?? false }

    /// The full argv that runs `command` behind the prefix.
    func command(_ command: [String]) -> [String] {
        guard isSSH else { return words + command }
        let given = Set(words.compactMap(Self.sshOptionName))
        var defaults = [("BatchMode", "yes")]
        if let controlDirectory {
            defaults += [("ControlMaster", "auto"), ("ControlPersist", "60"), ("ControlPath", controlDirectory + "/ssh-%C")]
        }
        let options = defaults.filter { !given.contains($0.0.lowercased()) }.flatMap { ["-o", "\($0.0)=\($0.1)"] }
        return [words[0]] + options + words.dropFirst() + [command.map(Self.shellQuoted).joined(separator: " ")]
    }

    /// `-o Name=value`'s name (lower-cased) when `word` is the option's value part or `-oName=…`.
    static func sshOptionName(_ word: String) -> String? {
        let text = word.hasPrefix("-o") ? String(word.dropFirst(2)) : word
        guard let equals = text.firstIndex(where: { $0 == "=" || $0 == " " }), equals != text.startIndex else { return nil }
        let name = text[..<equals]
        return name.allSatisfy({ $0.isLetter }) ? name.lowercased() : nil
    }

    /// `word` in single quotes (an embedded `'` becomes `'\''`), bare when it is plainly safe.
    static func shellQuoted(_ word: String) -> String {
        let safe = !word.isEmpty && word.unicodeScalars.allSatisfy { Self.safeScalars.contains($0) }
        return safe ? word : "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }

    static let safeScalars = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=@%+,".unicodeScalars)

    /// The longest directory whose `ssh-%C` sockets fit a Unix socket address (108 bytes with
    /// the terminating zero): `/ssh-`, 40 hex digits, and the `.` plus 16 characters ssh adds to
    /// the master's temporary name.
    static let longestControlDirectory = 107 - 5 - 40 - 17

    /// `$XDG_RUNTIME_DIR/haconsole`, else `/tmp/haconsole-UID`, made private (0700) to this user;
    /// nil when it exists but belongs to someone else or others may enter it, or when its path is
    /// too long for ssh's sockets.
    static func defaultControlDirectory() -> String? {
        let base = getenv("XDG_RUNTIME_DIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 + "/haconsole" }
        let directory = base ?? "/tmp/haconsole-\(getuid())"
        guard directory.utf8.count <= longestControlDirectory else { return nil }
        _ = mkdir(directory, 0o700)
        var status = stat()
        guard lstat(directory, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR, status.st_uid == getuid(), status.st_mode & 0o077 == 0 else {
            return nil
        }
        return directory
    }
}
