import App
import Foundation
import Hummingbird
import Training

/// `/c/<token>`: where a structure, a funder or a person signs a convention, a contrat or a
/// quote. `GET` shows what it is and changes nothing, `GET /c/<token>/document.pdf` the PDF as
/// drawn; `POST` signs, drawn or typed, with the signer's name and role, recording the evidence.
struct ConventionRoute: Sendable {
    let database: Database
    let pages: PageTemplates
    let messages: MessagePages
    let posted: PostedForms
    let client: ClientAddress

    func add(to router: Router<PageRequestContext>) {
        router.get("/c/:token") { _, context in
            try await show(token: context.parameters.get("token") ?? "")
        }
        router.get("/c/:token/document.pdf") { _, context in
            let token = context.parameters.get("token") ?? ""
            guard let pdf = try await database.withStore({ try Conventions($0).signingDocument(token: token) }) else {
                return await messages.response(.notFound, status: .notFound)
            }
            return Response(
                status: .ok,
                headers: [.contentType: "application/pdf", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(bytes: pdf)))
        }
        router.post("/c/:token") { request, context in
            let token = context.parameters.get("token") ?? ""
            let address = client.of(request, connectedFrom: context.remoteAddress?.ipAddress)
            switch try await posted.read(request, path: WebLinks.conventionPath + token, limit: SigningRoute.bodyLimit)
            {
            case .refused(let response):
                return response
            case .form(let form):
                return try await sign(
                    form, token: token,
                    client: Signatures.Client(address: address, userAgent: request.headers[.userAgent]))
            }
        }
    }

    func show(token: String) async throws -> Response {
        guard let view = try await database.withStore({ try Conventions($0).signingView(token: token) }) else {
            return await messages.response(.notFound, status: .notFound)
        }
        if view.convention.signedOn != nil { return await messages.response(.conventionAlreadySigned, status: .gone) }
        return page(view, token: token)
    }

    func page(
        _ view: Conventions.SigningView, token: String, form: [String: String] = [:], error: String? = nil,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let page = ConventionPage(
            view, token: token, csrf: posted.token(for: WebLinks.conventionPath + token), form: form, error: error)
        return HTMLPage.response(pages.render(.convention, page), status: status)
    }

    enum Outcome: Sendable {
        case unknown
        case signed(Convention)
        case refused(Conventions.SigningView, Conventions.SigningRefusal)
    }

    func sign(_ form: [String: String], token: String, client: Signatures.Client) async throws -> Response {
        let signature = SignatureForm(form)
        let outcome: Outcome = try await database.withStore { store in
            let conventions = Conventions(store)
            guard let view = try conventions.signingView(token: token) else { return .unknown }
            guard signature.certified else { return .refused(view, .mark(.emptyName)) }
            do {
                guard
                    let signed = try conventions.sign(
                        token: token, signer: form["signer"] ?? "", role: form["role"] ?? "", mark: signature.mark,
                        client: client)
                else { return .unknown }
                return .signed(signed)
            } catch let refusal as Conventions.SigningRefusal {
                return .refused(view, refusal)
            }
        }
        switch outcome {
        case .unknown: return await messages.response(.notFound, status: .notFound)
        case .signed(let convention): return await messages.response(.conventionSigned(convention))
        case .refused(_, .alreadySigned): return await messages.response(.conventionAlreadySigned, status: .conflict)
        case .refused(_, .expired): return await messages.response(.quoteExpired, status: .gone)
        case .refused(let view, let refusal):
            return page(view, token: token, form: form, error: Self.sentence(refusal), status: .unprocessableContent)
        }
    }

    /// What the form says next to itself when it is refused.
    static func sentence(_ refusal: Conventions.SigningRefusal) -> String {
        switch refusal {
        case .emptySigner: "Indiquez le nom de la personne qui signe."
        case .emptyRole: "Indiquez sa qualité : présidente, directeur, trésorière…"
        case .mark(.blankDrawing): "Le cadre de signature est vide : signez dans le cadre, ou tapez votre nom."
        case .mark(.notAnImage): "La signature n’a pas pu être lue : signez à nouveau dans le cadre."
        case .mark: "Tapez votre nom et cochez la case, ou signez à la main dans le cadre."
        case .alreadySigned, .expired: ""
        }
    }
}
