import Foundation
import Training

/// How the CLI shows the domain's values: French formatting, English labels.
enum Display {
    static func prices(_ module: Module) -> String {
        let prices = [
            module.pricePerParticipant.map { "\($0) per participant" }, module.pricePerGroup.map { "\($0) per group" },
        ]
        return prices.compactMap { $0 }.joined(separator: ", ")
    }

    /// `jeudi 4 avril 2030, 9 h – 12 h 30`.
    static func slot(_ slot: Session.Slot, in timeZone: TimeZone) -> String {
        "\(French.date(slot.startsAt, in: timeZone)), \(French.time(slot.startsAt, in: timeZone)) – \(French.time(slot.endsAt, in: timeZone))"
    }

    /// `2027-04-05 09:00:07`: an instant in the organisation's time zone, to the second.
    static func instant(_ date: Date, in timeZone: TimeZone) -> String {
        let calendar = French.calendar(timeZone)
        return slotStart(date, in: timeZone).replacingOccurrences(of: "T", with: " ")
            + String(format: ":%02d", calendar.component(.second, from: date))
    }

    /// `2030-04-04T09:00`: how commands name a slot.
    static func slotStart(_ date: Date, in timeZone: TimeZone) -> String {
        let calendar = French.calendar(timeZone)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d", calendar.component(.year, from: date),
            calendar.component(.month, from: date),
            calendar.component(.day, from: date), calendar.component(.hour, from: date),
            calendar.component(.minute, from: date))
    }

    /// The first and last day of a session: `jeudi 4 avril 2030 → vendredi 19 avril 2030`.
    static func span(_ session: Session, in timeZone: TimeZone) -> String {
        guard let first = session.firstDay, let last = session.lastDay else { return "" }
        let start = French.date(first, in: timeZone)
        let end = French.date(last, in: timeZone)
        return start == end ? start : "\(start) → \(end)"
    }

    static func basis(_ basis: FundingAgreement.Basis) -> String {
        switch basis {
        case .perHour: "per hour"
        case .perParticipant: "per participant"
        case .perGroup: "for the group"
        }
    }

    static func employer(_ participant: Participant) -> String { participant.employer?.name ?? "" }
}
