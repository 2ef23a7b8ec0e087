import Testing

@testable import Training

/// The amounts claimed from funders, on the seeds' figures.
@Suite struct ClaimTests {
    func rows(_ attended: [Int], planned: Int = 1260) -> [Claim.Row] {
        attended.map { Claim.Row(attendedMinutes: $0, plannedMinutes: planned) }
    }

    @Test func perHourIsRateTimesAttendedHoursHalfUpPerRow() {
        let amounts = Claim.amounts(
            .perHour, amount: Money(cents: 1_550), rows: rows([1260, 630, 25, 0]), sessionCompleted: false)
        // 15,50 € × 21 h; × 10,5 h; × 25 min = 6,458… → 6,46 €; nothing.
        #expect(amounts.map(\.cents) == [32_550, 16_275, 646, 0])
    }

    @Test func perParticipantIsProratedToAttendedMinutes() {
        let amounts = Claim.amounts(
            .perParticipant, amount: Money(cents: 30_000), rows: rows([1260, 1050, 1]), sessionCompleted: false)
        #expect(amounts.map(\.cents) == [30_000, 25_000, 24])
    }

    @Test func perGroupSharesTheWholeAmountExactlyOnceCompleted() {
        // Caen: 3 600 € for the group; eleven participants, three of whom missed a half-day.
        let attended = [1260, 1260, 1260, 1260, 1260, 1260, 1260, 1260, 1050, 1050, 1080]
        let amounts = Claim.amounts(
            .perGroup, amount: Money(cents: 360_000), rows: rows(attended), sessionCompleted: true)
        #expect(amounts.reduce(Money.zero, +) == Money(cents: 360_000))
        #expect(
            amounts.map(\.cents) == [
                34_208, 34_208, 34_208, 34_208, 34_208, 34_208, 34_208, 34_208, 28_507, 28_507, 29_322,
            ])
        #expect(
            Claim.amounts(.perGroup, amount: Money(cents: 360_000), rows: rows(attended), sessionCompleted: false)
                .allSatisfy { $0 == .zero })
    }

    @Test func largestRemainderGivesTheLeftoverCentsToTheLargestRemainders() {
        #expect(Claim.largestRemainder(100, weights: [1, 1, 1]) == [34, 33, 33])
        #expect(Claim.largestRemainder(1000, weights: [2, 3, 0, 1]) == [333, 500, 0, 167])
        #expect(Claim.largestRemainder(1, weights: [1, 1]) == [1, 0])
    }

    @Test func nobodyAttendedMeansNothingClaimed() {
        #expect(
            Claim.amounts(.perGroup, amount: Money(cents: 360_000), rows: rows([0, 0]), sessionCompleted: true) == [
                .zero, .zero,
            ])
    }
}
