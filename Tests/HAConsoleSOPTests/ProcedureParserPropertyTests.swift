import HAFixtures
import HAProtocol
import Testing

@testable import HAConsole

@Suite struct ProcedureParserPropertyTests {
    static let fragments = [
        "procedure: x", "title: t", "summary: s", "step: a", "step: a", "  runs-on: primary", "  runs-on: any",
        "  say: hi {primary} {", "  action: standby", "  action: shutdown", "  confirm: {node}?", "  command: ls",
        "  verify: node primary is active and", "    or group held by", "  verify: drbd r0 on primary role Primary|",
        "  verify: log on local showed node-dead secondary", "  timeout: 99999999999999999999s", "  timeout: 5s",
        "  on-failure: x", "choose: a / a", "ask: ?", "nodes: alpha any", "\t", "   ", "#", ":", "{}", "é日本", "\r",
        "  verify: no alert", "  verify: alert split_brain or or", "group: first", "  timeout: 1m30", "    continued",
    ]

    /// Every diagnostic names the file and a line of the text; a procedure comes only without diagnostics.
    static func checkInvariants(_ text: String) {
        let result = ProcedureParser.parse(text, file: "f.sop")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
        #expect(result.diagnostics.allSatisfy { $0.file == "f.sop" && (1...max(lines, 1)).contains($0.line) })
        #expect((result.procedure == nil) == !result.diagnostics.isEmpty)
    }

    @Test("random files never crash the parser", arguments: 0..<8)
    func randomFiles(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        for _ in 0..<150 {
            let count = Int.random(in: 0...30, using: &random)
            var lines: [String] = []
            for _ in 0..<count {
                if Bool.random(using: &random) {
                    lines.append(Self.fragments.randomElement(using: &random)!)
                } else {
                    let scalars = (0..<Int.random(in: 0...20, using: &random)).map { _ in
                        Character(Unicode.Scalar(UInt8.random(in: 9...126, using: &random)))
                    }
                    lines.append(String(scalars))
                }
            }
            Self.checkInvariants(lines.joined(separator: "\n"))
        }
    }

    @Test("mutated shipped procedures never crash the parser", arguments: Fake.shippedNames())
    func mutatedFiles(name: String) throws {
        let original = try Fake.procedureText(String(name.dropLast(4)))
        var random = SeededGenerator(seed: UInt64(original.utf8.count))
        let lines = original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for _ in 0..<200 {
            var mutated = lines
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let index = Int.random(in: 0..<mutated.count, using: &random)
                switch Int.random(in: 0..<6, using: &random) {
                case 0: mutated.remove(at: index)
                case 1: mutated.insert(mutated[index], at: index)
                case 2: mutated.swapAt(index, Int.random(in: 0..<mutated.count, using: &random))
                case 3: mutated[index] = " " + mutated[index]
                case 4: mutated[index] = String(mutated[index].prefix(Int.random(in: 0...mutated[index].count, using: &random)))
                default: mutated[index] += Self.fragments.randomElement(using: &random)!
                }
                if mutated.isEmpty { mutated = [""] }
            }
            Self.checkInvariants(mutated.joined(separator: "\n"))
        }
    }

    @Test("random operator and live-state events never send an action without its confirmation")
    func randomRuns() throws {
        let procedure = try Fake.procedure("failover")
        var random = SeededGenerator(seed: 42)
        for _ in 0..<200 {
            var driver = Driver(procedure)
            var confirmed: [String] = []
            for _ in 0..<40 {
                let event: SOPRun.Event =
                    switch Int.random(in: 0..<10, using: &random) {
                    case 0: .start(SOPRunStart(user: "u", host: "h"))
                    case 1, 2: .proceed
                    case 3: .confirm(node: ["alpha", "bravo", "charlie"].randomElement(using: &random)!)
                    case 4: [.decline, .skip, .abort(reason: "r")].randomElement(using: &random)!
                    case 5: .snapshot(Fake.snapshot(holders: [["alpha"], ["bravo"], [], ["alpha", "bravo"]].randomElement(using: &random)!))
                    case 6: .log(node: "bravo", entries: Fake.log("bravo", "mach_down takeover complete."))
                    case 7: .response(ControlResponse(id: Int.random(in: 99...102, using: &random), message: "ok"))
                    default: .tick
                    }
                if case .awaitingConfirmation(_, _, let target) = driver.run.state, case .confirm(let node) = event, node == target {
                    confirmed.append(node)
                }
                driver.elapsed += .seconds(Int64.random(in: 0...40, using: &random))
                driver.send(event)
            }
            #expect(driver.requests.map { $0.node ?? "" } == confirmed)
        }
    }
}
