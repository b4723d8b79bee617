import HAProtocol
import HATestSupport

extension VIPTimeline {
    /// The watcher's mean sampling period over the repetition, in ms; nil with fewer than two
    /// samples. It bounds how late any instant read from the timeline can be.
    var meanSamplePeriodMS: Double? {
        samples > 1 ? (ended - started).fractionalMilliseconds / Double(samples) : nil
    }
}
