import Testing

@testable import Delivery

/// RFC 3492's encoder against its own samples and the registries' spelling of French domains.
struct PunycodeTests {
    @Test(arguments: [
        ("café.fr", "xn--caf-dma.fr"),
        ("bücher.de", "xn--bcher-kva.de"),
        ("Élysée.fr", "xn--lyse-9oad.fr"),
        ("他们为什么不说中文.example", "xn--ihqwcrb4cv8a8dqg056pqjye.example"),
        ("asso.fr", "asso.fr"),
    ])
    func domainsGoOutAsALabels(domain: String, ascii: String) {
        #expect(Punycode.asciiDomain(domain) == ascii)
    }

    @Test func anAddressKeepsItsLocalPartAndEncodesItsDomain() {
        #expect(MailAddress("anne@café.fr").ascii == "anne@xn--caf-dma.fr")
        #expect(MailAddress("andré@asso.fr").ascii == "andré@asso.fr")
        #expect(!MailAddress("andré@asso.fr").localPartIsASCII)
    }
}
