import Hummingbird

/// A rendered page as an answer: HTML in UTF-8, never cached (it holds a person's answers).
enum HTMLPage {
    static func response(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
