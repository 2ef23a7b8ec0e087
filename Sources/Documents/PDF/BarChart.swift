/// Horizontal bars under a title, one per item: its label on the left, a bar as long as its
/// share of `maximum`, its value written after the bar — figures a reader takes in at a glance,
/// with the number itself beside each bar.
public struct BarChart: Sendable {
    public struct Bar: Sendable {
        public var label: String
        /// `nil`: no figure (no answers yet); the bar is left empty and `text` says why.
        public var value: Double?
        /// The value as printed: `80 %`, `— (aucune réponse)`.
        public var text: String

        public init(label: String, value: Double?, text: String) {
            self.label = label
            self.value = value
            self.text = text
        }
    }

    public var title: String
    public var bars: [Bar]
    /// The value a bar the full width stands for: 100 for percentages.
    public var maximum: Double

    public init(title: String, bars: [Bar], maximum: Double = 100) {
        self.title = title
        self.bars = bars
        self.maximum = maximum
    }
}

extension Layout {
    /// The chart's title, then a row per bar; a row that does not fit goes to the next page.
    mutating func place(_ chart: BarChart) {
        let title = TextStyle(size: 11, weight: .bold, spaceAfter: 6)
        let label = TextStyle(size: 9)
        if y + title.lineHeight + Self.barRow > bottom { newPage() }
        draw(chart.title, x: left, width: width, top: y, style: title)
        y += title.lineHeight + title.spaceAfter
        let labelWidth = width * 0.42
        let barSpace = width * 0.42
        for bar in chart.bars {
            let lines = self.lines(bar.label, width: labelWidth - 6, size: label.size, weight: .regular)
            let height = max(Self.barRow, Double(lines.count) * label.lineHeight + 4)
            if y + height > bottom { newPage() }
            for (index, line) in lines.enumerated() {
                draw(line, x: left, width: labelWidth, top: y + 2 + Double(index) * label.lineHeight, style: label)
            }
            let share = max(0, min(1, (bar.value ?? 0) / max(chart.maximum, 1)))
            let barX = left + labelWidth
            if share > 0 {
                append(.bar(x: barX, y: y + 2, width: barSpace * share, height: Self.barRow - 6))
            }
            draw(bar.text, x: barX + barSpace * share + 6, width: width - labelWidth, top: y + 2, style: label)
            y += height
        }
        y += 10
    }

    /// A bar's row: room for one line of 9-point text and the bar beside it.
    static let barRow = 18.0
}
