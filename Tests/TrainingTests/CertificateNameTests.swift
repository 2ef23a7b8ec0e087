import Foundation
import Testing

@testable import Training

/// Certificates' file names: ASCII, and distinct within one export.
@Suite struct CertificateNameTests {
    func certificate(_ participant: String, registration: Int, version: Int = 1) -> Certificate {
        Certificate(
            registrationId: registration, session: "S-2026-001", participant: participant, email: "x@asso.fr",
            version: version, attendedMinutes: 420, withdrawn: false, issuedAt: Date(), sha256: nil, pdf: [])
    }

    @Test func namesFoldToASCIIAndNeverCollide() {
        let certificates = [
            certificate("Lœuvre Émilie", registration: 1), certificate("Martin Marie", registration: 7),
            certificate("Martin Marie", registration: 9, version: 2),
            certificate("Παπαδόπουλος Ελένη", registration: 12),
            certificate("Ιωάννου Μαρία", registration: 13),
        ]
        #expect(
            Certificate.fileNames(certificates) == [
                "certificat-S-2026-001-loeuvre-emilie.pdf", "certificat-S-2026-001-martin-marie.pdf",
                "certificat-S-2026-001-martin-marie-v2.pdf", "certificat-S-2026-001-12.pdf",
                "certificat-S-2026-001-13.pdf",
            ])
        let twins = [certificate("Martin Marie", registration: 7), certificate("Martin Marie", registration: 9)]
        #expect(
            Certificate.fileNames(twins) == [
                "certificat-S-2026-001-martin-marie-7.pdf", "certificat-S-2026-001-martin-marie-9.pdf",
            ])
    }
}
