import HAProtocol
import Testing

@testable import HAConsole

@Suite struct ProcedureParserTests {
    static let header = """
        procedure: demo
        title: A demo
        summary: Shows the format.


        """

    static func diagnostics(_ text: String) -> [String] {
        ProcedureParser.parse(text, file: "sop/demo.sop").diagnostics.map(\.description)
    }

    @Test("a small procedure reads into steps, targets, actions and conditions")
    func readsAProcedure() throws {
        let text =
            Self.header + """
                group: IPaddr2::192.0.2.100/24/hb0
                # a comment

                step: stop
                  title: Stop it
                  runs-on: primary
                  say: Stop {primary},
                    then watch {secondary}.
                  action: standby foreign
                  confirm: Standby on {node}?
                  verify: group held by secondary and log on secondary shows takeover-complete primary
                    or node primary is dead|stopping and drbd r0 on secondary role Primary
                  timeout: 1m30s
                  on-failure: Look at ha-log.
                """
        let result = ProcedureParser.parse(text, file: "sop/demo.sop")
        #expect(result.diagnostics == [])
        let procedure = try #require(result.procedure)
        #expect(procedure.group == .key("IPaddr2::192.0.2.100/24/hb0"))
        let step = try #require(procedure.steps.first)
        #expect(step.text == "Stop {primary}, then watch {secondary}.")
        #expect(step.action == .standby(.foreign))
        #expect(step.timeoutMilliseconds == 90_000)
        #expect(step.line == 8)
        #expect(
            step.verification
                == .any([
                    .all([
                        .clause(.groupHolder(group: nil, holder: .node(.role("secondary")))),
                        .clause(.log(node: .role("secondary"), event: .takeoverComplete, subject: .role("primary"), sinceRunStart: false)),
                    ]),
                    .all([
                        .clause(.nodeStatus(node: .role("primary"), statuses: [.dead, .stopping])),
                        .clause(.drbd(resource: "r0", node: .role("secondary"), field: .role, values: ["Primary"])),
                    ]),
                ]))
        #expect(procedure.digest.count == 64)
    }

    /// One mistake per row: the step text (after the header) and the exact diagnostics.
    static let mistakes: [(String, [String])] = [
        (
            "step: a\n  runs-on: any\n  say: x\n  verfy: node primary is active\n  timeout: 5s\n  on-failure: y\n",
            [
                "sop/demo.sop:5: error: step 'a' has no 'verify:'; every step proves itself on live state",
                "sop/demo.sop:8: error: unknown step field 'verfy' (expected one of: title, runs-on, say, action, confirm, command, two-person, verify, timeout, on-failure)",
            ]
        ),
        (
            "step: a\n  runs-on: any\n  say: x\n  verify: node primary is active\n  on-failure: y\n",
            ["sop/demo.sop:5: error: step 'a' has no 'timeout:'"]
        ),
        (
            "step: a\n  runs-on: any\n  say: x\n  verify: node primary is active\n  timeout: soon\n  on-failure: y\n",
            ["sop/demo.sop:9: error: timeout 'soon' is not a duration like 30s, 2m, 500ms or 1m30s"]
        ),
        (
            "step: a\n  runs-on: any\n  say: x\n  verify: node primary is active\n  timeout: 0s\n  on-failure: y\n",
            ["sop/demo.sop:9: error: timeout '0s' must be more than 0 and at most 24h"]
        ),
        (
            "step: a\n  runs-on: primry\n  say: x\n  verify: node primary is active\n  timeout: 5s\n  on-failure: y\n",
            ["sop/demo.sop:6: error: bad target 'primry' for 'runs-on:' (expected any, primary, secondary, local)"]
        ),
        (
            "step: a\n  runs-on: any\n  say: x\n  verify: node primary is active\n  timeout: 5s\n  on-failure: y\n"
                + "step: a\n  runs-on: any\n  say: x\n  verify: node primary is active\n  timeout: 5s\n  on-failure: y\n",
            ["sop/demo.sop:11: error: duplicate step id 'a' (first used on line 5)"]
        ),
        (
            "step: a\n  runs-on: primary\n  say: x\n  action: shutdown\n  verify: node primary is dead\n  timeout: 5s\n  on-failure: y\n",
            ["sop/demo.sop:8: error: action 'shutdown' needs 'confirm:', a question that names the target with {node}"]
        ),
        (
            "step: a\n  runs-on: primary\n  say: x\n  action: shutdown\n  confirm: Really?\n  verify: node primary is dead\n  timeout: 5s\n  on-failure: y\n",
            ["sop/demo.sop:9: error: the confirmation must name the target node: write {node} in it"]
        ),
        (
            "step: a\n  runs-on: any\n  say: x\n  action: shutdown\n  confirm: Stop {node}?\n  verify: node primary is dead\n  timeout: 5s\n  on-failure: y\n",
            [
                "sop/demo.sop:6: error: action 'shutdown' needs one target node; 'any' is not one (use primary, secondary or a node)",
                "sop/demo.sop:9: error: {node} needs a step with one target node (this one runs on any, or is in the header)",
            ]
        ),
        (
            "step: a\n  runs-on: primary\n  say: x\n  action: reboot now\n  verify: node primary is dead\n  timeout: 5s\n  on-failure: y\n",
            [
                "sop/demo.sop:8: error: unknown action 'reboot now' (expected standby [all|local|foreign|failback], takeover [all|local|foreign|failback], shutdown, confirm-fence, start, or on Pacemaker unstandby or move)"
            ]
        ),
        (
            "step: a\n  runs-on: any\n  say: Ask {primray} and {victim}.\n  verify: node primary is active\n  timeout: 5s\n  on-failure: y\n",
            [
                "sop/demo.sop:7: error: unknown placeholder {primray} (known: {node}, {group}, {primary}, {secondary}, {local})",
                "sop/demo.sop:7: error: unknown placeholder {victim} (known: {node}, {group}, {primary}, {secondary}, {local})",
            ]
        ),
        (
            "step: a\n  runs-on: any\n  say: x\n  verify: node charlie is active\n  timeout: 5s\n  on-failure: y\n",
            ["sop/demo.sop:8: error: unknown node 'charlie': not a role (primary, secondary, local) nor listed in 'nodes:'"]
        ),
        (
            "step: a\n  runs-on: any\n  say: x\n  verify: drbd r0 on secondary disk Uptodate\n  timeout: 5s\n  on-failure: y\n",
            [
                "sop/demo.sop:8: error: unknown DRBD disk state 'Uptodate' (expected one of: Diskless, Attaching, Detaching, Failed, Negotiating, Inconsistent, Outdated, DUnknown, Consistent, UpToDate)"
            ]
        ),
        (
            "step: a\n  runs-on: any\n  say: x\n  verify: node primary is active and\n    log on secondary shows takeover\n  timeout: 5s\n  on-failure: y\n",
            [
                "sop/demo.sop:9: error: unknown log event 'takeover' (expected one of: node-dead, link-up, link-dead, heartbeat-restart, returning-after-partition, communication-up, resources-being-acquired, dead-node-gave-up-resources, taking-over-resource-group, initial-acquisition-complete, takeover-complete, resource-script-failed, standby-requested, standby-acquisition-done, local-standby-completed, other-node-completed-standby-takeover, shutdown-notice, all-resources-relinquished, shutdown-complete, restart-triggered)"
            ]
        ),
        (
            "step: a\n  runs-on: any\n  say: x\n  verify: no alert split-brain\n  timeout: 5s\n  on-failure: y\n",
            [
                "sop/demo.sop:8: error: expected '[no] alert KIND' (split_brain, drbd_split_brain, late_heartbeat, link_dead, node_dead, resource_failed, config_mismatch, bad_packets, log_failed, unfenced_override, no_quorum, move_constraint, maintenance, node_standby)"
            ]
        ),
        (
            "step: a\n  runs-on: any\n  say: x\n  verify: node primary is active bravo\n  timeout: 5s\n  on-failure: y\n",
            ["sop/demo.sop:8: error: unexpected 'bravo' after a condition; join conditions with 'and' or 'or'"]
        ),
        (
            "step: a\n runs-on: any\n\tsay: x\n",
            [
                "sop/demo.sop:5: error: step 'a' has no 'runs-on:'",
                "sop/demo.sop:5: error: step 'a' has no 'say:'",
                "sop/demo.sop:5: error: step 'a' has no 'verify:'; every step proves itself on live state",
                "sop/demo.sop:5: error: step 'a' has no 'timeout:'",
                "sop/demo.sop:5: error: step 'a' has no 'on-failure:'",
                "sop/demo.sop:6: error: indent step fields by 2 spaces and continued lines by 4 or more",
                "sop/demo.sop:7: error: tab in indentation; indent with spaces (2 for step fields, 4 for continued lines)",
            ]
        ),
        (
            "title: again\nstep: a b\n  runs-on: any\n  say: x\n  verify: alert split_brain\n  timeout: 5s\n  on-failure: y\n",
            [
                "sop/demo.sop:5: error: duplicate 'title:' in the header (first on line 2)",
                "sop/demo.sop:6: error: step id must be one word of letters, digits, '.', '_' or '-', found 'a b'",
            ]
        ),
    ]

    @Test("each kind of mistake is reported with file and line", arguments: mistakes.indices)
    func reportsMistake(index: Int) {
        let (steps, expected) = Self.mistakes[index]
        #expect(Self.diagnostics(Self.header + steps) == expected)
    }

    @Test("a missing header and no steps are reported")
    func emptyFile() {
        #expect(
            Self.diagnostics("# nothing\n")
                == [
                    "sop/demo.sop:1: error: missing 'procedure:' in the header",
                    "sop/demo.sop:1: error: missing 'title:' in the header",
                    "sop/demo.sop:1: error: missing 'summary:' in the header",
                    "sop/demo.sop:1: error: a procedure needs at least one 'step:'",
                ])
    }

    @Test("a chosen role needs its question, and its names become roles")
    func chosenRoles() throws {
        let step = "step: a\n  runs-on: victim\n  say: Keep {survivor}.\n  verify: node victim is dead\n  timeout: 5s\n  on-failure: y\n"
        #expect(
            Self.diagnostics(Self.header + "choose: survivor / victim\n" + step) == [
                "sop/demo.sop:5: error: 'choose:' needs 'ask:', the question the operator answers by naming a node"
            ])
        let good = ProcedureParser.parse(Self.header + "choose: survivor / victim\nask: Who?\n" + step, file: "x")
        #expect(good.diagnostics == [])
        #expect(good.procedure?.choice == SOPRoleChoice(role: "survivor", otherRole: "victim", question: "Who?"))
        #expect(good.procedure?.usedRoles == ["survivor", "victim"])
    }

    @Test("declared nodes may be named literally; a header field after a step is refused")
    func declaredNodes() {
        let step = "step: a\n  runs-on: alpha\n  say: x\n  verify: node alpha is active\n  timeout: 5s\n  on-failure: y\n"
        #expect(Self.diagnostics(Self.header + "nodes: alpha bravo\n" + step) == [])
        #expect(
            Self.diagnostics(Self.header + "nodes: alpha\n" + step + "group: first\n") == [
                "sop/demo.sop:12: error: header field 'group' after the first step; move it above the first 'step:' or indent it by 2"
            ])
    }
}
