import App
import Foundation
import Hummingbird
import Training

/// `/r/<code>`: the room page of a half-day, opened from the address or the QR code shown in the
/// room. A device that opened its personal link of the session signs at once (`RoomCookie`);
/// another is asked the personal code of the convocation, then shows that participant's signing
/// page for this half-day only. Signatures are recorded with the channel `room-code`.
struct RoomRoute: Sendable {
    let database: Database
    let pages: PageTemplates
    let messages: MessagePages
    let posted: PostedForms
    let client: ClientAddress
    let signing: SigningRoute
    let cookie: RoomCookie
    let window: Signatures.Window
    let zone: TimeZone

    func add(to router: Router<PageRequestContext>) {
        router.get("/r/:code") { request, context in
            try await show(code: context.parameters.get("code") ?? "", device: cookie.token(in: request))
        }
        router.post("/r/:code") { request, context in
            let code = context.parameters.get("code") ?? ""
            let address = client.of(request, connectedFrom: context.remoteAddress?.ipAddress)
            let browser = Signatures.Client(address: address, userAgent: request.headers[.userAgent])
            switch try await posted.read(request, path: WebLinks.roomPath + code, limit: SigningRoute.bodyLimit) {
            case .refused(let response):
                return response
            case .form(let form) where form["slot"] == nil:
                return try await enter(personalCode: form["code"] ?? "", code: code)
            case .form(let form):
                let place = place(code, personalCode: form["code"], device: cookie.token(in: request))
                return try await signing.sign(form, at: place, client: browser) { halfDay in
                    await messages.response(.signed(halfDay, zone: zone))
                }
            }
        }
    }

    /// What the room's code opens now, for a device that opened `device` or not.
    enum Lookup: Sendable {
        case unknown, withdrawn, over, closed
        case notOpen(opens: Date)
        /// A device that is not known: the personal code is asked.
        case ask(RoomCodes.Room)
        case sign(SigningRoute.Lookup)
    }

    func lookup(_ code: String, device: String?, store: Store) throws -> Lookup {
        let rooms = RoomCodes(store)
        guard let room = try rooms.room(code: code) else { return .unknown }
        if room.cancelled { return .withdrawn }
        if room.closed { return .closed }
        switch room.state(at: Date(), window: window) {
        case .upcoming: return .notOpen(opens: room.opens(window))
        case .over: return .over
        case .open, .late: break
        }
        guard let link = try device.flatMap({ try rooms.participant(token: $0, in: room) }) else { return .ask(room) }
        return .sign(try signing.opened(link, store: store, only: room.slot))
    }

    func show(code: String, device: String?) async throws -> Response {
        let place = place(code, personalCode: nil, device: device)
        let found = try await database.withStore { store in try lookup(code, device: device, store: store) }
        return await respond(found, code: code, place: place)
    }

    /// The personal code typed: the participant's signing page for the room's half-day, or the
    /// question again with what was wrong.
    func enter(personalCode typed: String, code: String) async throws -> Response {
        let place = place(code, personalCode: typed, device: nil)
        let found: Lookup = try await database.withStore { store in
            let found = try lookup(code, device: nil, store: store)
            guard case .ask(let room) = found,
                let link = try RoomCodes(store).participant(personalCode: typed, in: room)
            else { return found }
            return .sign(try signing.opened(link, store: store, only: room.slot))
        }
        guard case .ask(let room) = found else { return await respond(found, code: code, place: place) }
        let error =
            ShortCode.read(typed, length: ShortCode.personalLength) == nil
            ? "Un code personnel a 8 caractères, lettres et chiffres, comme K7PM 3QXA\u{00A0}: recopiez-le depuis votre convocation."
            : "Ce code ne correspond à aucun participant de cette formation\u{00A0}: vérifiez-le sur votre convocation."
        return page(room, code: code, typed: typed, error: error, status: .unprocessableContent)
    }

    func respond(_ found: Lookup, code: String, place: SigningRoute.Place) async -> Response {
        switch found {
        case .unknown: await messages.response(.roomUnknown, status: .notFound)
        case .withdrawn: await messages.response(.signingWithdrawn, status: .gone)
        case .over: await messages.response(.halfDayOver, status: .gone)
        case .closed: await messages.response(.halfDayClosed, status: .gone)
        case .notOpen(let opens):
            await messages.response(.roomNotOpen(opens: French.time(opens, in: zone)), status: .conflict)
        case .ask(let room): page(room, code: code)
        case .sign(let participant): await signing.respond(participant, at: place)
        }
    }

    func page(
        _ room: RoomCodes.Room, code: String, typed: String = "", error: String? = nil,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let page = RoomPage(room: room, csrf: posted.token(for: WebLinks.roomPath + code), typed: typed, error: error)
        return HTMLPage.response(pages.render(.room, page), status: status)
    }

    /// The room's signing page of the participant whose personal code was typed, or whose
    /// personal link this device opened.
    func place(_ code: String, personalCode: String?, device: String?) -> SigningRoute.Place {
        SigningRoute.Place(path: WebLinks.roomPath + code, personalCode: personalCode) { store in
            let rooms = RoomCodes(store)
            guard let room = try rooms.room(code: code) else { return .unknown }
            let link =
                if let personalCode { try rooms.participant(personalCode: personalCode, in: room) } else {
                    try device.flatMap { try rooms.participant(token: $0, in: room) }
                }
            return try signing.opened(link, store: store, only: room.slot)
        }
    }
}
