import ArgumentParser
import CNcursesw

/// `haconsole`: the operator's console.
@main
struct HAConsoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "haconsole",
        abstract: "The operations console for Heartbeat-style high-availability pairs.",
        discussion: """
            Not built yet: the live screen, `haconsole status` and guided SOPs arrive with the
            console issue. Today this binary only proves the ncursesw link (see `--version`).
            """,
        version: "0.1.0 (\(String(cString: curses_version())))"
    )
}
