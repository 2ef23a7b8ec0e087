import Hummingbird

/// `GET /atelier.css` and `GET /signature.js`: the pages' one style sheet and one script, from
/// `Pages/`, read at start.
struct AssetRoute: Sendable {
    let assets: [PageTemplates.Asset]

    func add(to router: Router<some RequestContext>) {
        for asset in assets {
            router.get("/\(asset.name)") { _, _ in
                Response(
                    status: .ok,
                    headers: [.contentType: asset.contentType, .cacheControl: "public, max-age=3600"],
                    body: .init(byteBuffer: ByteBuffer(bytes: asset.bytes)))
            }
        }
    }
}
