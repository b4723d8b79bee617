import CNcursesw
import Testing

@testable import HAConsole

/// The pure parts of the terminal layer: how curses' key codes become keys, which glyphs a
/// locale's codeset gets, and which palette a colour count gets.
@Suite struct TerminalMannersTests {
    @Test("function keys, back-tab and control characters decode to the keys the help promises")
    func keyDecoding() {
        let keyCodes: [(Int32, ConsoleKey)] = [
            (KEY_F0 + 1, .function(1)), (KEY_F0 + 5, .function(5)), (KEY_F0 + 12, .function(12)), (KEY_BTAB, .backTab),
            (KEY_UP, .up), (KEY_NPAGE, .pageDown), (KEY_HOME, .home), (KEY_BACKSPACE, .backspace), (KEY_ENTER, .enter),
        ]
        for (code, key) in keyCodes {
            #expect(KeyDecoder.decode(UInt32(code), isKeyCode: true) == .key(key), "key code \(code)")
        }
        #expect(KeyDecoder.decode(UInt32(KEY_RESIZE), isKeyCode: true) == .resize)
        #expect(KeyDecoder.decode(UInt32(KEY_MOUSE), isKeyCode: true) == nil)
        let characters: [(UInt32, ConsoleKey)] = [
            (3, .control("c")), (12, .control("l")), (7, .control("g")), (9, .tab), (10, .enter), (13, .enter), (27, .escape),
            (127, .backspace), (8, .backspace), (0x52, .character("R")), (0x4E2D, .character("中")),
        ]
        for (code, key) in characters {
            #expect(KeyDecoder.decode(code, isKeyCode: false) == .key(key), "character \(code)")
        }
        #expect(KeyDecoder.decode(0, isKeyCode: false) == nil, "Ctrl-Space is no key of ours")
        #expect(KeyDecoder.decode(0xD800, isKeyCode: false) == nil, "a lone surrogate is no character")
    }

    @Test("F1, F5, Ctrl-L and Shift-Tab reach the actions the help lists")
    func decodedKeysHaveActions() {
        let cases: [(Int32, Bool, ConsoleAction)] = [
            (KEY_F0 + 1, true, .toggleHelp), (KEY_F0 + 5, true, .refresh), (KEY_BTAB, true, .focusPrevious), (12, false, .refresh),
        ]
        for (code, isKeyCode, action) in cases {
            guard case .key(let key)? = KeyDecoder.decode(UInt32(code), isKeyCode: isKeyCode) else {
                Issue.record("code \(code) decodes to no key")
                continue
            }
            #expect(ConsoleAction(key: key, mode: .normal) == action)
        }
    }

    @Test("ASCII is chosen when the codeset is not UTF-8, unless a flag forces either")
    func glyphChoiceByCodeset() {
        for codeset in ["UTF-8", "utf-8", "UTF8", "utf8"] {
            #expect(Glyphs.isUnicode(codeset: codeset), "\(codeset)")
            #expect(!RenderOptions().resolved(codeset: codeset, terminalColors: true).ascii, "\(codeset)")
        }
        for codeset in ["ANSI_X3.4-1968", "ISO-8859-1", "ISO-8859-15", "KOI8-R", ""] {
            #expect(!Glyphs.isUnicode(codeset: codeset), "\(codeset)")
            #expect(RenderOptions().resolved(codeset: codeset, terminalColors: true).ascii, "\(codeset)")
            #expect(!RenderOptions(charset: .unicode).resolved(codeset: codeset, terminalColors: true).ascii, "--unicode wins")
        }
        #expect(RenderOptions(charset: .ascii).resolved(codeset: "UTF-8", terminalColors: true).ascii, "--ascii wins")
        #expect(RenderOptions(ascii: true).ascii)
    }

    @Test("a terminal without colours gets the monochrome styles, so critical is bold reverse")
    func noColorsMeansMonochrome() {
        let options = RenderOptions().resolved(codeset: "UTF-8", terminalColors: false)
        #expect(!options.color)
        var screen = Screen(width: 10, height: 1, options: options)
        screen.put("CRIT", at: Screen.Point(row: 0, column: 0), style: .role(.critical))
        #expect(screen[0, 0].style.bold && screen[0, 0].style.reverse)
        #expect(RenderOptions(color: false).resolved(codeset: "UTF-8", terminalColors: true).color == false, "--no-color stays")
    }

    @Test("the palette never paints muted text white, uses a mid grey with 256 colours and dim with 8")
    func paletteByColorCount() throws {
        let rich = try #require(TerminalPalette.choose(colors: 256))
        #expect(rich.inks[.muted] == TerminalPalette.Ink(color: 244))
        let basic = try #require(TerminalPalette.choose(colors: 8))
        #expect(basic.inks[.muted]?.dim == true)
        for palette in [rich, basic, try #require(TerminalPalette.choose(colors: 16))] {
            for role in ColorRole.allCases {
                let color = palette.inks[role]?.color ?? -1
                #expect(![7, 15, 231, 255].contains(color), "\(role) is painted white (\(color))")
            }
            #expect(palette.inks[.normal] == nil, "normal text keeps the terminal's own colours")
            #expect(palette.inks[.critical]?.bold == true)
        }
        #expect(TerminalPalette.choose(colors: 0) == nil)
        #expect(TerminalPalette.choose(colors: 2) == nil)
    }
}
