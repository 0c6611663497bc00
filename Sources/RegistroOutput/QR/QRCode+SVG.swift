import Foundation

extension QRCode {
    /// The code as an SVG image: one path of dark squares on a white square, with the quiet
    /// zone of four modules the standard asks around it; no style attribute (the pages' security
    /// policy forbids inline style), colours as presentation attributes. `label` is its
    /// accessible name.
    public func svg(label: String) -> String {
        let side = size + 8
        var path = ""
        for (y, row) in modules.enumerated() {
            for (x, dark) in row.enumerated() where dark { path += "M\(x + 4),\(y + 4)h1v1h-1z" }
        }
        let escaped = label.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(side) \(side)" width="\(side * 4)" \
            height="\(side * 4)" role="img" aria-label="\(escaped)" shape-rendering="crispEdges">\
            <rect width="\(side)" height="\(side)" fill="#ffffff"/><path d="\(path)" fill="#000000"/></svg>
            """
    }
}
