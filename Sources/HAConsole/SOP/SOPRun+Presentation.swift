/// A step as the console shows it in a run: placeholders filled in, the node resolved.
struct SOPStepPresentation: Hashable, Sendable {
    /// 1-based position, and the number of steps.
    var number: Int
    var count: Int
    var id: String
    var title: String
    /// The node the step runs on; nil for `any`.
    var node: String?
    /// `on alpha (primary)`, `on any node`.
    var location: String
    /// What the operator reads.
    var text: String
    /// Commands to copy, in order.
    var commands: [String]
    /// The action the console can perform (`shutdown`, `standby all`), if any.
    var action: String?
    /// The confirmation question, naming the node.
    var confirmation: String?
    /// The verification as written, and how long it may take.
    var verification: String
    var timeout: String
    /// Manual steps may be skipped.
    var isManual: Bool
    /// What to do if the step fails.
    var onFailure: String
}

extension SOPRun {
    /// Step `index` with this run's roles filled in (placeholders stay as written before start).
    func presentation(ofStep index: Int) -> SOPStepPresentation {
        let step = procedure.steps[index]
        let node = node(ofStep: index)
        let expand = { (text: String) in roles?.expand(text, stepNode: node) ?? text }
        let location: String =
            switch (step.target, node) {
            case (.any, _): "on any node"
            case (.node(.role(let role)), let node?): "on \(node) (\(role))"
            case (.node(let reference), let node): "on \(node ?? reference.description)"
            }
        return SOPStepPresentation(
            number: index + 1, count: procedure.steps.count, id: step.id, title: expand(step.title), node: node,
            location: location, text: expand(step.text), commands: step.commands.map(expand),
            action: step.action?.description, confirmation: step.confirmation.map(expand),
            verification: step.verificationText, timeout: SOPTimeline.duration(step.timeoutMilliseconds),
            isManual: step.isManual, onFailure: expand(step.onFailure))
    }
}
