import Training

extension AppContext {
    /// When a half-day takes signatures, from `attendance.open-minutes-before` and
    /// `attendance.grace-minutes-after`: the pages sign by it, `attendance show` warns by it.
    public var signingWindow: Signatures.Window {
        Signatures.Window(
            opensMinutesBefore: settings.integer(.attendanceOpenMinutesBefore),
            graceMinutesAfter: settings.integer(.attendanceGraceMinutesAfter))
    }

    /// The addresses of the pages, from `web.base-url`.
    public var links: WebLinks { WebLinks(base: settings[.webBaseURL].text) }

    /// The room page of the session's half-day starting at `slot`, as `attendance code` prints
    /// it: the half-day's room code, made the first time.
    public func roomPoster(session: String, slot: SlotStart) throws -> RoomPoster {
        let room = try RoomCodes(store()).code(session: session, slot: slot)
        return RoomPoster(
            room: room, address: links.room(code: room.code), window: signingWindow, timeZone: timeZone)
    }
}
