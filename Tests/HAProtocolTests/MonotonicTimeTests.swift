import Testing

@testable import HAProtocol

/// The arithmetic every timer and measurement does on `MonotonicTime` and `Duration`.
@Suite struct MonotonicTimeTests {
    @Test("an instant plus a span, less the instant, is the span")
    func addAndSubtract() {
        let start = MonotonicTime.milliseconds(1_000)
        let later = start + .milliseconds(250)
        #expect(later - start == .milliseconds(250))
        #expect(start - later == .milliseconds(-250))
        #expect(later > start)
    }

    @Test("fractional milliseconds keep the part below a millisecond; whole milliseconds round down")
    func fractionalMilliseconds() {
        let span = Duration.milliseconds(1_500) + .microseconds(250)
        #expect(span.fractionalMilliseconds == 1_500.25)
        #expect(span.milliseconds == 1_500)
        #expect(Duration.seconds(-2).fractionalMilliseconds == -2_000)
    }
}
