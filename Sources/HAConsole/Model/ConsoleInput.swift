import HAProtocol

/// One thing that happens to the console, applied by ``ConsoleModel/apply(_:)``.
enum ConsoleInput: Sendable {
    /// The loop's instant: monotonic ms, the wall clock shown, and the wall clock for audit records.
    case clock(now: Int64, display: DisplayClock, wallTime: String)
    /// Once per loop, after the feeds were read.
    case tick
    /// Feed `index` delivered `input`.
    case feed(Int, FeedInput)
    case key(ConsoleKey, pageSize: Int)
    /// The procedure files in the SOP directory (``ConsoleEffect/listProcedures``).
    case procedureList(Result<[String], SOPFileError>)
    /// A procedure file's text (``ConsoleEffect/readProcedure(_:)``).
    case procedureText(path: String, Result<String, SOPFileError>)
    /// A second operator's approval of a two-person step appeared in the audit trail.
    case approval(SOPApprovalGiven)
    /// An audit record could not be written.
    case auditFailed(path: String, String)
    /// What ``ConsoleEffect/startNode(_:requestID:)`` did.
    case nodeStart(requestID: Int?, NodeStartOutcome)
}
