/// The whole interactive screen: the console's panels, then the SOP run's panel and the
/// procedure picker over them.
enum ConsoleModelView {
    static func render(_ model: ConsoleModel, width: Int, height: Int, options: RenderOptions) -> Screen {
        guard let session = model.session else {
            var screen = ConsoleView.render(model.state, width: width, height: height, options: options)
            if let picker = model.picker { ProcedurePickerView.draw(picker, into: &screen) }
            return screen
        }
        // The console keeps the rows above the run's panel, what the step verifies laid out first.
        var state = model.state
        state.browse.enterTaken = true  // Enter is the run's: no row opens, no hint says so
        var screen = ConsoleView.render(
            state, width: width, height: height, options: options,
            reserving: SOPView.rows(session, width: width, height: height, options: options), keeping: SOPView.keptPanels(session))
        SOPView.draw(session, into: &screen, options: options)
        if let picker = model.picker { ProcedurePickerView.draw(picker, into: &screen) }
        return screen
    }
}
