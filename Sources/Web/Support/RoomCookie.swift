import App
import Hummingbird

/// What lets a phone sign in the room without typing its personal code: the token of the personal
/// link it opened, in a cookie that only the room's pages receive (`Path=/r/`), that no script
/// reads (`HttpOnly`) and that no other site makes the browser send (`SameSite=Strict`). Set each
/// time the personal link's page opens; a phone that never opened it is asked the code.
struct RoomCookie: Sendable {
    static let name = "atelier_signer"
    /// Long enough for a training given over months.
    static let maxAge = 180 * 86_400
    /// Over HTTPS only, when the pages are served so (`web.base-url`).
    let secure: Bool

    func cookie(token: String) -> Cookie {
        Cookie(
            name: Self.name, value: token, maxAge: Self.maxAge, path: WebLinks.roomPath, secure: secure,
            httpOnly: true, sameSite: .strict)
    }

    /// The token of the personal link this device opened, if any.
    func token(in request: Request) -> String? { request.cookies[Self.name]?.value }
}
