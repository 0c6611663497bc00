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

    /// The demo's organisations, as the seed names them.
    static let organisations = [
        Organisation(
            id: "coala", name: "Consorzio Sociale Asti-Alessandria scs (Co.Al.A.)", kind: .ets,
            runtsSection: .impresaSociale, territory: "asti", axes: ["lavoro"], networks: [network.id]),
        Organisation(
            id: "la-strada", name: "Cooperativa La Strada scs", kind: .ets,
            runtsSection: .impresaSociale, territory: "asti", axes: ["poverta_educativa"], networks: [network.id]),
        Organisation(
            id: "jokko", name: "Jokko Società Cooperativa Sociale", kind: .ets,
            runtsSection: .impresaSociale, territory: "asti", axes: ["housing"], networks: [network.id]),
        Organisation(
            id: "azimut", name: "Azimut Cooperativa Sociale", kind: .ets,
            runtsSection: .impresaSociale, territory: "aree-interne", axes: ["poverta_educativa"],
            networks: [network.id]),
        Organisation(
            id: "idea-lavoro", name: "Consorzio Idea Agenzia per il Lavoro scs", kind: .ets,
            runtsSection: .impresaSociale, territory: "aree-interne", axes: ["lavoro"], networks: [network.id]),
        Organisation(
            id: "marcondiro", name: "Marcondiro Cooperativa Sociale", kind: .ets,
            runtsSection: .impresaSociale, territory: "aree-interne", axes: ["lavoro"], networks: [network.id]),
        Organisation(
            id: "crescereinsieme", name: "CrescereInsieme scs ONLUS", kind: .ets,
            runtsSection: .impresaSociale, territory: "aree-interne", axes: ["housing", "poverta_educativa"],
            networks: [network.id]),
        Organisation(
            id: "coompany", name: "Coompany& Cooperativa Sociale", kind: .ets,
            runtsSection: .impresaSociale, territory: "alessandria", axes: ["housing"], networks: [network.id]),
        Organisation(
            id: "cambalache", name: "APS Cambalache", kind: .ets,
            runtsSection: .aps, territory: "alessandria", axes: ["lavoro"], networks: [network.id]),
        Organisation(
            id: "cultura-sviluppo", name: "Associazione Cultura e Sviluppo", kind: .ets,
            runtsSection: .aps, territory: "alessandria", axes: ["poverta_educativa"], networks: [network.id]),
        Organisation(
            id: "gapp", name: "APS Gapp Gruppo Associato per la Psicoterapia Psicodinamica", kind: .ets,
            runtsSection: .aps, territory: "alessandria", axes: ["poverta_educativa"], networks: [network.id]),
        Organisation(
            id: "punto-lavoro", name: "Punto Lavoro Impressioni Grafiche scs ONLUS", kind: .ets,
            runtsSection: .impresaSociale, territory: "asti", axes: [], networks: [network.id]),
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
