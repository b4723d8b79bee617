/// Target `sop`: a procedure file through `ProcedureParser` and `haconsole sop check`'s report,
/// as the console reads `sop/*.sop` and `/etc/ha.d/sop` before it offers a procedure.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSOP(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = FuzzInput.text(data, size)
    let result = ProcedureParser.parse(text, file: "fuzz.sop")
    _ = result.diagnostics.map(\.description)
    if let procedure = result.procedure {
        FuzzInput.require(!procedure.steps.isEmpty, "a procedure without steps validated")
        for step in procedure.steps { _ = procedure.step(step.id) }
    }
    _ = SOPCheck.check(text, file: "fuzz.sop")
    return 0
}
