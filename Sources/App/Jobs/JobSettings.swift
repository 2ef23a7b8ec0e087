/// What the handlers need besides the job and their lane: the messages' relay, sender and
/// templates, the funding reports' destination, how long finished jobs are kept. Read and
/// checked once, when the worker starts.
public struct JobSettings: Sendable {
    public var messages: MessageSettings
    /// `nil` when `reports.funders` names none.
    public var reports: ReportSettings?
    public var pruning: Pruning

    public init(messages: MessageSettings, reports: ReportSettings?, pruning: Pruning) {
        self.messages = messages
        self.reports = reports
        self.pruning = pruning
    }
}

extension AppContext {
    public func jobSettings() throws -> JobSettings {
        JobSettings(messages: try messageSettings(), reports: try reportSettings(), pruning: pruning)
    }
}
