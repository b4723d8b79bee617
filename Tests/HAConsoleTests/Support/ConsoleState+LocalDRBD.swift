import HAProtocol

@testable import HAConsole

extension ConsoleState {
    /// This node's DRBD state, filed the way the live console files a reading (``receiveDRBD``).
    mutating func receiveLocalDRBD(_ status: DRBDStatus, source: String) {
        guard let node = localNode else { return }
        receiveDRBD(status, of: node, source: source)
    }
}
