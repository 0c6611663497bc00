import Foundation

/// The string formats of Cedar's extension constructors, parsed as Cedar parses them.
enum ExtensionParsing {
    /// `decimal`: `-?D+.D{1,4}`, in ten-thousandths, within 64 bits.
    static func decimal(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard let dot = bytes.firstIndex(of: UInt8(ascii: ".")) else { return nil }
        let left = bytes[..<dot]
        let right = bytes[(dot + 1)...]
        let negative = left.first == UInt8(ascii: "-")
        let leftDigits = negative ? left.dropFirst() : left
        guard !leftDigits.isEmpty, !right.isEmpty, leftDigits.allSatisfy(isDigit), right.allSatisfy(isDigit) else {
            return nil
        }
        guard right.count <= 4 else { return nil }
        guard let whole = Int64(String(decoding: left, as: UTF8.self)),
            let fraction = Int64(String(decoding: right, as: UTF8.self))
        else { return nil }
        let (scaled, overflow) = whole.multipliedReportingOverflow(by: 10_000)
        guard !overflow else { return nil }
        var factor: Int64 = 1
        for _ in 0..<(4 - right.count) { factor *= 10 }
        let scaledFraction = fraction * factor
        let (value, overflow2) =
            negative
            ? scaled.subtractingReportingOverflow(scaledFraction) : scaled.addingReportingOverflow(scaledFraction)
        return overflow2 ? nil : value
    }

    /// `duration`: `-?(Nd)?(Nh)?(Nm)?(Ns)?(Nms)?`, not empty, in milliseconds within 64 bits.
    static func duration(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, text != "-" else { return nil }
        let negative = bytes.first == UInt8(ascii: "-")
        var index = negative ? 1 : 0
        // Quantities by unit: d, h, m, s, ms, which must come in this order.
        var quantities: [UInt64] = [0, 0, 0, 0, 0]
        var nextUnit = 0
        while index < bytes.count {
            let start = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            guard index > start, index < bytes.count else { return nil }
            let unit: Int
            if bytes[index] == UInt8(ascii: "m"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "s") {
                unit = 4
                index += 2
            } else {
                switch bytes[index] {
                case UInt8(ascii: "d"): unit = 0
                case UInt8(ascii: "h"): unit = 1
                case UInt8(ascii: "m"): unit = 2
                case UInt8(ascii: "s"): unit = 3
                default: return nil
                }
                index += 1
            }
            guard unit >= nextUnit else { return nil }
            nextUnit = unit + 1
            guard let quantity = UInt64(String(decoding: bytes[start..<(index - (unit == 4 ? 2 : 1))], as: UTF8.self))
            else {
                return nil
            }
            quantities[unit] = quantity
        }
        guard quantities[4] <= UInt64(Int64.max) + (negative ? 1 : 0) else { return nil }
        var total: Int64 =
            negative ? (quantities[4] == UInt64(Int64.max) + 1 ? .min : -Int64(quantities[4])) : Int64(quantities[4])
        let factors: [Int64] = [86_400_000, 3_600_000, 60_000, 1_000]
        for unit in [3, 2, 1, 0] {
            guard quantities[unit] <= UInt64(Int64.max) else { return nil }
            let (product, overflow) = Int64(quantities[unit]).multipliedReportingOverflow(by: factors[unit])
            guard !overflow else { return nil }
            let (sum, overflow2) =
                negative ? total.subtractingReportingOverflow(product) : total.addingReportingOverflow(product)
            guard !overflow2 else { return nil }
            total = sum
        }
        return total
    }

    /// `datetime`: `YYYY-MM-DD`, optionally followed by `Thh:mm:ss`, an optional `.SSS`, and `Z`
    /// or an offset `(+|-)hhmm`; in milliseconds since the Unix epoch.
    static func datetime(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int64? {
            guard range.upperBound <= bytes.count, bytes[range].allSatisfy(isDigit) else { return nil }
            return Int64(String(decoding: bytes[range], as: UTF8.self))
        }
        guard bytes.count >= 10, let year = number(0..<4), bytes[4] == UInt8(ascii: "-"), let month = number(5..<7),
            bytes[7] == UInt8(ascii: "-"), let day = number(8..<10)
        else { return nil }
        var hour: Int64 = 0
        var minute: Int64 = 0
        var second: Int64 = 0
        var millisecond: Int64 = 0
        var offsetSeconds: Int64 = 0
        if bytes.count > 10 {
            guard bytes.count >= 19, bytes[10] == UInt8(ascii: "T"), let h = number(11..<13),
                bytes[13] == UInt8(ascii: ":"),
                let m = number(14..<16), bytes[16] == UInt8(ascii: ":"), let s = number(17..<19)
            else { return nil }
            (hour, minute, second) = (h, m, s)
            var index = 19
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                guard let ms = number((index + 1)..<(index + 4)) else { return nil }
                millisecond = ms
                index += 4
            }
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: "Z"), index + 1 == bytes.count {
                offsetSeconds = 0
            } else if bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-"), index + 5 == bytes.count,
                let offsetHour = number((index + 1)..<(index + 3)), let offsetMinute = number((index + 3)..<(index + 5))
            {
                guard offsetHour < 24, offsetMinute < 60 else { return nil }
                offsetSeconds = (offsetHour * 3600 + offsetMinute * 60) * (bytes[index] == UInt8(ascii: "+") ? 1 : -1)
            } else {
                return nil
            }
        }
        guard (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month) else { return nil }
        guard hour < 24, minute < 60, second < 60 else { return nil }
        let days = daysSinceEpoch(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return seconds * 1000 + millisecond
    }

    /// `ip`: an IPv4 or IPv6 address with an optional `/prefix`, as Cedar reads it (no leading
    /// zeros in IPv4 parts or prefixes, no IPv4 embedded in IPv6, at most 43 characters).
    static func ip(_ text: String) -> ExtensionValue.Storage? {
        guard text.utf8.count <= 43 else { return nil }
        if text.utf8.filter({ $0 == UInt8(ascii: ":") }).count >= 2,
            text.utf8.filter({ $0 == UInt8(ascii: ".") }).count >= 2
        {
            return nil
        }
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let address = parts[0]
        if let v4 = ipv4(address) {
            guard let prefix = parts.count == 2 ? prefixLength(parts[1], maximum: 32, maximumDigits: 2) : 32 else {
                return nil
            }
            return .ip(isV6: false, high: 0, low: UInt64(v4), prefix: prefix)
        }
        if let (high, low) = ipv6(address) {
            guard let prefix = parts.count == 2 ? prefixLength(parts[1], maximum: 128, maximumDigits: 3) : 128 else {
                return nil
            }
            return .ip(isV6: true, high: high, low: low, prefix: prefix)
        }
        return nil
    }

    private static func prefixLength(_ text: Substring, maximum: UInt8, maximumDigits: Int) -> UInt8? {
        guard !text.isEmpty, text.utf8.count <= maximumDigits, text.utf8.allSatisfy(isDigit) else { return nil }
        guard text == "0" || text.first != "0", let value = UInt8(text), value <= maximum else { return nil }
        return value
    }

    private static func ipv4(_ text: Substring) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var result: UInt32 = 0
        for part in parts {
            guard !part.isEmpty, part.utf8.count <= 3, part.utf8.allSatisfy(isDigit), part == "0" || part.first != "0",
                let value = UInt32(part), value <= 255
            else { return nil }
            result = result << 8 | value
        }
        return result
    }

    private static func ipv6(_ text: Substring) -> (UInt64, UInt64)? {
        func groups(_ part: Substring) -> [UInt16]? {
            if part.isEmpty { return [] }
            var result: [UInt16] = []
            for group in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard !group.isEmpty, group.utf8.count <= 4,
                    group.unicodeScalars.allSatisfy(\.properties.isASCIIHexDigit),
                    let value = UInt16(group, radix: 16)
                else { return nil }
                result.append(value)
            }
            return result
        }
        var words: [UInt16]
        if let range = text.range(of: "::") {
            guard let head = groups(text[..<range.lowerBound]), let tail = groups(text[range.upperBound...]),
                head.count + tail.count <= 7
            else { return nil }
            words = head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        } else {
            guard let all = groups(text), all.count == 8 else { return nil }
            words = all
        }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for index in 0..<4 { high = high << 16 | UInt64(words[index]) }
        for index in 4..<8 { low = low << 16 | UInt64(words[index]) }
        return (high, low)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to `year`-`month`-`day` (negative before), by the proleptic
    /// Gregorian calendar, for any valid day of any year (Howard Hinnant's days_from_civil).
    private static func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
