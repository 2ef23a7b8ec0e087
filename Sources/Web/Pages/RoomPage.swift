import Training

/// The room page of a half-day, on a device that has not opened a personal link of its session:
/// it asks the personal code printed in the convocation.
struct RoomPage: Sendable {
    var title: String
    var organisation: String
    var sessionTitle: String
    /// « lundi 5 avril 2027, de 9 h à 12 h 30 ».
    var halfDay: String
    var csrf: String
    /// What was typed, given back with the error.
    var typed: String
    var error: String?

    static let example = RoomPage(
        title: "t", organisation: "o", sessionTitle: "s", halfDay: "h", csrf: "c", typed: "t", error: "e")
}

extension RoomPage {
    // In an extension, so that the struct keeps the memberwise initialiser `example` uses.
    init(room: RoomCodes.Room, csrf: String, typed: String = "", error: String? = nil) {
        title = "Émargement — \(room.sessionTitle)"
        organisation = room.organisation
        sessionTitle = room.sessionTitle
        halfDay = "\(room.date), \(room.times)"
        self.csrf = csrf
        self.typed = typed
        self.error = error
    }
}
