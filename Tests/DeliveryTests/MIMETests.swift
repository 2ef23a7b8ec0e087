import Foundation
import Testing

@testable import Delivery

@Suite struct MIMETests {
    @Test func quotedPrintableKeepsLinesShortAndCharactersWhole() {
        let text = String(repeating: "Émargement à la demi-journée, « présent » ; ", count: 12) + "fin"
        let encoded = String(decoding: QuotedPrintable.encode(text + "\nligne suivante  \n.point"), as: UTF8.self)
        let lines = encoded.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.count <= 76 })
        #expect(lines.contains("ligne suivante =20"))
        #expect(lines.last == "=2Epoint")
        // No line ends inside a UTF-8 sequence: each decodes alone.
        for line in lines where line.hasSuffix("=") {
            #expect(!line.dropLast().hasSuffix("=C3"))
        }
    }

    @Test func headersAreEncodedWordsOfAtMost75Characters() {
        let subject = String(repeating: "Rappel : votre formation « Fonction employeur » commence demain ! ", count: 3)
        let encoded = HeaderText.unstructured(subject)
        let words = encoded.components(separatedBy: "\r\n ")
        #expect(words.count > 1)
        #expect(words.allSatisfy { $0.hasPrefix("=?UTF-8?B?") && $0.hasSuffix("?=") && $0.count <= 75 })
        let decoded = words.map { word in
            String(decoding: Data(base64Encoded: String(word.dropFirst(10).dropLast(2))) ?? Data(), as: UTF8.self)
        }.joined()
        #expect(decoded == subject)
        #expect(HeaderText.unstructured("Convocation") == "Convocation")
        #expect(HeaderText.phrase("Dupont, Marie") == "\"Dupont, Marie\"")
    }
}
