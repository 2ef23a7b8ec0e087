/// What a funder is claimed for each participant an agreement covers (DOMAIN.md, "Amount
/// claimed"). Integer cents throughout; the rows of an agreement add up to what its basis says.
public enum Claim {
    public struct Row: Sendable, Hashable {
        public let attendedMinutes: Int
        public let plannedMinutes: Int

        public init(attendedMinutes: Int, plannedMinutes: Int) {
            self.attendedMinutes = attendedMinutes
            self.plannedMinutes = plannedMinutes
        }
    }

    /// The amount claimed per row, in the rows' order.
    /// - per hour: rate × attended hours, half-up to the cent per row;
    /// - per participant: amount × attended ÷ planned minutes, half-up per row;
    /// - per group: the whole amount, once the session is completed, shared in proportion to the
    ///   attended minutes by the largest-remainder method, so that the rows add up exactly.
    public static func amounts(_ basis: FundingAgreement.Basis, amount: Money, rows: [Row], sessionCompleted: Bool)
        -> [Money]
    {
        switch basis {
        case .perHour:
            return rows.map { Money(cents: halfUp(amount.cents * $0.attendedMinutes, 60)) }
        case .perParticipant:
            return rows.map {
                $0.plannedMinutes == 0
                    ? .zero : Money(cents: halfUp(amount.cents * $0.attendedMinutes, $0.plannedMinutes))
            }
        case .perGroup:
            let total = rows.reduce(0) { $0 + $1.attendedMinutes }
            guard sessionCompleted, total > 0 else { return rows.map { _ in .zero } }
            return largestRemainder(amount.cents, weights: rows.map(\.attendedMinutes)).map(Money.init(cents:))
        }
    }

    /// What each row was agreed, as planned: per hour, rate × planned hours (half-up per row);
    /// per participant, the amount; per group, the amount shared by planned minutes, adding up
    /// exactly. What a funder committed to, beside what it is claimed.
    public static func agreed(_ basis: FundingAgreement.Basis, amount: Money, rows: [Row]) -> [Money] {
        switch basis {
        case .perHour:
            return rows.map { Money(cents: halfUp(amount.cents * $0.plannedMinutes, 60)) }
        case .perParticipant:
            return rows.map { _ in amount }
        case .perGroup:
            let weights = rows.map(\.plannedMinutes)
            guard weights.reduce(0, +) > 0 else { return rows.map { _ in .zero } }
            return largestRemainder(amount.cents, weights: weights).map(Money.init(cents:))
        }
    }

    /// `numerator ÷ denominator` rounded half up, for non-negative values.
    static func halfUp(_ numerator: Int, _ denominator: Int) -> Int {
        (2 * numerator + denominator) / (2 * denominator)
    }

    /// Shares `total` in proportion to `weights`: each gets the floor of its share, then the cents
    /// left go one each to the largest remainders (the earlier row first on a tie).
    static func largestRemainder(_ total: Int, weights: [Int]) -> [Int] {
        let sum = weights.reduce(0, +)
        var shares = weights.map { total * $0 / sum }
        let remainders = weights.map { total * $0 % sum }
        let left = total - shares.reduce(0, +)
        let order = remainders.indices.sorted {
            remainders[$0] != remainders[$1] ? remainders[$0] > remainders[$1] : $0 < $1
        }
        for index in order.prefix(left) { shares[index] += 1 }
        return shares
    }
}
