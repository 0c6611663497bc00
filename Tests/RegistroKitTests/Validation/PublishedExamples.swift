import RegistroKit
import Testing

/// Codici fiscali published as worked examples, with what they encode. Each is fictitious.
///
/// Sources:
/// - `MRTMTT25D09F205Z` (Matteo Moretti, man, born in Milano, F205, on 9 April 1925) and
///   `MLLSNT82P65Z404U` (Samantha Miller, woman, born in the United States, Z404, on 25 September
///   1982): the worked examples of Wikipedia's "Italian fiscal code" article, repeated by many
///   validator libraries.
/// - `RCCMNL83S18D969H` (man, 18 November 1983) and `CNTCHR83T41D969D` (woman, 1 December 1983):
///   the doctests of python-stdnum, `stdnum/it/codicefiscale.py`.
/// - `CCCFBA85D03L219P` (Fabio Caccamo, man, born in Torino, L219, on 3 April 1985) and its seven
///   omocodic variants: the README of python-codicefiscale (fabiocaccamo/python-codicefiscale).
/// - `RSSMRA85T10A562S` (Mario Rossi, man, 10 December 1985): the example most widely copied in
///   Italian documentation and test suites.
struct PublishedExample: Sendable, CustomTestStringConvertible {
    let code: String
    let familyName: String?
    let givenName: String?
    let sex: CodiceFiscale.Sex
    let birth: (year: Int, month: Int, day: Int)
    let place: String

    var testDescription: String { code }

    static let all: [PublishedExample] = [
        .init(
            code: "MRTMTT25D09F205Z", familyName: "Moretti", givenName: "Matteo", sex: .male,
            birth: (1925, 4, 9), place: "F205"),
        .init(
            code: "MLLSNT82P65Z404U", familyName: "Miller", givenName: "Samantha", sex: .female,
            birth: (1982, 9, 25), place: "Z404"),
        .init(
            code: "RCCMNL83S18D969H", familyName: nil, givenName: nil, sex: .male,
            birth: (1983, 11, 18), place: "D969"),
        .init(
            code: "CNTCHR83T41D969D", familyName: nil, givenName: nil, sex: .female,
            birth: (1983, 12, 1), place: "D969"),
        .init(
            code: "CCCFBA85D03L219P", familyName: "Caccamo", givenName: "Fabio", sex: .male,
            birth: (1985, 4, 3), place: "L219"),
        .init(
            code: "RSSMRA85T10A562S", familyName: "Rossi", givenName: "Mario", sex: .male,
            birth: (1985, 12, 10), place: "A562"),
    ]

    /// The omocodic variants of `CCCFBA85D03L219P` listed by python-codicefiscale, with one to
    /// seven digits replaced from the right.
    static let caccamoVariants = [
        "CCCFBA85D03L21VE", "CCCFBA85D03L2MVP", "CCCFBA85D03LNMVE", "CCCFBA85D0PLNMVA",
        "CCCFBA85DLPLNMVL", "CCCFBA8RDLPLNMVX", "CCCFBAURDLPLNMVU",
    ]
}
