import Foundation
import ArgumentParser
import RegistroKit

extension Registro {
    /// `registro beneficiary`: people served.
    struct Beneficiary: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record beneficiaries and find them by codice fiscale.",
            subcommands: [Add.self, Find.self])

        /// `registro beneficiary add`.
        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Record a beneficiary; prints their new pseudonymous id.",
                discussion: """
                    Every personal field is sealed under the person's own data key, and so are \
                    special-category vulnerabilities (health, addiction, detention, …); sex, birth \
                    year, citizenship, comune and the other vulnerabilities are kept in clear for \
                    statistics. The person is owned by your organisation (--as).

                    Example:
                      registro beneficiary add --given-name Maria --family-name Rossi \\
                        --cf RSSMRA85T50A479J --birth-date 10/12/1985 --sex F --citizenship IT \\
                        --comune Asti --vulnerabilities disoccupazione --ref AT-2020-17 --as mrossi
                    """)

            @OptionGroup var registry: RegistryOptions

            @Option var givenName: String
            @Option var familyName: String
            @Option(help: "Codice fiscale (16 characters).") var cf: String?
            @Option(help: "YYYY-MM-DD or DD/MM/YYYY.") var birthDate: String?
            @Option(help: "F, M or X (taken from the codice fiscale when left out).") var sex: String?
            @Option(help: "IT, EU or EXTRA_EU.") var citizenship: String?
            @Option var comune: String?
            @Option var phone: String?
            @Option var email: String?
            @Option var address: String?
            @Option(help: "Vulnerability codes, comma-separated (see `registro codes vulnerability`).") var vulnerabilities: String?
            @Option(help: "Your organisation's own file number.") var ref: String?
            @Option(help: "Free-text notes.") var notes: String?
            @Option(help: "Special-category data: health, disability, judicial notes.") var sensitive: String?

            func run() throws {
                try reportingErrors {
                    var fields = BeneficiaryFields()
                    fields.givenName = givenName
                    fields.familyName = familyName
                    fields.codiceFiscale = cf
                    fields.birthDate = birthDate
                    fields.sex = sex
                    fields.citizenship = citizenship
                    fields.comune = comune
                    fields.phone = phone
                    fields.email = email
                    fields.address = address
                    fields.vulnerabilities = vulnerabilities
                    fields.ref = ref
                    fields.notes = notes
                    fields.sensitive = sensitive
                    print(try registry.session().records.addBeneficiary(fields))
                }
            }
        }

        /// `registro beneficiary find`.
        struct Find: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Print the pseudonymous id of the person with a codice fiscale.",
                discussion: """
                    Looks the codice fiscale up by its blind index, without decrypting anything. \
                    Prints the id only, never which organisation serves the person; exits 1 when \
                    nobody has the code.

                    Example:
                      registro beneficiary find --cf RSSMRA85T50A479J --as mrossi
                    """)

            @OptionGroup var registry: RegistryOptions

            @Option(help: "Codice fiscale (16 characters).") var cf: String

            func run() throws {
                try reportingErrors {
                    guard let id = try registry.session().records.findBeneficiary(codiceFiscale: cf) else {
                        printError("nobody in the registry has this codice fiscale")
                        throw ExitCode(1)
                    }
                    print(id)
                }
            }
        }
    }
}
