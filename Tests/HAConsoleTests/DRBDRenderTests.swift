import HAProtocol
import Testing

@testable import HAConsole

@Suite struct DRBDRenderTests {
    /// The DRBD panel's rows (title and one row per node) at 80x24.
    private func panel(_ state: ConsoleState, width: Int = 80, height: Int = 24) -> (screen: Screen, rows: [String], top: Int) {
        let screen = ConsoleView.render(state, width: width, height: height)
        let top = screen.lines.firstIndex { $0.hasPrefix("─ DRBD") } ?? 0
        return (screen, Array(screen.lines[top..<(top + 3)]), top)
    }

    @Test(
        "each DRBD state family shows both nodes' views in /proc/drbd words",
        arguments: [
            (
                DRBDFamily.connectedUpToDate,
                [
                    " r0  alpha  Connected  Primary/Secondary  UpToDate/UpToDate  minor 0",
                    " r0  bravo  Connected  Secondary/Primary  UpToDate/UpToDate  minor 0",
                ]
            ),
            (
                .syncing,
                [
                    " r0 alpha SyncSource 57.3% Primary/Secondary UpToDate/Inconsistent eta 0:00:32",
                    " r0 bravo SyncTarget 57.3% Secondary/Primary Inconsistent/UpToDate eta 0:00:32",
                ]
            ),
            (
                .stalledSync,
                [
                    " r0 alpha SyncSource 57.3% Primary/Secondary UpToDate/Inconsistent stalled",
                    " r0 bravo Connected        Secondary/Primary UpToDate/UpToDate",
                ]
            ),
            (
                .standAloneSplitBrain,
                [
                    " r0  alpha  StandAlone  Secondary/Unknown  UpToDate/DUnknown  oos 76K   minor 0",
                    " r0  bravo  StandAlone  Primary/Unknown    UpToDate/DUnknown  oos 100K  minor 0",
                ]
            ),
            (
                .primaryPrimary,
                [
                    " r0  alpha  Connected  Primary/Primary  UpToDate/UpToDate  minor 0",
                    " r0  bravo  Connected  Primary/Primary  UpToDate/UpToDate  minor 0",
                ]
            ),
            (
                .diskless,
                [
                    " r0  alpha  Connected  Primary/Secondary  Diskless/UpToDate  minor 0",
                    " r0  bravo  Connected  Secondary/Primary  UpToDate/Diskless  minor 0",
                ]
            ),
            (
                .waitingForConnection,
                [
                    " r0  alpha  WFConnection  Primary/Unknown    UpToDate/DUnknown  minor 0",
                    " r0  bravo  WFConnection  Secondary/Unknown  UpToDate/DUnknown  minor 0",
                ]
            ),
        ])
    func families(family: DRBDFamily, rows: [String]) {
        let drawn = panel(family.state)
        #expect(drawn.rows == ["─ DRBD alpha /proc/drbd, bravo heartbeat " + String(repeating: "─", count: 39)] + rows)
    }

    @Test(
        "state words carry their role: healthy ok, waiting and syncing warning, StandAlone and Diskless critical",
        arguments: [
            (DRBDFamily.connectedUpToDate, "Connected", CellStyle.role(.ok)),
            (.connectedUpToDate, "UpToDate/UpToDate", .role(.ok)),
            (.connectedUpToDate, "Primary/Secondary", .role(.accent, bold: true)),
            (.syncing, "SyncSource 57.3%", .role(.warning)),
            (.syncing, "eta 0:00:32", .role(.warning)),
            (.stalledSync, "stalled", .role(.critical)),
            (.standAloneSplitBrain, "StandAlone", .role(.critical, bold: true)),
            (.standAloneSplitBrain, "oos 76K", .role(.warning)),
            (.diskless, "Diskless/UpToDate", .role(.critical)),
            (.waitingForConnection, "WFConnection", .role(.warning)),
        ])
    func familyStyles(family: DRBDFamily, word: String, style: CellStyle) {
        let drawn = panel(family.state)
        #expect(drawn.screen.style(of: word, onRow: drawn.top + 1) == style)
    }

    @Test("the split-brain families raise their alert above the panels", arguments: [DRBDFamily.standAloneSplitBrain, .primaryPrimary])
    func splitBrainFamiliesAlert(family: DRBDFamily) {
        let screen = ConsoleView.render(family.state, width: 80, height: 24)
        #expect(screen.lines[1].hasPrefix("─ Alerts 1 "))
        #expect(screen.lines[2].contains("r0"))
    }

    @Test("at 200x60 the syncing pair stands side by side with sync, ETA and out-of-sync")
    func syncingSideBySide() {
        let drawn = panel(DRBDFamily.syncing.state, width: 200, height: 60)
        #expect(
            drawn.rows[1...2].joined(separator: "\n") == """
                     │  alpha                                                                              │  bravo
                 r0  │  SyncSource 57.3%  Primary/Secondary  UpToDate/Inconsistent  eta 0:00:32  oos 1.0G  │  SyncTarget 57.3%  Secondary/Primary  Inconsistent/UpToDate  eta 0:00:32  oos 1.0G
                """)
    }

    @Test("a node whose DRBD could not be read says why in the panel")
    func problemShown() {
        var state = Pair.healthy()
        state.localDRBDFailed("drbdsetup status timed out after 5s")
        let screen = ConsoleView.render(state, width: 80, height: 24)
        #expect(screen.lines.contains(" alpha  drbdsetup status timed out after 5s"))
    }

    @Test("every DRBD status sample renders without a crash, with its resources, roles and states on screen")
    func everySample() throws {
        let paths = try DRBDSamples.all()
        #expect(paths.count == 55)
        for path in paths {
            let status = try DRBDSamples.parse(path).status
            var state = Pair.state()
            state.receiveLocalDRBD(status, source: path)
            for (width, height) in [(80, 24), (200, 60), (41, 11)] {
                _ = ConsoleView.render(state, width: width, height: height)
            }
            let screen = ConsoleView.render(state, width: 200, height: 60)
            let text = screen.text
            if status.resources.isEmpty { #expect(text.contains("no DRBD resources"), "\(path)") }
            for resource in status.resources {
                #expect(text.contains(resource.name), "\(path): \(resource.name)")
                #expect(text.contains(resource.role.spelling + "/"), "\(path): \(resource.role)")
                for connection in resource.connections {
                    let words = [connection.state.spelling] + connection.peerDevices.map(\.replication.spelling)
                    #expect(words.contains { text.contains($0) }, "\(path): \(words)")
                }
                for device in resource.devices {
                    #expect(text.contains(device.disk.spelling), "\(path): \(device.disk)")
                }
            }
        }
    }
}
