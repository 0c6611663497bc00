// Fuzz target for the fiscal code validators: any text must be accepted or refused with a
// `FieldProblem`, as a person's codice fiscale and as an organisation's fiscal code. What is
// accepted must keep the validators' promises: the normalised form validates to itself, a
// person's code yields its birth data and its omocodic variants, an organisation's code is 11
// digits. A broken promise stops the process, which libFuzzer records as a crash.
//
// `make fuzz TARGET=codice-fiscale` runs it under libFuzzer; `swift run CodiceFiscaleFuzz FILE…`
// replays inputs, printing whether each was accepted (never the code itself).

import FuzzDriver
import RegistroKit

/// Validates one input as both kinds of fiscal code, checking what each validator promises.
func validateFiscalCodes(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    // Invalid UTF-8 reaches the validators as U+FFFD, as it would from a decoded field.
    let text = String(decoding: bytes, as: UTF8.self)
    return "person: \(checkPerson(text)); organisation: \(checkOrganisation(text))"
}

/// Validates `text` as a person's codice fiscale.
func checkPerson(_ text: String) -> String {
    let code: CodiceFiscale
    do {
        code = try CodiceFiscale(text)
    } catch {
        checkProblem(error, in: text)
        return "refused"
    }
    let value = code.value
    precondition(
        value.utf8.count == 16 && value.utf8.allSatisfy { isUpperOrDigit($0) },
        "a normalised codice fiscale is 16 upper-case letters and digits")
    precondition((try? CodiceFiscale.normalised(value)) == value, "a normalised codice fiscale validates to itself")
    precondition(
        (1...12).contains(code.birthMonth) && (1...31).contains(code.birthDay), "the birth month and day are in range")
    // 29 February is accepted only where the two-digit year can be a leap year, as it is in 2000–2099.
    guard let birthDate = code.birthDate(inCenturyStarting: 2000) else {
        preconditionFailure("an accepted code has a birth date in 2000–2099")
    }
    precondition(code.isConsistent(withBirthDate: birthDate), "a code agrees with the birth date it encodes")
    for substitutions in 1...7 {
        let variant = code.omocodicVariant(substitutions: substitutions)
        precondition((try? CodiceFiscale.normalised(variant.value)) == variant.value, "an omocodic variant is valid")
        precondition(variant.isOmocodic && variant.sex == code.sex, "an omocodic variant is omocodic and keeps the sex")
        precondition(
            variant.birthDay == code.birthDay && variant.birthMonth == code.birthMonth,
            "an omocodic variant keeps the birth date")
    }
    return code.isOmocodic ? "valid, omocodic" : "valid"
}

/// Validates `text` as an organisation's fiscal code.
func checkOrganisation(_ text: String) -> String {
    let value: String
    do {
        value = try OrganisationFiscalCode.validated(text)
    } catch {
        checkProblem(error, in: text)
        return "refused"
    }
    precondition(
        value.utf8.count == 11 && value.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") },
        "an organisation's fiscal code is 11 digits")
    precondition(
        (try? OrganisationFiscalCode.validated(value)) == value, "a normalised fiscal code validates to itself")
    return "valid"
}

/// Checks that a refusal says something and points inside the text.
func checkProblem(_ problem: FieldProblem, in text: String) {
    precondition(!problem.message.isEmpty, "a refusal says what is wrong")
    if let position = problem.position {
        precondition(
            position >= 1 && position <= text.unicodeScalars.count, "a refusal points at a character of the text")
    }
}

/// Whether `byte` is an ASCII upper-case letter or digit.
func isUpperOrDigit(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
}

/// The program: the fuzz driver running `validateFiscalCodes`.
@main
enum CodiceFiscaleFuzz {
    static func main() { FuzzDriver.main(validateFiscalCodes) }
}
