import Testing

/// `hadaemon run --fencing-delay` and `--stonith-timeout` take what they say or refuse it by
/// name: a value out of range is not quietly replaced by another one.
@Suite struct FencingOptionTests {
    @Test(
        "an out-of-range fencing option is refused with its name and range, before anything starts",
        arguments: [
            ("--fencing-delay", "-3"), ("--fencing-delay", "nan"), ("--fencing-delay", "4000"), ("--stonith-timeout", "0"),
            ("--stonith-timeout", "inf"), ("--stonith-timeout", "-1"),
        ])
    func refused(option: String, value: String) throws {
        let result = try run("hadaemon", ["run", "--config-dir", "/nonexistent", "\(option)=\(value)"])
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains(option) && result.stderr.contains("seconds"), "\(result.stderr)")
        #expect(!result.stderr.contains("/nonexistent"), "the option is judged before the configuration is read")
    }
}
