/// The synthetic network the demo builds, modelled on the Quadrante AL&AT partnership
/// (seed document 003): its organisations on three territorial nodes (Asti, Alessandria,
/// aree interne) and three axes (housing, lavoro, povertà educativa).
enum DemoNetwork {
    /// The network all demo organisations belong to.
    static let network = Network(id: "quadrante-alat", name: "Quadrante AL&AT Terzo Settore")

    /// A territory with the comuni its people live in, and their Belfiore codes (used only to
    /// compute fake codici fiscali).
    struct Territory {
        let id: String
        let comuni: [(name: String, belfiore: String)]
    }

    static let territories = [
        Territory(id: "asti", comuni: [("Asti", "A479"), ("Villanova d'Asti", "L945"), ("Nizza Monferrato", "F902")]),
        Territory(id: "alessandria", comuni: [("Alessandria", "A182"), ("Casale Monferrato", "B885")]),
        Territory(
            id: "aree-interne",
            comuni: [
                ("Novi Ligure", "F965"), ("Acqui Terme", "A052"), ("Ovada", "G197"), ("Tortona", "L304"),
            ]),
    ]

    /// The demo's organisations, as the seed names them: every one an ETS of the network.
    static let organisations = members.map { member in
        Organisation(
            id: member.id, name: member.name, kind: .ets, runtsSection: member.section, territory: member.territory,
            axes: member.axes, networks: [network.id])
    }

    /// A member of the network: its id, name, RUNTS section, territory and axes.
    private typealias Member = (id: String, name: String, section: RuntsSection, territory: String, axes: [String])

    /// The members of the network, one a row.
    private static let members: [Member] =
        [
            ("coala", "Consorzio Sociale Asti-Alessandria scs (Co.Al.A.)", .impresaSociale, "asti", ["lavoro"]),
            ("la-strada", "Cooperativa La Strada scs", .impresaSociale, "asti", ["poverta_educativa"]),
            ("jokko", "Jokko Società Cooperativa Sociale", .impresaSociale, "asti", ["housing"]),
            ("azimut", "Azimut Cooperativa Sociale", .impresaSociale, "aree-interne", ["poverta_educativa"]),
            ("idea-lavoro", "Consorzio Idea Agenzia per il Lavoro scs", .impresaSociale, "aree-interne", ["lavoro"]),
            ("marcondiro", "Marcondiro Cooperativa Sociale", .impresaSociale, "aree-interne", ["lavoro"]),
            (
                "crescereinsieme", "CrescereInsieme scs ONLUS", .impresaSociale, "aree-interne",
                ["housing", "poverta_educativa"]
            ),
            ("coompany", "Coompany& Cooperativa Sociale", .impresaSociale, "alessandria", ["housing"]),
            ("cambalache", "APS Cambalache", .aps, "alessandria", ["lavoro"]),
            ("cultura-sviluppo", "Associazione Cultura e Sviluppo", .aps, "alessandria", ["poverta_educativa"]),
            (
                "gapp", "APS Gapp Gruppo Associato per la Psicoterapia Psicodinamica", .aps, "alessandria",
                ["poverta_educativa"]
            ),
            ("punto-lavoro", "Punto Lavoro Impressioni Grafiche scs ONLUS", .impresaSociale, "asti", []),
        ]

    /// The organisation that maintains the registry: home of the admin and the privacy officer.
    static let maintainer = "punto-lavoro"

    /// The demo's users: a social worker and a coordinator per serving organisation, the
    /// maintainer's admin and privacy officer, and Co.Al.A.'s own privacy officer, who acts on
    /// Co.Al.A.'s people (erasure, restriction, the review of emergency accesses).
    static var operators: [Operator] {
        var users = [
            Operator(id: "admin", name: "Amministrazione del registro", org: maintainer, role: .admin),
            Operator(id: "dpo", name: "Responsabile protezione dati", org: maintainer, role: .privacyOfficer),
            Operator(id: "coala-dpo", name: "Privacy Co.Al.A.", org: "coala", role: .privacyOfficer),
        ]
        for organisation in organisations where !organisation.axes.isEmpty {
            users.append(
                Operator(
                    id: "\(organisation.id)-sw", name: "Operatore \(organisation.id)", org: organisation.id,
                    role: .socialWorker))
            users.append(
                Operator(
                    id: "\(organisation.id)-coord", name: "Coordinamento \(organisation.id)", org: organisation.id,
                    role: .coordinator))
        }
        return users
    }
}
