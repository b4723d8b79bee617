import HAProtocol
import Testing

@testable import HAConsole

/// One pair per DRBD state family: alpha's `/proc/drbd` line (read locally) and bravo's
/// (carried in its heartbeat summary).
enum DRBDFamily: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case connectedUpToDate, syncing, stalledSync, standAloneSplitBrain, primaryPrimary, diskless, waitingForConnection

    var testDescription: String { rawValue }

    var lines: (alpha: String, bravo: String) {
        switch self {
        case .connectedUpToDate: (Pair.alphaConnected, Pair.bravoConnected)
        case .syncing:
            (
                " 0: cs:SyncSource ro:Primary/Secondary ds:UpToDate/Inconsistent C r-----\n    ns:7259268 nr:64 dw:4279364 dr:5721317 al:949 bm:360 lo:5 pe:0 ua:5 ap:0 ep:1 wo:b oos:1121600\n\t[==========>.........] sync'ed: 57.3% (1121600/2613068)K\n\tfinish: 0:00:32 speed: 34,328 (21,304) K/sec",
                " 0: cs:SyncTarget ro:Secondary/Primary ds:Inconsistent/UpToDate C r-----\n    ns:0 nr:7259268 dw:4279364 dr:0 al:0 bm:360 lo:5 pe:0 ua:5 ap:0 ep:1 wo:b oos:1121600\n\t[==========>.........] sync'ed: 57.3% (1121600/2613068)K\n\tfinish: 0:00:32 speed: 34,328 (21,304) K/sec"
            )
        case .stalledSync:
            (
                " 0: cs:SyncSource ro:Primary/Secondary ds:UpToDate/Inconsistent C r-----\n    ns:0 nr:0 dw:0 dr:0 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:b oos:1121600\n\t[==========>.........] sync'ed: 57.3% (1121600/2613068)K\n\tstalled",
                Pair.bravoConnected
            )
        case .standAloneSplitBrain: (AlertScenario.standAloneA, AlertScenario.standAloneB)
        case .primaryPrimary:
            (" 0: cs:Connected ro:Primary/Primary ds:UpToDate/UpToDate C r-----", " 0: cs:Connected ro:Primary/Primary ds:UpToDate/UpToDate C r-----")
        case .diskless:
            (
                " 0: cs:Connected ro:Primary/Secondary ds:Diskless/UpToDate C r-----",
                " 0: cs:Connected ro:Secondary/Primary ds:UpToDate/Diskless C r-----"
            )
        case .waitingForConnection:
            (
                " 0: cs:WFConnection ro:Primary/Unknown ds:UpToDate/DUnknown C r-----",
                " 0: cs:WFConnection ro:Secondary/Unknown ds:UpToDate/DUnknown C r-----"
            )
        }
    }

    var state: ConsoleState { AlertScenario.drbdPair(alpha: lines.alpha, bravo: lines.bravo) }
}
