import Hummingbird

/// Answers with a message page, signed with the organisation's name and email.
struct MessagePages: Sendable {
    let templates: PageTemplates
    let organisation: OrganisationCard

    func response(_ page: MessagePage, status: HTTPResponse.Status = .ok) async -> Response {
        var page = page
        let card = await organisation.current()
        page.organisation = card?.name.isEmpty == false ? card?.name : nil
        page.contact = card?.email
        return HTMLPage.response(templates.render(.message, page), status: status)
    }
}
