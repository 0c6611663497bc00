import ArgumentParser
import RegistroKit
import RegistroOutput

extension Registro {
    /// `registro user`: operators.
    struct User: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "user",
            abstract: "Add and list the registry's users; set their passwords and authenticators.",
            subcommands: [Add.self, List.self, Password.self, Totp.self])

        /// `registro user add`.
        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add",
                abstract: "Add a user of an organisation.",
                discussion: """
                    Roles: social_worker, coordinator, privacy_officer, admin. The registry's \
                    operator (no --as, keyring unlocked) adds users of any organisation, such as \
                    its first admin; an admin (--as) adds only its own organisation's users.

                    Examples:
                      registro user add --id coala-admin --name "Amministrazione Co.Al.A." --org coala --role admin
                      registro user add --id mrossi --name "Maria Rossi" --org coala --role social_worker \\
                        --as coala-admin
                    """)

            @OptionGroup var registry: RegistryOptions

            @Option(help: "The user's id, used with --as.")
            var id: String

            @Option(help: "The user's name.")
            var name: String

            @Option(help: "The user's organisation.")
            var org: String

            @Option(help: "social_worker, coordinator, privacy_officer or admin.")
            var role: String

            func run() throws {
                try reportingErrors {
                    let user = Operator(id: id, name: name, org: org, role: try Role.parse(role, field: "--role"))
                    try registry.organisations().addUser(user)
                    confirm(
                        "cli_done_user_added",
                        [
                            "id": user.id, "org": user.org,
                            "role": CommandLanguage.catalogue["role_\(user.role.rawValue)"].lowercased(),
                        ])
                }
            }
        }

        /// `registro user list`.
        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "List the users.")

            @OptionGroup var registry: OperatorOptions
            @OptionGroup var output: FormatOption<UserListView>

            func run() throws {
                try reportingErrors {
                    try output.print(
                        UserListView(try registry.open().organisations().users(), language: CommandLanguage.current))
                }
            }
        }
    }
}
