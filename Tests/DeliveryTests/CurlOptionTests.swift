import Testing

@testable import Delivery

/// An option libcurl refuses is ours to fix, never the recipient's: a sender that cannot be
/// configured is not made, and a request it cannot set is deferred, never refused for good.
/// libcurl refuses strings longer than CURL_MAX_INPUT_LENGTH (8 000 000 bytes).
@Suite struct CurlOptionTests {
    static let tooLong = String(repeating: "a", count: 8_000_001)

    @Test func aSenderLibcurlCannotConfigureIsNotMade() {
        let error = #expect(throws: CurlError.self) { try SMTPSender(SMTPConfiguration(url: "smtp://" + Self.tooLong)) }
        #expect(error?.option == "CURLOPT_URL")
        #expect(error?.description == "CURLOPT_URL cannot be set: A libcurl function was given a bad argument")
        let nul = #expect(throws: CurlError.self) { try HTTPSender(caFile: "/etc/ssl/a\u{0}b.pem") }
        #expect(nul?.description == "CURLOPT_CAINFO cannot be set: the value holds a NUL character")
    }

    @Test func aRequestLibcurlCannotSetIsDeferred() throws {
        let outcome = try HTTPSender().send(.post, [], to: "https://" + Self.tooLong, headers: [])
        #expect(outcome == .deferred(reason: "CURLOPT_URL cannot be set: A libcurl function was given a bad argument"))
    }
}
