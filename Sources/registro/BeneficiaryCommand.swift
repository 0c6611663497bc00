import Foundation
import ArgumentParser
import RegistroKit
import RegistroOutput

extension Registro {
    /// `registro beneficiary`: people served.
    struct Beneficiary: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "beneficiary",
            abstract: "Record beneficiaries, find them and list your organisation's own.",
            subcommands: [Add.self, Find.self, List.self])

        /// `registro beneficiary add`.
        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add",
                abstract: "Record a beneficiary; prints their new pseudonymous id.",
                discussion: """
                    Every personal field is sealed under the person's own data key, and so are \
                    special-category vulnerabilities (health, addiction, detention, …); sex, birth \
                    year, citizenship, comune and the other vulnerabilities are kept in clear for \
                    statistics. The person is owned by your organisation (--as).

                    Example:
                      registro beneficiary add --given-name Maria --family-name Rossi \\
                        --cf RSSMRA85T50A479J --birth-date 10/12/1985 --sex F --citizenship IT \\
                        --comune Asti --vulnerabilities disoccupazione --ref AT-2020-17 --as coala-sw
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
            @Option(help: "Vulnerability codes, comma-separated (see `registro codes vulnerability`).")
            var vulnerabilities: String?
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
                commandName: "find",
                abstract: "Print the pseudonymous id of a person, by codice fiscale, file number or name.",
                discussion: """
                    --cf looks the codice fiscale up by its blind index, without decrypting \
                    anything, among everyone in the registry; it prints the id only, never which \
                    organisation serves the person. --ref and --name search your organisation's own \
                    people only (--name opens their names: a part of the given or family name, \
                    compared without case, accents, apostrophes or spaces), printing one id a line. \
                    Every search is audited. Exits 1 when nobody is found.

                    Examples:
                      registro beneficiary find --cf RSSMRA85T50A479J --as coala-sw
                      registro beneficiary find --ref AT-2020-17 --as coala-sw
                      registro beneficiary find --name "dell'acqua" --as coala-sw
                    """)

            @OptionGroup var registry: RegistryOptions

            @Option(help: "Codice fiscale (16 characters).") var cf: String?
            @Option(help: "Your organisation's own file number.") var ref: String?
            @Option(help: "Part of a given or family name, among your organisation's own people.") var name: String?

            func validate() throws {
                guard [cf, ref, name].compactMap({ $0 }).count == 1 else {
                    throw ValidationError(worded("cli_find_give_one"))
                }
            }

            func run() throws {
                try reportingErrors {
                    let records = try registry.session().records
                    let found: [String]
                    if let cf {
                        found = try records.findBeneficiary(codiceFiscale: cf).map { [$0] } ?? []
                    } else if let ref {
                        found = try records.findOwnBeneficiary(ref: ref).map { [$0] } ?? []
                    } else {
                        found = try records.findOwnBeneficiaries(name: name ?? "")
                    }
                    guard !found.isEmpty else {
                        printError(worded(cf != nil ? "cli_find_nobody_cf" : "cli_find_nobody"))
                        throw ExitCode(1)
                    }
                    found.forEach { print($0) }
                }
            }
        }

        /// `registro beneficiary list`.
        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "list",
                abstract: "List your organisation's own people: id, file number, date recorded.",
                discussion: """
                    Oldest first, \(RecordsService.pageSize) a page; nothing sealed is opened. The \
                    listing is audited.

                    Example:
                      registro beneficiary list --page 2 --as coala-sw
                    """)

            @OptionGroup var registry: RegistryOptions

            @Option(help: "The page to show, from 1.") var page: Int = 1

            func run() throws {
                try reportingErrors {
                    let list = try registry.session().records.listOwnBeneficiaries(page: page)
                    let catalogue = CommandLanguage.catalogue
                    for person in list.people {
                        // The day in the display time zone, as every time shown.
                        let recorded = String(catalogue.time(person.createdAt).prefix(10))
                        print([person.id, person.ref ?? "-", recorded].joined(separator: "  "))
                    }
                    print(
                        catalogue.text(
                            list.total == 1 ? "cli_people_page_one" : "cli_people_page",
                            ["page": String(list.page), "pages": String(list.pageCount), "total": String(list.total)]))
                }
            }
        }
    }
}
