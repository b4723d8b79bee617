/// A sub-command's arguments split the way GNU `getopt(argc-1, argv+1, optstr)` splits them in
/// `cl_status.c`: options anywhere (argv is permuted), clustered (`-mv`), `--` ends them.
///
/// getopt's `argv[0]` is the sub-command, so its complaints start with the sub-command's name
/// (`nodestatus: invalid option -- 'x'`).
struct ClStatusArguments {
    /// Option letters in the order given; `?` for one getopt refused.
    var options: [Character] = []
    /// The argument of `-p` (the only option that takes one).
    var parameter: String?
    /// The non-option words, in order.
    var operands: [String] = []
    /// getopt's own complaints, one per line.
    var complaints: [String] = []

    init(subcommand: String, _ words: [String], optionLetters: String) {
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            if word == "--" {
                operands += words[index...]
                break
            }
            guard word.hasPrefix("-"), word.count > 1 else {
                operands.append(word)
                continue
            }
            var letters = Substring(word.dropFirst())
            while let letter = letters.first {
                letters = letters.dropFirst()
                guard letter != ":", let at = optionLetters.firstIndex(of: letter) else {
                    complaints.append("\(subcommand): invalid option -- '\(letter)'")
                    options.append("?")
                    continue
                }
                let takesArgument = optionLetters[optionLetters.index(after: at)...].first == ":"
                guard takesArgument else {
                    options.append(letter)
                    continue
                }
                if !letters.isEmpty {
                    parameter = String(letters)
                    letters = ""
                } else if index < words.count {
                    parameter = words[index]
                    index += 1
                } else {
                    complaints.append("\(subcommand): option requires an argument -- '\(letter)'")
                    options.append("?")
                    continue
                }
                options.append(letter)
            }
        }
    }

    func has(_ letter: Character) -> Bool { options.contains(letter) }
    var refused: Bool { options.contains("?") }
}
