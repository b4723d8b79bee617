import HAProtocol
import Testing

@testable import HAConsole

@Suite struct HealthyPairRenderTests {
    @Test("a healthy pair at 80x24 shows header, nodes, groups, DRBD on both nodes and the log")
    func healthyPair80x24() {
        let screen = ConsoleView.render(Pair.healthy(), width: 80, height: 24)
        #expect(
            screen.text == """
                 linux-ha on alpha  daemon connected, data 400ms  links 2/2            03:10:11
                ─ Nodes 2/2 active  no fencing configured ──────────────────────────────────────
                 ● active  alpha  local       hb0 up  hb1 up  gen 1795316671  holds local
                 ● active  bravo  heard 80ms  hb0 up  hb1 up  gen 1795316680  holds none
                ─ Resource groups 1/1 running ──────────────────────────────────────────────────
                 IPaddr2::192.0.2.100/24/hb0  pref alpha  on alpha  running  since 03:04:52
                ─ DRBD alpha /proc/drbd, bravo heartbeat ───────────────────────────────────────
                 r0  alpha  Connected  Primary/Secondary  UpToDate/UpToDate  minor 0
                 r0  bravo  Connected  Secondary/Primary  UpToDate/UpToDate  minor 0
                ─ ha-log /var/log/ha-log  ▶ following ──────────────────────────────────────────
                 Nov 22 03:04:30 alpha heartbeat: [25505]: info: Pacemaker support: off
                 Nov 22 03:04:51 alpha heartbeat: [25506]: info: Link bravo:hb0 up.
                 Nov 22 03:04:51 alpha heartbeat: [25506]: info: Status update for node bravo: s
                 2026/11/22_03:04:52  ResourceManager(default)[32732]:    info: Acquiring resour
                 Nov 22 03:04:53 alpha heartbeat: [25506]: info: Initial resource acquisition co








                 q quit  ? help  p procedures  ! problems  t timeline  / filter  f follow
                """)
    }

    @Test("a healthy pair at 80x24 colours status by role: ok words, accent for this node and Primary")
    func healthyPairStyles() {
        let screen = ConsoleView.render(Pair.healthy(), width: 80, height: 24)
        #expect(
            screen.styledLines.prefix(10).joined(separator: "\n") == """
                 ⟦header+bold:linux-ha⟧ on ⟦accent+bold:alpha⟧  daemon ⟦ok:connected⟧, data ⟦muted:400ms⟧  links ⟦ok:2/2⟧            ⟦muted:03:10:11⟧
                ⟦muted:─ ⟧⟦header+bold:Nodes⟧⟦muted: 2/2 active  no fencing configured ──────────────────────────────────────⟧
                 ⟦ok:● active⟧  ⟦accent+bold:alpha⟧  ⟦muted:local⟧       ⟦ok:hb0 up⟧  ⟦ok:hb1 up⟧  ⟦muted:gen 1795316671⟧  holds local
                 ⟦ok:● active⟧  bravo  ⟦muted:heard 80ms⟧  ⟦ok:hb0 up⟧  ⟦ok:hb1 up⟧  ⟦muted:gen 1795316680⟧  holds none
                ⟦muted:─ ⟧⟦header+bold:Resource groups⟧⟦muted: 1/1 running ──────────────────────────────────────────────────⟧
                 ⟦accent:IPaddr2::192.0.2.100/24/hb0⟧  ⟦muted:pref alpha⟧  on alpha  ⟦ok:running⟧  ⟦muted:since 03:04:52⟧
                ⟦muted:─ ⟧⟦header+bold:DRBD⟧⟦muted: alpha /proc/drbd, bravo heartbeat ───────────────────────────────────────⟧
                 ⟦accent:r0⟧  ⟦accent+bold:alpha⟧  ⟦ok:Connected⟧  ⟦accent+bold:Primary/Secondary⟧  ⟦ok:UpToDate/UpToDate⟧  ⟦muted:minor 0⟧
                 ⟦accent:r0⟧  bravo  ⟦ok:Connected⟧  Secondary/Primary  ⟦ok:UpToDate/UpToDate⟧  ⟦muted:minor 0⟧
                ⟦muted:─ ⟧⟦header+bold+reverse:ha-log⟧⟦muted+reverse: /var/log/ha-log⟧⟦ok+reverse:  ▶ following⟧⟦muted: ──────────────────────────────────────────⟧
                """)
    }

    @Test("a healthy pair at 200x60 puts nodes beside groups and the nodes' DRBD views side by side")
    func healthyPair200x60() {
        let screen = ConsoleView.render(Pair.healthy(), width: 200, height: 60)
        let footer =
            " q quit  ? help  p procedures  ! problems  t timeline  / filter  f follow  Tab panel  s search  n/N match  ↑↓ scroll  Esc clear  o only node/group"
        let blank = String(repeating: "\n", count: 47)
        #expect(
            screen.text == top + blank + footer)
        #expect(screen.lines.count == 60)
    }

    private let top = """
         linux-ha on alpha  daemon connected, data 400ms  links 2/2                                                                                                                                    03:10:11
        ─ Nodes 2/2 active  no fencing configured ─────────────────────────────────────────────────────────│─ Resource groups 1/1 running ──────────────────────────────────────────────────────────────────────
         ● active  alpha  local       hb0 up  hb1 up  gen 1795316671  holds local  deadtime 500ms          │ IPaddr2::192.0.2.100/24/hb0  pref alpha  on alpha  running  since 03:04:52  (5m19s ago)
         ● active  bravo  heard 80ms  hb0 up  hb1 up  gen 1795316680  holds none   deadtime 500ms          │
        ─ DRBD alpha /proc/drbd, bravo heartbeat ───────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
             │  alpha                                            │  bravo
         r0  │  Connected  Primary/Secondary  UpToDate/UpToDate  │  Connected  Secondary/Primary  UpToDate/UpToDate
        ─ ha-log /var/log/ha-log  ▶ following ──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
         Nov 22 03:04:30 alpha heartbeat: [25505]: info: Pacemaker support: off
         Nov 22 03:04:51 alpha heartbeat: [25506]: info: Link bravo:hb0 up.
         Nov 22 03:04:51 alpha heartbeat: [25506]: info: Status update for node bravo: status active
         2026/11/22_03:04:52  ResourceManager(default)[32732]:    info: Acquiring resource group: alpha IPaddr2::192.0.2.100/24/hb0 drbddisk::r0 hbdummy
         Nov 22 03:04:53 alpha heartbeat: [25506]: info: Initial resource acquisition complete (T_RESOURCES(us))
        """
}
