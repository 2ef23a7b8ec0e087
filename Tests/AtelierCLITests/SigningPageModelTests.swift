import Foundation
import Testing

@testable import Training
@testable import Web

/// What the signing page offers to sign when two half-days take signatures at once: the
/// morning in its grace, the afternoon under way.
@Suite struct SigningPageModelTests {
    func halfDay(_ slot: Int, _ state: Signatures.HalfDay.State, signed: Bool = false) -> Signatures.HalfDay {
        Signatures.HalfDay(
            slot: slot, startsAt: Date(), endsAt: Date(), date: "lundi 5 avril 2027", times: "de \(slot) h",
            consent: "Je certifie \(slot).", state: state, signedAt: signed ? Date() : nil, signedLate: false,
            closed: false)
    }

    func page(_ halfDays: [Signatures.HalfDay]) throws -> SigningPage {
        let link = Signatures.Link(
            id: 1, channel: .personalLink, registration: 1, session: "S-2027-001", sessionTitle: "Accompagner",
            organisation: "MDA",
            participant: "Chloé Caron", withdrawn: false)
        return SigningPage(
            link: link, halfDays: halfDays, zone: try #require(TimeZone(identifier: "Europe/Paris")), csrf: "c")
    }

    @Test func theHalfDayUnderWayComesBeforeOneInItsGrace() throws {
        #expect(try page([halfDay(9, .late), halfDay(14, .open)]).open?.slot == 14)
        #expect(try page([halfDay(9, .late), halfDay(14, .upcoming)]).open?.slot == 9)
        #expect(try page([halfDay(9, .late), halfDay(14, .open, signed: true)]).open?.slot == 9)
        #expect(try page([halfDay(9, .over), halfDay(14, .upcoming)]).open == nil)
        #expect(
            try page([halfDay(9, .over), halfDay(14, .upcoming)]).nothingToSign.hasPrefix(
                "Aucune demi-journée n’est à signer maintenant"))
    }
}
