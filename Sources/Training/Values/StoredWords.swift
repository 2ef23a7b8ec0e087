import Postgres

// The closed word lists the database stores as text under a check constraint: bound and decoded
// as themselves, so that a word the program does not know is a decoding error naming its column.
extension Session.Status: PostgresCodable {}
extension Registration.Status: PostgresCodable {}
extension AttendanceStatus: PostgresCodable, PostgresArrayElement {}
extension Presence: PostgresCodable, PostgresArrayElement {}
extension Signatures.Channel: PostgresCodable {}
extension FundingAgreement.Basis: PostgresCodable {}
extension Participant.Status: PostgresCodable, PostgresArrayElement {}
extension Module.Modality: PostgresCodable {}
extension Module.Nature: PostgresCodable {}
extension Funder.Kind: PostgresCodable {}
extension Trainer.Kind: PostgresCodable {}
extension ReferentialArea.Kind: PostgresCodable {}
extension QuestionnaireCode: PostgresCodable {}
extension Question.AnswerType: PostgresCodable {}
extension Deliveries.State: PostgresCodable {}
extension Deliveries.Channel: PostgresCodable {}
extension JobKind: PostgresCodable {}
extension Incident.Kind: PostgresCodable {}
extension LearningLevel: PostgresCodable, PostgresArrayElement {}
extension BillingTerms.VATRegime: PostgresCodable {}
extension Funder.InvoiceGrouping: PostgresCodable {}
extension Invoice.Kind: PostgresCodable {}
extension Invoice.BuyerKind: PostgresCodable {}
extension InvoiceLine.Kind: PostgresCodable {}
extension Payment.Method: PostgresCodable {}
extension Convention.Kind: PostgresCodable {}
extension Convention.Channel: PostgresCodable {}
