import Delivery
import Testing

@Suite struct CurlVersionTests {
    @Test func linkedLibcurlSpeaksSMTPSMTPSAndHTTPS() {
        let curl = CurlVersion.current
        #expect(curl.supports("smtp"))
        #expect(curl.supports("smtps"))
        #expect(curl.supports("https"))
        #expect(curl.sslVersion?.isEmpty == false)
        #expect(curl.version.split(separator: ".").count == 3)
        #expect(!curl.supports("gopher-over-pigeons"))
    }
}
