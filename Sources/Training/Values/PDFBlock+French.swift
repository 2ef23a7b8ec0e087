import Documents

extension PDFBlock {
    /// The block with French spacing before `:` `;` `!` `?` `»` and after `«` (`French.typography`).
    var frenchSpacing: PDFBlock {
        switch self {
        case .text(let text, let style):
            return .text(French.typography(text), style)
        case .table(var table):
            table.rows = table.rows.map { $0.map(French.typography) }
            return .table(table)
        case .box(let caption, let height, let image):
            return .box(caption: French.typography(caption), height: height, image: image)
        case .bars(var chart):
            chart.title = French.typography(chart.title)
            chart.bars = chart.bars.map {
                BarChart.Bar(label: French.typography($0.label), value: $0.value, text: French.typography($0.text))
            }
            return .bars(chart)
        case .qrCode, .space, .pageBreak:
            return self
        }
    }
}
