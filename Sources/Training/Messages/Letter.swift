import Foundation

/// What a message to a participant can say: the values its templates (`Jobs/<kind>/*.mustache`)
/// read, already written the French way (`lundi 5 avril 2027`, `de 9 h à 12 h 30`, `21 h`).
/// A group a kind does not provide (a reminder's delay, a questionnaire link) is `nil`, and a
/// template of that kind that reads it is refused when the worker starts.
public struct Letter: Sendable, Hashable {
    public struct Person: Sendable, Hashable {
        public var firstName: String
        public var lastName: String
        public var email: String
    }

    /// One day of a part: `lundi 5 avril 2027`, `de 9 h à 12 h 30 et de 14 h à 17 h 30`.
    public struct Day: Sendable, Hashable {
        public var date: String
        public var times: String

        public init(date: String, times: String) {
            self.date = date
            self.times = times
        }

        /// Slots in order, one entry per calendar day in `zone`: « lundi 12 janvier 2027 », « de
        /// 9 h 00 à 12 h 30 et de 13 h 30 à 17 h 00 ».
        public static func days(of slots: [(startsAt: Date, endsAt: Date)], in zone: TimeZone) -> [Day] {
            let calendar = French.calendar(zone)
            var days: [Day] = []
            var start = slots.startIndex
            while start < slots.endIndex {
                let first = slots[start].startsAt
                let end =
                    slots[start...].firstIndex { !calendar.isDate(first, inSameDayAs: $0.startsAt) } ?? slots.endIndex
                let times = slots[start..<end].map {
                    "de \(French.time($0.startsAt, in: zone)) à \(French.time($0.endsAt, in: zone))"
                }
                days.append(Day(date: French.date(first, in: zone), times: times.joined(separator: " et ")))
                start = end
            }
            return days
        }
    }

    public struct Part: Sendable, Hashable {
        public var number: Int
        public var title: String
        public var days: [Day]
    }

    public struct Place: Sendable, Hashable {
        public var name: String
        public var address: String
        public var accessNotes: String?
        public var stepFree: Bool
    }

    public struct Session: Sendable, Hashable {
        public var code: String
        public var title: String
        /// The operational objectives of the session's programme, one line each.
        public var objectives: [String]
        /// Some objectives: templates head their list with « Objectifs ».
        public var hasObjectives: Bool
        public var whatToBring: String?
        /// `21 h`, `10,5 h`.
        public var hours: String
        /// `lundi 5 avril 2027`.
        public var firstDay: String
        public var parts: [Part]
        /// More than one part: templates say « en deux temps ».
        public var inParts: Bool
        public var venue: Place?
        /// `Scop Le Triangle et Marie Durand`.
        public var trainers: String?
    }

    public struct Referent: Sendable, Hashable {
        public var name: String
        public var email: String?
        public var phone: String?
    }

    public struct Organisation: Sendable, Hashable {
        public var name: String
        public var email: String?
        public var phone: String?
        public var disabilityReferent: Referent?
        /// Whom to ask about the content (référent pédagogique) and about the registration, its
        /// funding and the practicalities (référent administratif): named by convocations.
        public var pedagogicalContact: Referent?
        public var administrativeContact: Referent?
    }

    public struct Reminder: Sendable, Hashable {
        public var daysBefore: Int
        /// `demain`, `dans 7 jours`.
        public var when: String
    }

    public struct Waitlist: Sendable, Hashable {
        /// 1 for the first in line.
        public var position: Int
    }

    public struct CertificateNote: Sendable, Hashable {
        /// The duration the attached certificate states: `3 h 30`.
        public var hours: String
        /// A later version, after a correction of the attendance: the message says it replaces
        /// the one sent before.
        public var replacesEarlier: Bool
        /// The version that withdraws the certificate sent before: a correction left the
        /// participant no minute attended, and the message says so, with nothing attached.
        public var withdrawn: Bool
    }

    /// A participant's signing link as a message gives it: the address, and the personal code
    /// that opens it from the room's page.
    public struct Signing: Sendable, Hashable {
        public var link: String
        public var personalCode: String

        public init(link: String, personalCode: String) {
            self.link = link
            self.personalCode = personalCode
        }
    }

    public var participant: Person
    public var session: Session
    public var organisation: Organisation
    public var reminder: Reminder?
    public var waitlist: Waitlist?
    /// The personal questionnaire page: `web.base-url` + `/q/` + a random token.
    public var questionnaireLink: String?
    /// The personal signing page of the session's half-days: `web.base-url` + `/s/` + a token.
    public var signingLink: String?
    /// The code that opens the same page from the room's (`K7PM 3QXA`), beside the link.
    public var personalCode: String?
    /// The half-day a signature request is about.
    public var halfDay: Day?
    public var certificate: CertificateNote?
}
