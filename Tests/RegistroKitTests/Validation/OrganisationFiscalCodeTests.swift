import RegistroKit
import Testing

@Suite struct OrganisationFiscalCodeTests {
    /// Fiscal codes that public bodies publish on their own sites and documents.
    @Test(arguments: [
        "06363391001",  // Agenzia delle Entrate
        "80078750587",  // INPS
        "80188230587",  // Presidenza del Consiglio dei Ministri
        "80087670016",  // Regione Piemonte
        "02438750586",  // Roma Capitale
        "00429440068",  // Comune di Alessandria
        "00072360050",  // Comune di Asti
        "00743110157",  // the partita IVA in python-stdnum's doctests
    ])
    func acceptsPublishedFiscalCodesOfPublicBodies(_ code: String) throws {
        #expect(try OrganisationFiscalCode.validated(code) == code)
    }

    @Test func normalisesSpacesAndTheCountryPrefix() throws {
        #expect(try OrganisationFiscalCode.validated(" 063 633 91001 ") == "06363391001")
        #expect(try OrganisationFiscalCode.validated("IT06363391001") == "06363391001")
        #expect(try OrganisationFiscalCode.validated("it 06363391001") == "06363391001")
    }

    @Test func rejectsEveryWrongCheckDigit() {
        for digit in "0123456789" where digit != "1" {
            let problem = problem(organisationCode: "0636339100" + String(digit))
            #expect(problem?.position == 11)
            #expect(problem?.message.hasPrefix("character 11 should be the check digit") == true)
        }
        #expect(problem(organisationCode: "IT06363391002")?.position == 13)
    }

    @Test func detectsEverySingleDigitTypingError() {
        let original = Array("80087670016")
        for index in 0..<10 {
            for digit in "0123456789" where digit != original[index] {
                var typo = original
                typo[index] = digit
                #expect(problem(organisationCode: String(typo)) != nil, "position \(index + 1) to \(digit)")
            }
        }
    }

    @Test func namesTheFirstCharacterThatIsNotADigit() {
        #expect(problem(organisationCode: "0636339A001")?.position == 8)
        #expect(problem(organisationCode: "06363391OO1")?.position == 9)
        #expect(problem(organisationCode: "0636339100é")?.position == 11)
    }

    @Test func explainsWrongLengthsAndTheAllZeroCode() {
        #expect(problem(organisationCode: "")?.message.hasPrefix("is empty") == true)
        #expect(problem(organisationCode: "0636339100")?.message.hasPrefix("has 10 characters") == true)
        #expect(problem(organisationCode: "RSSMRA85T10A562S")?.message.contains("codice fiscale of a person") == true)
        #expect(problem(organisationCode: "00000000000")?.message.hasPrefix("is all zeros") == true)
    }
}
