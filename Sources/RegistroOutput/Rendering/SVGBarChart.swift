/// A horizontal bar chart in SVG, for the HTML reports: one bar per published value, a dashed
/// empty box marked "suppressed" for a hidden one, the value written at the end of each bar,
/// and a title and description that screen readers announce.
struct SVGBarChart {
    /// One bar.
    struct Bar {
        /// The category.
        var label: String
        /// The value, or `nil` when suppressed.
        var value: Double?
        /// The value as written.
        var text: String
    }

    /// A unique id within the page, for the accessible title and description.
    var id: String
    /// What the chart shows.
    var title: String
    /// The bars, top to bottom.
    var bars: [Bar]
    /// The value of a full-width bar; the largest value when `nil`.
    var scaleMaximum: Double?
    /// The word that marks a suppressed value, in the page's language.
    var suppressedWord = "suppressed"

    private static let width = 640.0
    private static let labelWidth = 200.0
    private static let valueWidth = 70.0
    private static let barHeight = 18.0
    private static let gap = 8.0

    /// The `<svg>` element.
    func rendered() -> String {
        let height = Double(bars.count) * (Self.barHeight + Self.gap) + Self.gap
        let maximum = scaleMaximum ?? max(bars.compactMap(\.value).max() ?? 1, 1)
        let plotWidth = Self.width - Self.labelWidth - Self.valueWidth
        let description = bars.map { "\($0.label): \($0.value == nil ? suppressedWord : $0.text)" }.joined(
            separator: "; ")
        var svg = """
            <svg viewBox="0 0 \(Int(Self.width)) \(Int(height))" \
            role="img" aria-labelledby="\(id)-title \(id)-desc" font-size="12">
            <title id="\(id)-title">\(HTMLPage.escape(title))</title>
            <desc id="\(id)-desc">\(HTMLPage.escape(description))</desc>

            """
        for (index, bar) in bars.enumerated() {
            let y = Self.gap + Double(index) * (Self.barHeight + Self.gap)
            let middle = y + Self.barHeight / 2 + 4
            svg +=
                "<text x=\"\(Self.number(Self.labelWidth - 8))\" y=\"\(Self.number(middle))\" text-anchor=\"end\">\(HTMLPage.escape(Self.shortened(bar.label)))</text>\n"
            if let value = bar.value {
                let length = max(value / maximum * plotWidth, value > 0 ? 1 : 0)
                svg +=
                    "<rect class=\"bar\" x=\"\(Self.number(Self.labelWidth))\" y=\"\(Self.number(y))\" width=\"\(Self.number(length))\" height=\"\(Self.number(Self.barHeight))\" fill=\"\(HTMLPage.barColour)\"><title>\(HTMLPage.escape(bar.label)): \(HTMLPage.escape(bar.text))</title></rect>\n"
                svg +=
                    "<text x=\"\(Self.number(Self.labelWidth + length + 6))\" y=\"\(Self.number(middle))\">\(HTMLPage.escape(bar.text))</text>\n"
            } else {
                svg +=
                    "<rect x=\"\(Self.number(Self.labelWidth))\" y=\"\(Self.number(y))\" width=\"\(Self.number(plotWidth / 4))\" height=\"\(Self.number(Self.barHeight))\" fill=\"none\" stroke=\"#888\" stroke-dasharray=\"4 3\"><title>\(HTMLPage.escape(bar.label)): \(HTMLPage.escape(suppressedWord))</title></rect>\n"
                svg +=
                    "<text x=\"\(Self.number(Self.labelWidth + 6))\" y=\"\(Self.number(middle))\" fill=\"#555\" font-style=\"italic\">\(HTMLPage.escape(suppressedWord))</text>\n"
            }
        }
        return svg + "</svg>"
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String((value * 10).rounded() / 10)
    }

    private static func shortened(_ label: String) -> String {
        label.count <= 30 ? label : String(label.prefix(29)) + "…"
    }
}
