import ArgumentParser
import RegistroKit

extension Registro {
    /// `registro delivery`: services delivered.
    struct Delivery: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "delivery",
            abstract: "Record service deliveries.",
            subcommands: [Add.self])

        /// `registro delivery add`.
        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add",
                abstract: "Record a service delivered by your organisation; prints its id.",
                discussion: """
                    Example:
                      registro delivery add --beneficiary B7K3M9Q2X4TA --service RT.LAV01 \\
                        --date 2020-03-02 --hours 1,5 --channel cpi --outcome in_corso --impact 7 \\
                        --project wecare2 --as coala-sw
                    """)

            @OptionGroup var registry: RegistryOptions

            @Option(help: "The beneficiary's pseudonymous id.") var beneficiary: String
            @Option(help: "Service code (see `registro codes service`).") var service: String
            @Option(help: "YYYY-MM-DD or DD/MM/YYYY.") var date: String
            @Option(help: "Hours, e.g. 1,5.") var hours: String?
            @Option(help: "Referral channel (see `registro codes channel`).") var channel: String?
            @Option(help: "Outcome (see `registro codes outcome`).") var outcome: String?
            @Option(help: "Impact rating, 1 to 10.") var impact: String?
            @Option(help: "Project or funding line.") var project: String?
            @Option(help: "Free-text notes (sealed).") var notes: String?

            func run() throws {
                try reportingErrors {
                    var fields = DeliveryFields()
                    fields.serviceCode = service
                    fields.date = date
                    fields.hours = hours
                    fields.channel = channel
                    fields.outcome = outcome
                    fields.impact = impact
                    fields.project = project
                    fields.notes = notes
                    let id = try registry.session().records.addDelivery(beneficiary: beneficiary, fields)
                    print(id)
                }
            }
        }
    }
}
