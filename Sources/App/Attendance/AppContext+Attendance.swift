import Training

extension AppContext {
    /// When a half-day takes signatures, from `attendance.open-minutes-before` and
    /// `attendance.grace-minutes-after`: the pages sign by it, `attendance show` warns by it.
    public var signingWindow: Signatures.Window {
        Signatures.Window(
            opensMinutesBefore: settings.integer(.attendanceOpenMinutesBefore),
            graceMinutesAfter: settings.integer(.attendanceGraceMinutesAfter))
    }
}
