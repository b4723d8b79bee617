/// Something that can start a node's daemon again because it started it in the first place
/// (``DemoCluster``). A console on real nodes has none: there the operator starts the daemon
/// (`systemctl start hadaemon`) and the console only watches it rejoin.
protocol NodeLauncher: AnyObject {
    /// The nodes it can start, in order.
    var nodeNames: [String] { get }
    /// Starts `node`'s daemon if it has stopped (nil: the one node that has); never blocks on it.
    func start(_ node: String?) -> NodeStartOutcome
}
