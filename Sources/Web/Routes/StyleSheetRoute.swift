import Hummingbird

/// `GET /atelier.css`: the pages' one style sheet, from `Pages/atelier.css`.
struct StyleSheetRoute: Sendable {
    let styleSheet: [UInt8]

    func add(to router: Router<some RequestContext>) {
        router.get("/atelier.css") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(bytes: styleSheet)))
        }
    }
}
