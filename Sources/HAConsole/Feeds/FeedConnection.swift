/// How a feed's link to its source is doing.
enum FeedConnection: Sendable, Equatable {
    case connecting
    case connected
    case unreachable(String)
}
