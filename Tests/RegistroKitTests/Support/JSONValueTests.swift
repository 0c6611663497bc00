import Testing

@testable import RegistroKit

@Suite("JSON values: the text the CLI prints and the server sends")
struct JSONValueTests {
    static let sample: JSONValue = .object([
        ("text", .string("Zoë \"la\" \\ d'Arco\n\t\r\u{1}\u{1F}\u{7F} €")), ("none", .null), ("yes", .bool(true)),
        ("count", .int(-42)), ("hours", .double(1.5)), ("whole", .double(2)), ("nan", .double(.nan)),
        ("list", .array([.int(1), .array([]), .object([])])), ("nested", .object([("a", .array([.string("b")]))])),
    ])

    @Test("quotes, backslashes and control characters are escaped; every other character is kept as UTF-8")
    func escaping() {
        #expect(
            JSONValue.string("Zoë \"la\" \\ d'Arco\n\t\r\u{1}\u{1F}\u{7F} €").encoded(pretty: false)
                == "\"Zoë \\\"la\\\" \\\\ d'Arco\\n\\t\\r\\u0001\\u001f\u{7F} €\"")
    }

    @Test("compact text puts a space after commas and colons; numbers as the CLI prints them")
    func compact() {
        #expect(
            Self.sample.encoded(pretty: false)
                == #"{"text": "Zoë \"la\" \\ d'Arco\n\t\r\u0001\u001f"# + "\u{7F}"
                + #" €", "none": null, "yes": true, "#
                + #""count": -42, "hours": 1.5, "whole": 2, "nan": null, "list": [1, [], {}], "#
                + #""nested": {"a": ["b"]}}"#)
    }

    @Test("pretty text indents by two spaces and keeps empty containers on one line")
    func pretty() {
        let value: JSONValue = .object([("list", .array([.int(1), .array([])])), ("empty", .object([]))])
        #expect(value.encoded(pretty: true) == "{\n  \"list\": [\n    1,\n    []\n  ],\n  \"empty\": {}\n}")
    }

    @Test("integers are written as Swift writes them, from the smallest to the largest")
    func integers() {
        for value: Int64 in [0, 7, -7, 10, -10, 1_234_567_890, .max, .min, .max - 1, .min + 1] {
            #expect(JSONValue.int(value).encoded(pretty: false) == String(value))
        }
    }
}
