import Foundation
import RegistroKit

/// Every string the registry shows people, in one language, read from `Resources/i18n/LANG.json`
/// as embedded in the binary, with the formats of dates and numbers in that language: the web
/// pages and the command line read the same catalogue.
public struct Catalogue: Sendable {
    /// The language.
    public let language: Language
    /// The strings by key.
    public let strings: [String: String]

    /// The catalogue of `language`, as embedded at build time.
    ///
    /// - Throws: `CatalogueError` when the catalogue is missing or not a JSON object of strings.
    public static func embedded(_ language: Language) throws -> Catalogue {
        let path = "Resources/i18n/\(language.rawValue).json"
        guard let text = EmbeddedResources.files[path],
            let strings = try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))
        else { throw CatalogueError(path: path) }
        return Catalogue(language: language, strings: strings)
    }

    /// The catalogue of `language`, read once; a catalogue that cannot be read (which a test
    /// forbids) shows every key bracketed rather than stopping the program.
    public static func of(_ language: Language) -> Catalogue {
        language == .italian ? italian : english
    }

    private static let italian = (try? embedded(.italian)) ?? Catalogue(language: .italian, strings: [:])
    private static let english = (try? embedded(.english)) ?? Catalogue(language: .english, strings: [:])

    /// The string of `key`; the key itself, bracketed, when the catalogue lacks it (which a test
    /// forbids), so that a gap shows instead of breaking the page.
    public subscript(_ key: String) -> String {
        strings[key] ?? "[\(key)]"
    }

    /// The string of `key` with each `{name}` replaced by its value, in one pass over the
    /// catalogue's string, read as UTF-8 bytes (the braces are ASCII): a value is never searched for
    /// placeholders itself, and a `{name}` without a value is left as it stands. The import's
    /// command line calls this once a row.
    public func text(_ key: String, _ values: [String: String]) -> String {
        let template = self[key]
        let bytes = template.utf8
        var result = ""
        var cursor = bytes.startIndex
        while let open = bytes[cursor...].firstIndex(of: UInt8(ascii: "{")),
            let close = bytes[open...].firstIndex(of: UInt8(ascii: "}"))
        {
            result += Substring(bytes[cursor..<open])
            let name = String(Substring(bytes[bytes.index(after: open)..<close]))
            result += values[name] ?? String(Substring(bytes[open...close]))
            cursor = bytes.index(after: close)
        }
        result += Substring(bytes[cursor...])
        return result
    }

    /// An ISO date (`AAAA-MM-GG`) written `GG/MM/AAAA` in Italian and `DD/MM/YYYY` in English; a
    /// moment (`AAAA-MM-GGThh:mm…Z`, in UTC) as `time` writes it.
    public func date(_ iso: String) -> String {
        guard !iso.contains("T") else { return time(iso) }
        let day = iso.split(separator: "-")
        guard day.count == 3 else { return iso }
        return "\(day[2])/\(day[1])/\(day[0])"
    }

    /// A moment recorded in UTC (`2026-11-22T09:30:00.123Z`) written `GG/MM/AAAA hh:mm` in the
    /// registry's display time zone (`DisplayTime.current`, or `display`); the text itself when
    /// it is not such a moment.
    public func time(_ iso: String, in display: DisplayTime = .current) -> String {
        display.text(iso: iso)
    }

    /// The sentence naming the display time zone once where times are shown, e.g. `Orari nel
    /// fuso orario Europe/Rome.`
    public func timeZoneNote(_ display: DisplayTime = .current) -> String {
        text("times_in_zone", ["zone": display.zoneName])
    }

    /// A number with a decimal comma in Italian and a decimal point in English, with at most two
    /// decimals and none when it is whole.
    public func number(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e15 else { return String(value) }
        let hundredths = (value * 100).rounded(.toNearestOrEven)
        let magnitude = Int64(abs(hundredths))
        var text = (hundredths < 0 && magnitude != 0 ? "-" : "") + String(magnitude / 100)
        let fraction = magnitude % 100
        if fraction != 0 {
            let digits = fraction % 10 == 0 ? String(fraction / 10) : (fraction < 10 ? "0" : "") + String(fraction)
            text += (language == .italian ? "," : ".") + digits
        }
        return text
    }
}

/// A language catalogue that is missing from the binary or is not a JSON object of strings.
public struct CatalogueError: Error, CustomStringConvertible {
    /// The catalogue's path.
    public let path: String

    /// One sentence.
    public var description: String {
        "the language catalogue `\(path)` is missing or is not a JSON object of strings; fix the file and rebuild"
    }
}
