/// Name lists for synthetic people: common Italian names and names common among people who
/// moved to Piedmont from abroad. Any resemblance to a real person is chance.
enum SyntheticNames {
    static let italianFemale = [
        "Giulia", "Francesca", "Chiara", "Sara", "Martina", "Valentina", "Alessia", "Elisa", "Federica",
        "Silvia", "Paola", "Laura", "Anna", "Maria", "Giovanna", "Rosa", "Lucia", "Elena", "Noemi", "Sofia",
        "Aurora", "Beatrice", "Ginevra", "Irene", "Marta", "Nicoletta", "Daniela", "Simona", "Teresa", "Carla",
    ]
    static let italianMale = [
        "Marco", "Luca", "Andrea", "Matteo", "Alessandro", "Francesco", "Lorenzo", "Davide", "Simone",
        "Federico", "Giuseppe", "Giovanni", "Antonio", "Paolo", "Stefano", "Roberto", "Mario", "Enrico",
        "Niccolò", "Tommaso", "Riccardo", "Gabriele", "Pietro", "Emanuele", "Fabio", "Claudio", "Sergio",
    ]
    static let italianFamily = [
        "Rossi", "Ferrero", "Bianchi", "Colombo", "Bruno", "Ricci", "Marino", "Greco", "Gallo", "Costa",
        "Fontana", "Conti", "Esposito", "Rinaldi", "Caruso", "Ferrari", "Barbero", "Gatti", "Cerutti", "Bosco",
        "Musso", "Gianoglio", "Garrone", "Bertolino", "Cavallero", "Torchio", "Vercelli", "Dell'Acqua",
        "Lo Russo", "De Santis", "Sacco", "Negro", "Aimone", "Bonino", "Perrone", "Accornero", "Truffa",
    ]
    static let foreignFemale = [
        "Fatima", "Aicha", "Khadija", "Ioana", "Elena", "Mariana", "Blessing", "Joy", "Amina", "Oksana",
        "Nadia", "Fatou", "Awa", "Mirela", "Xhenet", "Lindita",
    ]
    static let foreignMale = [
        "Mohamed", "Youssef", "Ahmed", "Ion", "Mihai", "Andrei", "Chinedu", "Emeka", "Moussa", "Mamadou",
        "Ibrahima", "Arben", "Ilir", "Taras", "Omar", "Samir",
    ]
    static let foreignFamily = [
        "El Amrani", "Benali", "Popescu", "Ionescu", "Okafor", "Adeyemi", "Diallo", "Ndiaye", "Hoxha",
        "Shehu", "Kovalenko", "Boiko", "Haddad", "Sow", "Traoré", "Balan",
    ]

    /// Belfiore codes of foreign states of birth, for EU and extra-EU people.
    static let euStates = ["Z129", "Z127", "Z110"]  // Romania, Polonia, Francia
    // Marocco, Albania, Nigeria, Senegal, Ucraina, Tunisia.
    static let extraEUStates = ["Z330", "Z100", "Z335", "Z343", "Z138", "Z352"]
}
