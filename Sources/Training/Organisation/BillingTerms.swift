/// What the organisation's invoices say of money: its VAT regime with the sentence the law fixes
/// for it, the payment delay, the late-penalty rate, the dédit on hours not attended, and the
/// bank account to pay into.
public struct BillingTerms: Sendable, Hashable, Codable {
    /// The three regimes of a training organisation; none of them charges VAT.
    public enum VATRegime: String, Sendable, Hashable, Codable, CaseIterable {
        /// Continuing vocational training, exempt under art. 261-4-4° a of the CGI.
        case exempt = "exempt-261-4-4a"
        /// The franchise en base of small businesses.
        case franchise = "franchise-293b"
        /// A non-profit association outside the scope of VAT.
        case notTaxable = "not-taxable"

        /// The sentence every invoice carries.
        public var sentence: String {
            switch self {
            case .exempt: "Exonération de TVA, art. 261-4-4° a du CGI"
            case .franchise: "TVA non applicable, art. 293 B du CGI"
            case .notTaxable:
                "TVA non applicable : association non assujettie (gestion désintéressée, art. 261-7-1° du CGI)"
            }
        }

        /// The EN 16931 VAT category: E (exempt) for the first two, O (outside the scope) for the last.
        public var category: String { self == .notTaxable ? "O" : "E" }
    }

    public var vatRegime = VATRegime.exempt
    /// Days from issue to due date: 30 by default, 60 at most (Code de commerce L441-10).
    public var paymentDays = 30
    /// The late-penalty rate, in hundredths of a percent (1215 is 12,15 %); required to issue.
    public var latePenaltyBasisPoints: Int?
    /// The share of the price of hours not attended charged as a dédit, 0 for none.
    public var noShowChargePercent = 0
    /// Days after the due date an unpaid invoice is recalled to its buyer, then as many days
    /// later to the coordinator; and days before a funder's invoicing deadline the coordinator
    /// is told of it.
    public var reminderDays = 15
    public var iban: String?
    public var bic: String?

    public init() {}

    func validated() throws(TrainingError) -> BillingTerms {
        var terms = self
        guard (0...60).contains(paymentDays) else {
            throw .invalid("The payment delay of \(paymentDays) days is not allowed: it is 0 to 60 days.")
        }
        if let rate = latePenaltyBasisPoints, !(1...10_000).contains(rate) {
            throw .invalid(
                "The late-penalty rate of \(French.hundredths(rate)) % is not allowed: it is above 0 and at most 100 %."
            )
        }
        guard (1...90).contains(reminderDays) else {
            throw .invalid("The reminder delay of \(reminderDays) days is not allowed: it is 1 to 90 days.")
        }
        guard (0...100).contains(noShowChargePercent) else {
            throw .invalid(
                "The dédit of \(noShowChargePercent) % is not allowed: it is 0 to 100 % of the hours' price.")
        }
        terms.iban = try iban.flatMap { text throws(TrainingError) in try Self.iban(text) }
        terms.bic = try bic.flatMap { text throws(TrainingError) in try Self.bic(text) }
        return terms
    }

    /// `12,15` → 1215: a percentage as people write it, with two decimals at most.
    public static func basisPoints(_ text: String) throws(TrainingError) -> Int {
        do {
            return try Money.parse(text.replacing("%", with: "")).cents
        } catch {
            throw .invalid(
                "The late-penalty rate “\(Printable.escaped(text))” is not a percentage: write it like 12,15 for 12,15 %."
            )
        }
    }

    /// The IBAN without spaces, its check digits verified (ISO 13616: mod 97 is 1); `nil` when empty.
    static func iban(_ text: String) throws(TrainingError) -> String? {
        let iban = text.filter { !$0.isWhitespace }.uppercased()
        guard !iban.isEmpty else { return nil }
        let rearranged = iban.dropFirst(4) + iban.prefix(4)
        var remainder = 0
        for character in rearranged {
            let value: Int
            if character.isASCIIDigit, let digit = character.wholeNumberValue {
                value = digit
            } else if character.isASCIIUppercase, let code = character.asciiValue {
                value = Int(code) - 55
            } else {
                throw .invalid("The IBAN “\(Printable.escaped(text))” holds a character other than letters and digits.")
            }
            remainder = (remainder * (value < 10 ? 10 : 100) + value) % 97
        }
        guard (15...34).contains(iban.count), iban.prefix(2).allSatisfy(\.isASCIIUppercase), remainder == 1 else {
            throw .invalid("The IBAN “\(Printable.escaped(text))” is not valid: its check digits do not match.")
        }
        return iban
    }

    /// The BIC: 8 or 11 letters and digits; `nil` when empty.
    static func bic(_ text: String) throws(TrainingError) -> String? {
        let bic = text.filter { !$0.isWhitespace }.uppercased()
        guard !bic.isEmpty else { return nil }
        guard [8, 11].contains(bic.count), bic.prefix(6).allSatisfy(\.isASCIIUppercase),
            bic.allSatisfy({ $0.isASCIIUppercase || $0.isASCIIDigit })
        else { throw .invalid("The BIC “\(Printable.escaped(text))” is not valid: it is 8 or 11 letters and digits.") }
        return bic
    }
}
