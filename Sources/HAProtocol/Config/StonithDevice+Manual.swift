extension StonithDevice {
    /// True for cluster-glue's `meatware`, whose "device" is a person: the plugin waits, with no
    /// timeout of its own, until `meatclient -c NODE` confirms that NODE was power-cycled.
    public var isManual: Bool { type == "meatware" }
}
