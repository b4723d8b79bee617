import HAProtocol

/// What the console's shell (``ConsoleApp``) carries out for the model: the effects
/// ``ConsoleModel/apply(_:)`` returns, and what a key asks of the view state
/// (``ConsoleState/apply(_:pageSize:)``).
enum ConsoleEffect: Sendable, Equatable {
    /// The screen shows something new.
    case redraw
    /// `R`: redraw (the feeds push what is new on their own).
    case refresh
    case quit
    /// Send the request to feed `feed`; its answer comes back under the request's id.
    case send(feed: Int, ControlRequest)
    /// Append the record to the audit trail.
    case audit(SOPAuditRecord)
    /// List the SOP directory's procedures, then apply ``ConsoleInput/procedureList(_:)``.
    case listProcedures
    /// Read a procedure file, then apply ``ConsoleInput/procedureText(path:_:)``.
    case readProcedure(String)
    /// Start the stopped daemon on `node` (nil: whichever node is stopped) through the shell's
    /// ``NodeLauncher``, then apply ``ConsoleInput/nodeStart(requestID:_:)`` with `requestID`
    /// (an SOP action's, or nil for the `S` key).
    case startNode(String?, requestID: Int?)
}
