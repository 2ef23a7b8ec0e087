import App
import Foundation
import Hummingbird
import Training

/// `/s/<token>`: a participant's signing page. `GET` shows the session's half-days and changes
/// nothing; `POST` signs the half-day open now, drawn or typed, as a record of the attendance
/// evidence with the client's address and browser.
struct SigningRoute: Sendable {
    let database: Database
    let pages: PageTemplates
    let messages: MessagePages
    let posted: PostedForms
    let client: ClientAddress
    let cookie: RoomCookie
    let window: Signatures.Window
    let zone: TimeZone

    /// A drawn signature is at most 64 KiB of PNG: in base64, form-encoded, under 128 KiB.
    static let bodyLimit = 128 * 1024

    func add(to router: Router<PageRequestContext>) {
        router.get("/s/:token") { _, context in
            try await show(token: context.parameters.get("token") ?? "")
        }
        router.post("/s/:token") { request, context in
            let address = client.of(request, connectedFrom: context.remoteAddress?.ipAddress)
            return try await sign(request, token: context.parameters.get("token") ?? "", address: address)
        }
    }

    /// The link's registration and half-days now, or why there is no page.
    enum Lookup: Sendable {
        case unknown, withdrawn
        case open(Signatures.Link, [Signatures.HalfDay])
    }

    /// A signing page: the path its form posts to (and its CSRF token is signed for), and how
    /// it finds its link — the participant's own, the trainer's phone handed over, or the room's
    /// page (by the personal code typed, which the form then carries again).
    struct Place: Sendable {
        let path: String
        var personalCode: String? = nil
        /// A personal link's problem page; none in the room, where the device may be anyone's.
        var problemLink: String? = nil
        let lookup: @Sendable (Store) throws -> Lookup
    }

    func place(token: String) -> Place {
        Place(path: WebLinks.signingPath + token, problemLink: WebLinks.problem(token: token)) { store in
            try opened(try Signatures(store).link(token: token), store: store)
        }
    }

    /// `link`'s half-days now — only the half-day `slot` when given (the room's) — or why there
    /// is no page.
    func opened(_ link: Signatures.Link?, store: Store, only slot: Int? = nil) throws -> Lookup {
        guard let link else { return .unknown }
        if link.withdrawn { return .withdrawn }
        let halfDays = try Signatures(store).halfDays(link, at: Date(), window: window)
        return .open(link, slot.map { slot in halfDays.filter { $0.slot == slot } } ?? halfDays)
    }

    /// The participant's own page; opened, it lets this device sign in the room (`RoomCookie`).
    func show(token: String) async throws -> Response {
        let place = place(token: token)
        let found = try await database.withStore(place.lookup)
        var response = await respond(found, at: place)
        if case .open = found { response.setCookie(cookie.cookie(token: token)) }
        return response
    }

    func show(_ place: Place) async throws -> Response {
        await respond(try await database.withStore(place.lookup), at: place)
    }

    /// The page of what `place`'s lookup found.
    func respond(_ lookup: Lookup, at place: Place) async -> Response {
        switch lookup {
        case .unknown: await messages.response(.notFound, status: .notFound)
        case .withdrawn: await messages.response(.signingWithdrawn, status: .gone)
        case .open(let link, let halfDays): page(place, link, halfDays)
        }
    }

    func page(
        _ place: Place, _ link: Signatures.Link, _ halfDays: [Signatures.HalfDay], error: String? = nil,
        typedName: String = "", status: HTTPResponse.Status = .ok
    ) -> Response {
        var page = SigningPage(
            link: link, halfDays: halfDays, zone: zone, csrf: posted.token(for: place.path), error: error,
            typedName: typedName, personalCode: place.personalCode)
        page.problemLink = place.problemLink
        return HTMLPage.response(pages.render(.signing, page), status: status)
    }

    func sign(_ request: Request, token: String, address: String) async throws -> Response {
        switch try await posted.read(request, path: WebLinks.signingPath + token, limit: Self.bodyLimit) {
        case .refused(let response): return response
        case .form(let form):
            return try await sign(
                form, at: place(token: token),
                client: Signatures.Client(address: address, userAgent: request.headers[.userAgent])
            ) { halfDay in
                await messages.response(.signed(halfDay, zone: zone))
            }
        }
    }

    /// Signs the half-day of `form` at `place`; `signed` answers once it is recorded.
    func sign(
        _ form: [String: String], at place: Place, client: Signatures.Client,
        signed: (Signatures.HalfDay) async -> Response
    ) async throws -> Response {
        guard let slot = Int(form["slot"] ?? "") else {
            return await messages.response(.malformed, status: .badRequest)
        }
        let signature = SignatureForm(form)
        let outcome: Outcome = try await database.withStore { store in
            guard case .open(let link, let halfDays) = try place.lookup(store) else { return .closed }
            // A half-day the page does not offer (another than the room's) is not signed there.
            guard halfDays.contains(where: { $0.slot == slot }) else {
                return .refused(link, halfDays, .signature(.unknownHalfDay))
            }
            guard signature.certified else { return .refused(link, halfDays, .uncertified) }
            do {
                return .signed(
                    try Signatures(store).sign(link, slot: slot, mark: signature.mark, client: client, window: window))
            } catch {
                guard let refusal = error as? Signatures.Refusal else { throw error }
                return .refused(
                    link, try Signatures(store).halfDays(link, at: Date(), window: window), .signature(refusal))
            }
        }
        switch outcome {
        case .closed:
            return try await show(place)
        case .signed(let halfDay):
            return await signed(halfDay)
        case .refused(let link, let halfDays, let why):
            if let (message, status) = why.message {
                return await messages.response(message, status: status)
            }
            return page(
                place, link, halfDays, error: why.sentence, typedName: signature.typedName,
                status: .unprocessableContent)
        }
    }

    enum Outcome: Sendable {
        case closed
        case signed(Signatures.HalfDay)
        case refused(Signatures.Link, [Signatures.HalfDay], Why)
    }

    /// Why a signature was not taken, as the participant reads it.
    enum Why: Sendable {
        case uncertified
        case signature(Signatures.Refusal)

        /// What is said next to the form, for what the participant can mend there.
        var sentence: String {
            switch self {
            case .uncertified: "Cochez la case pour que votre nom tapé vaille signature."
            case .signature(.emptyName): "Tapez vos prénom et nom, puis cochez la case."
            case .signature(.blankDrawing):
                "Votre signature est vide\u{00A0}: signez dans le cadre, puis touchez «\u{202F}Signer\u{202F}»."
            case .signature(.notAnImage):
                "Votre signature n’a pas pu être lue\u{00A0}: signez à nouveau, ou tapez votre nom."
            case .signature: ""
            }
        }

        /// A page of its own, for what the form cannot mend.
        var message: (MessagePage, HTTPResponse.Status)? {
            switch self {
            case .signature(.alreadySigned): (.alreadySigned, .ok)
            case .signature(.notOpen): (.halfDayNotOpen, .conflict)
            case .signature(.over), .signature(.unknownHalfDay): (.halfDayOver, .conflict)
            case .signature(.closed): (.halfDayClosed, .conflict)
            case .signature(.withdrawn): (.signingWithdrawn, .gone)
            default: nil
            }
        }
    }
}
