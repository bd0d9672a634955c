/// Realistic Lübeck organisations and rooms for `raumboerse demo`; plain strings so the
/// catalogue stays readable and the loader converts them to domain values in one place.
struct DemoOrganisation {
    let key: String            // short unique identifier, e.g. "awo-moisling"
    let name: String
    let kind: String           // "nonprofit" | "company" | "public" | "other"
    let district: String       // one of the ten slugs below
    let description: String    // 2–4 German sentences
    let website: String?       // plausible, use the .example TLD, e.g. "https://awo-moisling.example"
    let email: String          // e.g. "kontakt@awo-moisling.example"
    let phone: String?         // Lübeck numbers look like "0451 123456"
    let trusted: Bool
}

struct DemoRoom {
    let organisation: String   // DemoOrganisation.key
    let title: String
    let description: String    // 3–6 German sentences, may contain "\n\n" between paragraphs
    let district: String
    let street: String         // a real-sounding street in that Stadtteil, with house number
    let postcode: String       // a real Lübeck postcode for that area (23552–23570)
    let capacity: Int
    let areaM2: Int?
    let priceModel: String     // "free" | "free_nonprofit" | "donation" | "fee"
    let pricePerHourCents: Int? // only with "fee", e.g. 2500 = 25,00 €
    let bookingMode: String    // "instant" | "request"
    let stepFree: Bool
    let accessibleWC: Bool
    let hearingLoop: Bool
    let equipment: [String]    // subset of: wifi projector screen whiteboard kitchen chairs tables sound stage parking
    let hours: [String]        // exactly 7 entries Monday…Sunday, e.g. "08:00-18:00", "08:00-12:00, 14:00-18:00", "00:00-24:00", "" = closed
    let minMinutes: Int        // multiple of 15, e.g. 60
    let maxMinutes: Int        // multiple of 15, e.g. 480, >= minMinutes
    let rules: String          // house rules, 1–3 German sentences
}

enum DemoCatalog {
    // MARK: - Organisations (11 nonprofit, 8 company, 4 public, 2 other)

    static let organisations: [DemoOrganisation] = [
        // Innenstadt
        DemoOrganisation(
            key: "nachbarschaftshilfe-altstadt", name: "Nachbarschaftshilfe Altstadt e.V.", kind: "nonprofit", district: "innenstadt",
            description: "Wir sind ein Verein von Nachbarinnen und Nachbarn auf der Altstadtinsel und organisieren Einkaufshilfen, Begleitung zu Arztterminen und einen wöchentlichen Mittagstisch. Unsere Räume in einem alten Kaufmannshaus stehen leer, wenn wir sie nicht brauchen – und das ist öfter, als man denkt. Gruppen aus der Nachbarschaft sind herzlich willkommen.",
            website: "https://nachbarschaftshilfe-altstadt.example", email: "kontakt@nachbarschaftshilfe-altstadt.example", phone: "0451 7093412", trusted: false
        ),
        DemoOrganisation(
            key: "hansebank-koenigstrasse", name: "Norddeutsche Hansebank, Filiale Königstraße", kind: "company", district: "innenstadt",
            description: "Die Filiale in der Königstraße betreut Privat- und Geschäftskunden aus der Altstadt. Unseren Konferenzraum im ersten Obergeschoss stellen wir außerhalb der Kundentermine zur Verfügung, für gemeinnützige Vereine kostenlos. Die Schlüsselübergabe erfolgt am Serviceschalter.",
            website: "https://hansebank-luebeck.example", email: "filiale-koenigstrasse@hansebank-luebeck.example", phone: "0451 3981200", trusted: false
        ),
        DemoOrganisation(
            key: "kanzlei-koberg", name: "Kanzlei am Koberg Rechtsanwälte PartG mbB", kind: "company", district: "innenstadt",
            description: "Wir sind eine Kanzlei mit sechs Anwältinnen und Anwälten für Arbeits-, Miet- und Vereinsrecht. Unser Besprechungsraum steht abends und am Wochenende meistens leer. Gemeinnützigen Gruppen überlassen wir ihn gern kostenlos.",
            website: "https://kanzlei-am-koberg.example", email: "empfang@kanzlei-am-koberg.example", phone: "0451 2904471", trusted: false
        ),
        DemoOrganisation(
            key: "stiftung-gemeinsinn", name: "Stiftung Lübecker Gemeinsinn", kind: "other", district: "innenstadt",
            description: "Die Stiftung fördert seit 1987 Bildungs- und Nachbarschaftsprojekte in allen Lübecker Stadtteilen. In unserem Stiftungshaus in der Mengstraße gibt es einen historischen Saal mit Balkendecke und einen kleineren Seminarraum. Beides vergeben wir bevorzugt an Initiativen, die etwas für die Stadt bewegen.",
            website: "https://luebecker-gemeinsinn.example", email: "haus@luebecker-gemeinsinn.example", phone: "0451 7988150", trusted: true
        ),
        // St. Jürgen
        DemoOrganisation(
            key: "seniorentreff-st-juergen", name: "Seniorentreff St. Jürgen e.V.", kind: "nonprofit", district: "st-juergen",
            description: "Im Seniorentreff an der Ratzeburger Allee wird gespielt, gestrickt, diskutiert und einmal im Monat getanzt. Vormittags sind unsere Räume gut belegt, nachmittags und abends oft frei. Wir freuen uns über Gruppen, die Leben ins Haus bringen – gern auch junge.",
            website: nil, email: "kontakt@seniorentreff-st-juergen.example", phone: "0451 6113870", trusted: false
        ),
        DemoOrganisation(
            key: "hanse-software", name: "Hanse Software GmbH", kind: "company", district: "st-juergen",
            description: "Wir entwickeln mit rund 40 Leuten Software für Kliniken und Labore und sitzen im Hochschulstadtteil, direkt neben dem Campus. Unsere Besprechungsräume und die Dachterrasse sind abends und am Wochenende frei. Für Meetups, Hochschulgruppen und gemeinnützige Vereine kostenlos.",
            website: "https://hanse-software.example", email: "office@hanse-software.example", phone: "0451 30498700", trusted: false
        ),
        // Moisling
        DemoOrganisation(
            key: "sg-moislinger-au", name: "SG Moislinger Au e.V.", kind: "nonprofit", district: "moisling",
            description: "Die Sportgemeinschaft bietet Fußball, Turnen, Tischtennis und Rehasport für alle Altersgruppen an. Rund 600 Mitglieder trainieren in der vereinseigenen Halle am Oberbüssauer Weg. Zwischen den Trainingszeiten überlassen wir Halle und Vereinsheim gern Gruppen aus dem Stadtteil.",
            website: "https://sg-moislinger-au.example", email: "geschaeftsstelle@sg-moislinger-au.example", phone: "0451 8096621", trusted: false
        ),
        DemoOrganisation(
            key: "stadtteilbuero-moisling", name: "Stadtteilbüro Moisling – Hansestadt Lübeck", kind: "public", district: "moisling",
            description: "Das Stadtteilbüro ist Anlaufstelle für Fragen rund um Wohnen, Behördengänge und Beteiligung im Stadtteil. Im Gebäude am Andersenring gibt es einen Gruppenraum und einen großen Besprechungsraum, die Initiativen aus Moisling kostenlos nutzen können. Anfragen beantworten wir innerhalb von zwei Werktagen.",
            website: "https://luebeck.example/stadtteilbuero-moisling", email: "stadtteilbuero.moisling@luebeck.example", phone: "0451 1225780", trusted: true
        ),
        // Buntekuh
        DemoOrganisation(
            key: "stadtteiltreff-buntekuh", name: "Stadtteiltreff Buntekuh e.V.", kind: "nonprofit", district: "buntekuh",
            description: "Der Stadtteiltreff ist das Wohnzimmer von Buntekuh: Hier gibt es Hausaufgabenhilfe, ein Frauenfrühstück, Sprachcafés und jeden Freitag Kaffee & Kuchen für alle. Unser Haus am Korvettenweg hat einen Saal, eine Küche und zwei kleine Gruppenräume. Wer im Stadtteil etwas auf die Beine stellen will, bekommt bei uns einen Raum.",
            website: "https://stadtteiltreff-buntekuh.example", email: "kontakt@stadtteiltreff-buntekuh.example", phone: "0451 4792215", trusted: true
        ),
        DemoOrganisation(
            key: "holstenkorn", name: "Holstenkorn Bäckereien GmbH", kind: "company", district: "buntekuh",
            description: "Holstenkorn backt für 23 Filialen in Lübeck und Umgebung, die Backstube steht an der Ziegelstraße. Für unsere Auszubildenden haben wir eine moderne Lehrküche eingerichtet, die an vielen Nachmittagen und am Wochenende leer steht. Kochkurse von Vereinen, Kitas und Schulen unterstützen wir gern.",
            website: "https://holstenkorn.example", email: "ausbildung@holstenkorn.example", phone: "0451 4085530", trusted: false
        ),
        DemoOrganisation(
            key: "gms-kirschkaten", name: "Gemeinschaftsschule Am Kirschkaten", kind: "public", district: "buntekuh",
            description: "Die Gemeinschaftsschule unterrichtet rund 700 Schülerinnen und Schüler von Klasse 5 bis 10. Nach Unterrichtsschluss und in den Ferien können Aula und Werkraum von Vereinen und Initiativen genutzt werden. Die Vergabe läuft über das Schulsekretariat.",
            website: "https://gms-kirschkaten.example", email: "sekretariat@gms-kirschkaten.example", phone: "0451 1228640", trusted: false
        ),
        // St. Lorenz Süd
        DemoOrganisation(
            key: "tafel-st-lorenz", name: "Tafel St. Lorenz e.V.", kind: "nonprofit", district: "st-lorenz-sued",
            description: "Wir verteilen dreimal pro Woche gerettete Lebensmittel an Menschen mit wenig Geld, getragen von über 80 Ehrenamtlichen. An den übrigen Tagen stehen unser Aufenthaltsraum und die kleine Küche leer. Wir teilen sie gern mit Gruppen, die ähnlich denken.",
            website: nil, email: "kontakt@tafel-st-lorenz.example", phone: "0451 5893307", trusted: false
        ),
        DemoOrganisation(
            key: "kontor27", name: "Kontor 27 Coworking GmbH", kind: "company", district: "st-lorenz-sued",
            description: "Kontor 27 ist ein Coworking-Space in einem alten Speichergebäude, drei Minuten vom Hauptbahnhof. Neben festen und flexiblen Arbeitsplätzen haben wir drei Besprechungsräume in verschiedenen Größen. Gemeinnützige Gruppen zahlen für die großen Räume nichts, alle anderen einen fairen Stundenpreis.",
            website: "https://kontor27.example", email: "hallo@kontor27.example", phone: "0451 58290270", trusted: false
        ),
        DemoOrganisation(
            key: "offene-werkstatt", name: "Offene Werkstatt Lübeck e.V.", kind: "nonprofit", district: "st-lorenz-sued",
            description: "In unserer Werkstatt reparieren Ehrenamtliche gemeinsam mit Besucherinnen und Besuchern Fahrräder, Toaster und Lieblingsstücke. Holzwerkstatt und Nähraum können auch andere Gruppen nutzen, wenn jemand aus dem Verein dabei ist. Wir freuen uns über Spenden für Werkzeug und Material.",
            website: "https://offene-werkstatt-luebeck.example", email: "werkstatt@offene-werkstatt-luebeck.example", phone: nil, trusted: false
        ),
        // St. Lorenz Nord
        DemoOrganisation(
            key: "ankommen-luebeck", name: "Ankommen in Lübeck – Beratung für Migrant:innen e.V.", kind: "nonprofit", district: "st-lorenz-nord",
            description: "Wir beraten zugewanderte Menschen in zwölf Sprachen zu Aufenthalt, Arbeit, Schule und Wohnen. Unsere Beratungsstelle an der Schwartauer Allee hat einen Gruppenraum, in dem auch Sprachkurse und Elterntreffen stattfinden. Abends und am Wochenende können andere Gruppen ihn nutzen.",
            website: "https://ankommen-luebeck.example", email: "beratung@ankommen-luebeck.example", phone: "0451 3850914", trusted: false
        ),
        DemoOrganisation(
            key: "vhs-luebeck", name: "Volkshochschule Lübeck – Lernzentrum St. Lorenz", kind: "public", district: "st-lorenz-nord",
            description: "Im Lernzentrum St. Lorenz finden Sprach-, Integrations- und Computerkurse der Volkshochschule statt. Seminarräume, die zwischen den Kursen frei sind, stellen wir gemeinnützigen Gruppen kostenlos zur Verfügung. Alle Räume sind über den Aufzug stufenlos erreichbar.",
            website: "https://vhs-luebeck.example", email: "lernzentrum@vhs-luebeck.example", phone: "0451 1224100", trusted: true
        ),
        DemoOrganisation(
            key: "wg-trave", name: "Wohnungsgenossenschaft Trave eG", kind: "other", district: "st-lorenz-nord",
            description: "Die Genossenschaft bewirtschaftet rund 2.400 Wohnungen in St. Lorenz Nord und Moisling. In mehreren Wohnanlagen gibt es Gemeinschaftsräume, die Mitglieder und Nachbarschaftsgruppen für Treffen, Feiern und Kurse nutzen können. Die Schlüssel gibt es beim Hausmeister vor Ort.",
            website: "https://wg-trave.example", email: "gemeinschaftsraeume@wg-trave.example", phone: "0451 4006650", trusted: false
        ),
        // St. Gertrud
        DemoOrganisation(
            key: "kirchengemeinde-wakenitzufer", name: "Ev.-Luth. Kirchengemeinde Am Wakenitzufer", kind: "nonprofit", district: "st-gertrud",
            description: "Unsere Gemeinde in St. Gertrud lädt zu Gottesdiensten, Chorproben, Krabbelgruppe und Konfirmandenunterricht ein. Das Gemeindehaus neben der Kirche hat einen großen Saal mit Bühne und mehrere kleinere Räume. Gruppen aus dem Stadtteil sind willkommen, unabhängig von Konfession und Herkunft.",
            website: "https://kirche-am-wakenitzufer.example", email: "gemeindebuero@kirche-am-wakenitzufer.example", phone: "0451 6931822", trusted: true
        ),
        DemoOrganisation(
            key: "stadtbibliothek", name: "Stadtbibliothek Lübeck – Stadtteilbibliotheken", kind: "public", district: "st-gertrud",
            description: "Die Stadtteilbibliotheken sind Lernort und Treffpunkt für alle, die lesen, lernen oder einfach einen ruhigen Platz suchen. In Marli und Kücknitz gibt es Lesesäle und einen Veranstaltungsraum, die außerhalb unserer eigenen Veranstaltungen gebucht werden können. Die Nutzung ist kostenlos, ein Bibliotheksausweis ist nicht nötig.",
            website: "https://stadtbibliothek-luebeck.example", email: "stadtteilbibliotheken@stadtbibliothek-luebeck.example", phone: "0451 1224140", trusted: true
        ),
        // Schlutup
        DemoOrganisation(
            key: "kulturwerft-schlutup", name: "Kulturwerft Schlutup e.V.", kind: "nonprofit", district: "schlutup",
            description: "Die Kulturwerft hat eine ehemalige Netzmacherei am Schlutuper Hafen zum Kulturhaus umgebaut. Hier gibt es Konzerte, Lesungen, Kindertheater und ein offenes Atelier. Wenn bei uns kein Programm läuft, können Bühnenhalle, Atelier und Clubraum genutzt werden.",
            website: "https://kulturwerft-schlutup.example", email: "programm@kulturwerft-schlutup.example", phone: "0451 6990417", trusted: false
        ),
        DemoOrganisation(
            key: "hafenlogistik-schlutup", name: "Schlutuper Hafenlogistik GmbH", kind: "company", district: "schlutup",
            description: "Wir lagern und verteilen Waren für den Ostseehandel und beschäftigen an der Mecklenburger Straße rund 150 Menschen. Im Verwaltungsgebäude gibt es einen Schulungsraum und eine Kantine, die nach der Mittagszeit leer stehen. Vereine aus Schlutup und Umgebung dürfen beides gern nutzen.",
            website: "https://hafenlogistik-schlutup.example", email: "empfang@hafenlogistik-schlutup.example", phone: "0451 6208850", trusted: false
        ),
        // Kücknitz
        DemoOrganisation(
            key: "juz-hafenkante", name: "Jugendzentrum Hafenkante e.V.", kind: "nonprofit", district: "kuecknitz",
            description: "Das Jugendzentrum ist für Jugendliche zwischen 10 und 21 Jahren da – mit offenem Treff, Bandraum, Kicker und Beratung. Vormittags ist bei uns meistens nichts los, und auch am Wochenende ist oft Platz. Dann können andere Gruppen unsere Räume nutzen, solange sie pfleglich damit umgehen.",
            website: "https://juz-hafenkante.example", email: "team@juz-hafenkante.example", phone: "0451 3971160", trusted: false
        ),
        DemoOrganisation(
            key: "trave-schiffstechnik", name: "Trave Schiffstechnik Ingenieurgesellschaft mbH", kind: "company", district: "kuecknitz",
            description: "Wir planen Antriebe, Rohrleitungssysteme und Umbauten für Werften und Reedereien an der Ostsee. Unser Büro liegt in Herrenwyk, in Sichtweite der Kräne an der Trave. Besprechungsraum und Versuchswerkstatt öffnen wir nach Feierabend für Schulen, Vereine und Makerspaces.",
            website: "https://trave-schiffstechnik.example", email: "info@trave-schiffstechnik.example", phone: "0451 3089240", trusted: false
        ),
        // Travemünde
        DemoOrganisation(
            key: "hotel-moewenblick", name: "Strandhotel Möwenblick GmbH", kind: "company", district: "travemuende",
            description: "Das Strandhotel Möwenblick liegt an der Travemünder Strandpromenade und hat 64 Zimmer. Unsere Tagungsräume mit Blick auf die Ostsee vermieten wir an Firmen und Vereine; gemeinnützige Gruppen nutzen das Konferenzzimmer „Priwall“ kostenlos. Auf Wunsch kümmert sich unsere Küche um Kaffee & Kuchen.",
            website: "https://moewenblick-travemuende.example", email: "tagung@moewenblick-travemuende.example", phone: "04502 889120", trusted: false
        ),
        DemoOrganisation(
            key: "musikverein-travemuende", name: "Musikverein Travemünder Bucht e.V.", kind: "nonprofit", district: "travemuende",
            description: "Der Musikverein hat ein Blasorchester, eine Bigband und eine Jugendkapelle mit zusammen rund 90 Musikerinnen und Musikern. Unser Probenhaus an der Bertlingstraße ist schallgedämmt und an vielen Tagen frei. Bands, Chöre und Ensembles können dort proben – gern gegen eine Spende für die Jugendarbeit.",
            website: "https://musikverein-travemuende.example", email: "vorstand@musikverein-travemuende.example", phone: "04502 73318", trusted: false
        ),
    ]

    // MARK: - Rooms (60; per district: Innenstadt 7, St. Jürgen 5, Moisling 6, Buntekuh 7,
    // St. Lorenz Süd 7, St. Lorenz Nord 7, St. Gertrud 5, Schlutup 5, Kücknitz 6, Travemünde 5)

    static let rooms: [DemoRoom] = [
        // MARK: Innenstadt
        DemoRoom(
            organisation: "nachbarschaftshilfe-altstadt", title: "Stube im Kaufmannshaus",
            description: "Gemütliche Stube im Erdgeschoss eines Kaufmannshauses aus dem 18. Jahrhundert, mit Dielenboden und großen Sprossenfenstern zur Straße. Ein langer Tisch bietet Platz für 14 Personen, eine Teeküche mit Wasserkocher und Kaffeemaschine ist direkt nebenan.\n\nIdeal für Spieleabende, Strickrunden oder Vereinssitzungen. Der Eingang hat zwei Stufen, eine Rampe gibt es leider nicht.",
            district: "innenstadt", street: "Glockengießerstraße 19", postcode: "23552",
            capacity: 14, areaM2: 32, priceModel: "donation", pricePerHourCents: nil, bookingMode: "request",
            stepFree: false, accessibleWC: false, hearingLoop: false,
            equipment: ["wifi", "kitchen", "tables", "chairs"],
            hours: ["14:00-21:00", "14:00-21:00", "", "14:00-21:00", "09:00-13:00", "10:00-18:00", ""],
            minMinutes: 60, maxMinutes: 240,
            rules: "Bitte nach dem Treffen abwaschen und die Stühle wieder an den Tisch stellen. Ab 22 Uhr ist im Haus Nachtruhe."
        ),
        DemoRoom(
            organisation: "nachbarschaftshilfe-altstadt", title: "Hofzimmer für kleine Gruppen",
            description: "Kleines, ruhiges Zimmer im Hinterhaus, erreichbar über einen der typischen Lübecker Gänge. Der Zugang ist ebenerdig, der Gang ist allerdings nur 90 cm breit. Gut geeignet für Beratungsgespräche, Nachhilfe oder eine Selbsthilfegruppe mit bis zu acht Personen.",
            district: "innenstadt", street: "Glockengießerstraße 19", postcode: "23552",
            capacity: 8, areaM2: 18, priceModel: "free", pricePerHourCents: nil, bookingMode: "instant",
            stepFree: true, accessibleWC: false, hearingLoop: false,
            equipment: ["wifi", "whiteboard", "tables", "chairs"],
            hours: ["09:00-20:00", "09:00-20:00", "09:00-20:00", "09:00-20:00", "09:00-20:00", "10:00-16:00", ""],
            minMinutes: 60, maxMinutes: 180,
            rules: "Bitte den Schlüssel nach der Nutzung in den Briefkasten am Vorderhaus werfen. Rauchen ist im ganzen Haus und im Gang nicht erlaubt."
        ),
        DemoRoom(
            organisation: "hansebank-koenigstrasse", title: "Konferenzraum „Holstentor“",
            description: "Heller Konferenzraum im ersten Obergeschoss der Filiale mit Blick auf die Königstraße. Ein großer Konferenztisch für 16 Personen, Beamer mit Leinwand und ein Whiteboard sind vorhanden; Mineralwasser stellen wir bereit.\n\nDer Aufzug führt direkt zum Raum, ein barrierefreies WC liegt auf derselben Etage. Für Menschen mit Hörgerät gibt es eine Induktionsschleife.",
            district: "innenstadt", street: "Königstraße 88", postcode: "23552",
            capacity: 16, areaM2: 45, priceModel: "free_nonprofit", pricePerHourCents: 4500, bookingMode: "request",
            stepFree: true, accessibleWC: true, hearingLoop: true,
            equipment: ["wifi", "projector", "screen", "whiteboard", "tables", "chairs"],
            hours: ["08:00-20:00", "08:00-20:00", "08:00-20:00", "08:00-20:00", "08:00-20:00", "09:00-14:00", ""],
            minMinutes: 60, maxMinutes: 480,
            rules: "Außerhalb der Öffnungszeiten ist der Zugang nur in Begleitung einer Mitarbeiterin oder eines Mitarbeiters möglich. Bitte keine eigenen Speisen mitbringen."
        ),
        DemoRoom(
            organisation: "hansebank-koenigstrasse", title: "Besprechungszimmer im Erdgeschoss",
            description: "Kleiner, schallgeschützter Raum direkt hinter der Kundenhalle, ursprünglich für Beratungsgespräche gedacht. Sechs Stühle, ein runder Tisch und ein großer Bildschirm mit HDMI-Anschluss. Gut für Vorstandssitzungen kleiner Vereine oder ein vertrauliches Gespräch.",
            district: "innenstadt", street: "Königstraße 88", postcode: "23552",
            capacity: 6, areaM2: 15, priceModel: "free_nonprofit", pricePerHourCents: 2000, bookingMode: "instant",
            stepFree: true, accessibleWC: false, hearingLoop: false,
            equipment: ["wifi", "screen", "tables", "chairs"],
            hours: ["09:00-18:00", "09:00-18:00", "09:00-18:00", "09:00-19:00", "09:00-18:00", "", ""],
            minMinutes: 30, maxMinutes: 180,
            rules: "Bitte am Serviceschalter anmelden. Der Raum muss pünktlich zum Ende der Buchung frei sein, weil danach oft Kundentermine folgen."
        ),
        DemoRoom(
            organisation: "kanzlei-koberg", title: "Besprechungsraum mit Bibliothek",
            description: "Unser Besprechungsraum im zweiten Stock ist von Regalen voller Gesetzeskommentare umgeben – man sitzt an einem schweren Eichentisch und fühlt sich sofort sehr seriös. Es gibt einen großen Bildschirm, ein Whiteboard und Kaffee aus der Maschine.\n\nDas Haus hat keinen Aufzug, die Treppe ist steil. Bitte beim Klingeln „Kanzlei am Koberg“ wählen.",
            district: "innenstadt", street: "Große Burgstraße 14", postcode: "23552",
            capacity: 12, areaM2: 30, priceModel: "free_nonprofit", pricePerHourCents: 3500, bookingMode: "request",
            stepFree: false, accessibleWC: false, hearingLoop: false,
            equipment: ["wifi", "screen", "whiteboard", "tables", "chairs"],
            hours: ["18:00-22:00", "18:00-22:00", "18:00-22:00", "18:00-22:00", "18:00-22:00", "10:00-18:00", ""],
            minMinutes: 60, maxMinutes: 240,
            rules: "Die Aktenschränke sind abgeschlossen und bleiben es auch. Bitte Tassen in die Spülmaschine stellen und beim Gehen das Licht ausschalten."
        ),
        DemoRoom(
            organisation: "stiftung-gemeinsinn", title: "Historischer Saal im Stiftungshaus",
            description: "Der Saal im ersten Stock des Stiftungshauses hat eine bemalte Balkendecke aus dem 17. Jahrhundert und drei hohe Fenster zur Mengstraße. Bei Reihenbestuhlung passen 80 Personen hinein, an Tischen etwa 50.\n\nBeamer, Leinwand und eine kleine Tonanlage mit zwei Funkmikrofonen sind vorhanden, eine Induktionsschleife ist fest eingebaut. Der Aufzug im Hinterhaus ist barrierefrei, das rollstuhlgerechte WC liegt im Erdgeschoss.",
            district: "innenstadt", street: "Mengstraße 31", postcode: "23552",
            capacity: 80, areaM2: 120, priceModel: "free_nonprofit", pricePerHourCents: 7500, bookingMode: "request",
            stepFree: true, accessibleWC: true, hearingLoop: true,
            equipment: ["wifi", "projector", "screen", "sound", "tables", "chairs", "kitchen"],
            hours: ["10:00-22:00", "10:00-22:00", "10:00-22:00", "10:00-22:00", "10:00-22:00", "10:00-22:00", "11:00-18:00"],
            minMinutes: 120, maxMinutes: 600,
            rules: "Wegen der empfindlichen Decke sind Kerzen, Nebelmaschinen und Konfetti nicht erlaubt. Speisen und Getränke bitte nur an den eingedeckten Tischen."
        ),
        DemoRoom(
            organisation: "stiftung-gemeinsinn", title: "Seminarraum „Kontor“",
            description: "Der frühere Kontorraum im Erdgeschoss ist heute ein schlichter Seminarraum mit Tischen in U-Form. Beamer und Leinwand sind fest installiert, Flipchart-Papier und Stifte liegen im Schrank. Die Nutzung ist kostenlos – wir freuen uns, wenn Sie uns danach kurz erzählen, was bei Ihnen entstanden ist.",
            district: "innenstadt", street: "Mengstraße 31", postcode: "23552",
            capacity: 20, areaM2: 40, priceModel: "free", pricePerHourCents: nil, bookingMode: "instant",
            stepFree: true, accessibleWC: true, hearingLoop: false,
            equipment: ["wifi", "projector", "screen", "whiteboard", "tables", "chairs"],
            hours: ["08:00-20:00", "08:00-20:00", "08:00-20:00", "08:00-20:00", "08:00-20:00", "09:00-16:00", ""],
            minMinutes: 60, maxMinutes: 480,
            rules: "Bitte die Tische nach der Veranstaltung wieder in U-Form stellen. Der Raum wird um 20 Uhr abgeschlossen."
        ),

        // MARK: St. Jürgen
        DemoRoom(
            organisation: "seniorentreff-st-juergen", title: "Clubraum mit Klavier",
            description: "Unser Clubraum ist hell, hat einen Parkettboden und ein gestimmtes Klavier in der Ecke. Tische und Stühle lassen sich schnell zu Tischgruppen oder einem Stuhlkreis umstellen, die Küche mit Geschirr für 40 Personen liegt direkt nebenan.\n\nDer Eingang ist über eine Rampe stufenlos erreichbar, ein barrierefreies WC ist vorhanden. Die Bushaltestelle „Kahlhorststraße“ ist zwei Minuten entfernt.",
            district: "st-juergen", street: "Ratzeburger Allee 118", postcode: "23562",
            capacity: 35, areaM2: 70, priceModel: "donation", pricePerHourCents: nil, bookingMode: "request",
            stepFree: true, accessibleWC: true, hearingLoop: false,
            equipment: ["kitchen", "tables", "chairs", "sound"],
            hours: ["14:00-21:00", "14:00-21:00", "14:00-21:00", "14:00-21:00", "14:00-18:00", "10:00-18:00", "14:00-18:00"],
            minMinutes: 60, maxMinutes: 300,
            rules: "Vormittags gehört der Raum unseren eigenen Gruppen. Bitte die Küche sauber hinterlassen und das Klavier nur nach Absprache nutzen."
        ),
        DemoRoom(
            organisation: "seniorentreff-st-juergen", title: "Kleiner Handarbeitsraum",
            description: "Ein kleiner Raum mit großem Fenster zum Garten, in dem sonst unsere Strick- und Nähgruppe sitzt. Zwei Tische, zehn Stühle und gutes Licht zum Arbeiten. Eine Nähmaschine darf nach kurzer Einweisung mitbenutzt werden.",
            district: "st-juergen", street: "Ratzeburger Allee 118", postcode: "23562",
            capacity: 10, areaM2: 22, priceModel: "free", pricePerHourCents: nil, bookingMode: "instant",
            stepFree: true, accessibleWC: false, hearingLoop: false,
            equipment: ["tables", "chairs"],
            hours: ["13:00-19:00", "13:00-19:00", "13:00-19:00", "13:00-19:00", "13:00-19:00", "", ""],
            minMinutes: 60, maxMinutes: 180,
            rules: "Angefangene Handarbeiten im Regal bitte nicht anfassen. Das Fenster beim Gehen schließen."
        ),
        DemoRoom(
            organisation: "hanse-software", title: "Dachterrasse mit Besprechungspavillon",
            description: "Auf dem Dach unseres Bürohauses gibt es einen verglasten Pavillon mit langem Tisch und eine Holzterrasse mit Blick über den Hochschulstadtteil bis zu den Türmen der Altstadt. Im Pavillon haben 16 Personen am Tisch Platz, auf der Terrasse mit Stehtischen bis zu 30.\n\nEin großer Bildschirm, WLAN und eine kleine Bluetooth-Anlage sind vorhanden. Bei Regen und Sturm ist nur der Pavillon nutzbar. Der Aufzug fährt bis aufs Dach.",
            district: "st-juergen", street: "Maria-Goeppert-Straße 9", postcode: "23562",
            capacity: 30, areaM2: nil, priceModel: "free_nonprofit", pricePerHourCents: 6000, bookingMode: "request",
            stepFree: true, accessibleWC: true, hearingLoop: false,
            equipment: ["wifi", "screen", "sound", "tables", "chairs"],
            hours: ["17:30-22:00", "17:30-22:00", "17:30-22:00", "17:30-22:00", "17:30-22:00", "10:00-22:00", "10:00-20:00"],
            minMinutes: 60, maxMinutes: 360,
            rules: "Kein offenes Feuer und kein Grill auf der Terrasse. Ab 22 Uhr bitte Ruhe, nebenan wohnen Studierende."
        ),
        DemoRoom(
            organisation: "hanse-software", title: "Besprechungsraum „Wakenitz“",
            description: "Ruhiger Besprechungsraum im zweiten Obergeschoss mit Whiteboard-Wand, großem Bildschirm und Videokonferenz-Kamera. Gut für Vorstandssitzungen, Lerngruppen oder ein hybrides Treffen. Der Empfang ist abends nicht besetzt; den Türcode bekommen Sie mit der Buchungsbestätigung.",
            district: "st-juergen", street: "Maria-Goeppert-Straße 9", postcode: "23562",
            capacity: 10, areaM2: 24, priceModel: "free_nonprofit", pricePerHourCents: 2500, bookingMode: "instant",
            stepFree: true, accessibleWC: false, hearingLoop: false,
            equipment: ["wifi", "screen", "whiteboard", "tables", "chairs"],
            hours: ["17:30-22:00", "17:30-22:00", "17:30-22:00", "17:30-22:00", "17:30-22:00", "09:00-18:00", ""],
            minMinutes: 30, maxMinutes: 240,
            rules: "Bitte das Whiteboard nach der Nutzung abwischen. Die Arbeitsplätze im Großraumbüro sind tabu."
        ),
        DemoRoom(
            organisation: "hanse-software", title: "Seminarraum für Meetups",
            description: "Unser größter Raum, in dem wir sonst Teamrunden und Schulungen abhalten. Bei Reihenbestuhlung passen 45 Personen hinein, es gibt Beamer, Leinwand, Mikrofon und eine Teeküche mit Kühlschrank.\n\nLübecker Meetups, Hochschulgruppen und unsere monatlichen „Code & Kaffee“-Abende nutzen ihn regelmäßig.",
            district: "st-juergen", street: "Maria-Goeppert-Straße 9", postcode: "23562",
            capacity: 45, areaM2: 80, priceModel: "free_nonprofit", pricePerHourCents: 5000, bookingMode: "request",
            stepFree: true, accessibleWC: true, hearingLoop: false,
            equipment: ["wifi", "projector", "screen", "sound", "kitchen", "tables", "chairs"],
            hours: ["18:00-22:00", "18:00-22:00", "18:00-22:00", "18:00-22:00", "18:00-22:00", "09:00-20:00", ""],
            minMinutes: 120, maxMinutes: 480,
            rules: "Pizza und Getränke sind erlaubt, den Müll bitte getrennt entsorgen. Spätestens um 22 Uhr muss das Gebäude verlassen sein."
        ),

        // MARK: Moisling
        DemoRoom(
            organisation: "sg-moislinger-au", title: "Sporthalle (Einfeldhalle)",
            description: "Einfeldhalle mit Schwingboden, Basketballkörben, Sprossenwand und einem Geräteraum mit Matten, Bänken und Kästen. Umkleiden und Duschen für Damen und Herren sind vorhanden.\n\nDie Halle ist vormittags und sonntags oft frei – ideal für Rehasport, Kinderturnen oder ein Fußballturnier der Grundschule.",
            district: "moisling", street: "Oberbüssauer Weg 7", postcode: "23560",
            capacity: 60, areaM2: 405, priceModel: "donation", pricePerHourCents: nil, bookingMode: "request",
            stepFree: true, accessibleWC: true, hearingLoop: false,
            equipment: ["sound", "parking"],
            hours: ["08:00-15:00", "08:00-15:00", "08:00-15:00", "08:00-15:00", "08:00-15:00", "14:00-20:00", "08:00-20:00"],
            minMinutes: 60, maxMinutes: 240,
            rules: "Bitte nur mit sauberen Hallenschuhen ohne schwarze Sohle betreten. Geräte nach der Nutzung zurück in den Geräteraum räumen."
        ),
        DemoRoom(
            organisation: "sg-moislinger-au", title: "Vereinsheim mit Tresen",
            description: "Das Vereinsheim liegt direkt am Sportplatz und hat einen Tresen, eine Küche mit Gastrospülmaschine und eine Terrasse mit Blick aufs Spielfeld. Hier feiern wir Aufstiege, Geburtstage und Weihnachten.\n\nFür Familienfeiern, Nachbarschaftsfeste und Versammlungen geben wir es gegen eine Spende für die Jugendabteilung ab. Zum Eingang führen drei Stufen, Parkplätze gibt es vor der Tür.",
            district: "moisling", street: "Oberbüssauer Weg 7", postcode: "23560",
            capacity: 40, areaM2: nil, priceModel: "donation", pricePerHourCents: nil, bookingMode: "request",
            stepFree: false, accessibleWC: false, hearingLoop: false,
            equipment: ["wifi", "kitchen", "tables", "chairs", "sound", "parking"],
            hours: ["16:00-23:00", "16:00-23:00", "16:00-23:00", "16:00-23:00", "16:00-23:00", "10:00-24:00", "10:00-20:00"],
            minMinutes: 120, maxMinutes: 600,
            rules: "Musik bitte ab 22 Uhr leiser, die Nachbarn wohnen direkt hinter dem Platz. Getränke aus unserem Kühlraum werden nach Strichliste abgerechnet."
        ),
        DemoRoom(
            organisation: "sg-moislinger-au", title: "Gymnastikraum",
            description: "Spiegelwand, Ballettstange, Matten und eine kleine Musikanlage – der Gymnastikraum im Obergeschoss der Halle passt gut für Yoga, Tanz oder Rückenschule. Der Raum ist nur über eine Treppe erreichbar.",
            district: "moisling", street: "Oberbüssauer Weg 7", postcode: "23560",
            capacity: 20, areaM2: 60, priceModel: "free", pricePerHourCents: nil, bookingMode: "instant",
            stepFree: false, accessibleWC: false, hearingLoop: false,
            equipment: ["sound"],
            hours: ["09:00-16:00", "09:00-16:00", "09:00-16:00", "09:00-16:00", "09:00-16:00", "09:00-13:00", ""],
            minMinutes: 60, maxMinutes: 120,
            rules: "Bitte ohne Straßenschuhe betreten. Matten nach der Nutzung desinfizieren und stapeln."
        ),
        DemoRoom(
            organisation: "stadtteilbuero-moisling", title: "Gruppenraum im Stadtteilbüro",
            description: "Freundlicher Gruppenraum mit Tischen, die sich zu einem großen Block oder einem Stuhlkreis umbauen lassen. In der Teeküche stehen Kaffeemaschine, Wasserkocher und Geschirr bereit.\n\nDer Eingang liegt ebenerdig, das barrierefreie WC ist gegenüber. Die Bushaltestelle „Andersenring“ liegt direkt vor dem Haus.",
            district: "moisling", street: "Andersenring 24", postcode: "23560",
            capacity: 15, areaM2: 35, priceModel: "free", pricePerHourCents: nil, bookingMode: "instant",
            stepFree: true, accessibleWC: true, hearingLoop: false,
            equipment: ["wifi", "whiteboard", "kitchen", "tables", "chairs"],
            hours: ["09:00-20:00", "09:00-20:00", "09:00-20:00", "09:00-20:00", "09:00-14:00", "", ""],
            minMinutes: 60, maxMinutes: 240,
            rules: "Der Raum ist für Initiativen aus dem Stadtteil gedacht. Kommerzielle Veranstaltungen sind nicht erlaubt."
        ),
        DemoRoom(
            organisation: "stadtteilbuero-moisling", title: "Großer Besprechungsraum",
            description: "Der große Raum wird für Stadtteilkonferenzen, Bürgerversammlungen und Infoabende genutzt. Beamer, Leinwand und zwei Mikrofone sind vorhanden, eine mobile Induktionsschleife kann aufgebaut werden. Dolmetschkabinen haben wir nicht, aber genug Platz für Flüsterdolmetschen in kleinen Gruppen.",
            district: "moisling", street: "Andersenring 24", postcode: "23560",
            capacity: 40, areaM2: 70, priceModel: "free", pricePerHourCents: nil, bookingMode: "request",
            stepFree: true, accessibleWC: true, hearingLoop: true,
            equipment: ["wifi", "projector", "screen", "sound", "tables", "chairs"],
            hours: ["09:00-21:00", "09:00-21:00", "09:00-21:00", "09:00-21:00", "09:00-16:00", "10:00-16:00", ""],
            minMinutes: 60, maxMinutes: 480,
            rules: "Veranstaltungen mit mehr als 30 Personen bitte mindestens zwei Wochen vorher anfragen. Nach 18 Uhr schließt eine Person aus Ihrer Gruppe ab."
        ),
        DemoRoom(
            organisation: "wg-trave", title: "Gemeinschaftsraum Brüder-Grimm-Ring",
            description: "Gemeinschaftsraum im Erdgeschoss einer unserer Wohnanlagen, mit Küchenzeile, sechs Tischen und einem Spielteppich. Montags trifft sich hier die Eltern-Kind-Gruppe (0–3 Jahre), donnerstags der Mieterbeirat.\n\nAn allen anderen Tagen steht der Raum Nachbarinnen und Nachbarn offen – auch für Kindergeburtstage.",
            district: "moisling", street: "Brüder-Grimm-Ring 12", postcode: "23560",
            capacity: 25, areaM2: 50, priceModel: "free", pricePerHourCents: nil, bookingMode: "instant",
            stepFree: true, accessibleWC: false, hearingLoop: false,
            equipment: ["kitchen", "tables", "chairs"],
            hours: ["08:00-22:00", "08:00-22:00", "08:00-22:00", "08:00-22:00", "08:00-22:00", "08:00-22:00", "08:00-22:00"],
            minMinutes: 60, maxMinutes: 480,
            rules: "Den Schlüssel gibt es beim Hausmeister im Haus Nr. 14. Der Raum muss bis 22 Uhr besenrein verlassen sein."
        ),

        // MARK: Buntekuh
        DemoRoom(
            organisation: "stadtteiltreff-buntekuh", title: "Saal im Stadtteiltreff",
            description: "Der Saal ist das Herz unseres Hauses: Hier finden Feste, Theaterproben, Versammlungen und freitags unser Café mit Kaffee & Kuchen statt. Eine kleine Bühne (4 × 3 m), Beamer, Leinwand und eine Tonanlage sind vorhanden.\n\nDurch die Flügeltür geht es direkt in die Küche und auf die Wiese hinter dem Haus. Der Haupteingang ist stufenlos, ein barrierefreies WC liegt im Flur.",
            district: "buntekuh", street: "Korvettenweg 9", postcode: "23558",
            capacity: 70, areaM2: 110, priceModel: "free", pricePerHourCents: nil, bookingMode: "request",
            stepFree: true, accessibleWC: true, hearingLoop: false,
            equipment: ["wifi", "projector", "screen", "sound", "stage", "kitchen", "tables", "chairs"],
            hours: ["09:00-22:00", "09:00-22:00", "09:00-22:00", "09:00-22:00", "09:00-14:00, 18:00-22:00", "10:00-23:00", "10:00-20:00"],
            minMinutes: 60, maxMinutes: 600,
            rules: "Freitags von 14 bis 18 Uhr gehört der Saal unserem Café. Bitte nach Feiern selbst aufräumen und den Müll mitnehmen."
        ),
        DemoRoom(
            organisation: "stadtteiltreff-buntekuh", title: "Gruppenraum „Sprachcafé“",
            description: "Kleiner Gruppenraum im ersten Stock mit Whiteboard, Weltkarte an der Wand und einem Regal voller Wörterbücher. Dienstags und donnerstags treffen sich hier unsere Sprachcafés, an den anderen Tagen ist der Raum frei für Nachhilfe, Beratung oder Selbsthilfegruppen. Einen Aufzug gibt es leider nicht.",
            district: "buntekuh", street: "Korvettenweg 9", postcode: "23558",
            capacity: 12, areaM2: 25, priceModel: "free", pricePerHourCents: nil, bookingMode: "instant",
            stepFree: false, accessibleWC: false, hearingLoop: false,
            equipment: ["wifi", "whiteboard", "tables", "chairs"],
            hours: ["09:00-21:00", "", "09:00-21:00", "", "09:00-21:00", "10:00-16:00", ""],
            minMinutes: 60, maxMinutes: 240,
            rules: "Die Wörterbücher dürfen gern benutzt, aber nicht mitgenommen werden."
        ),
        DemoRoom(
            organisation: "stadtteiltreff-buntekuh", title: "Stadtteilküche",
            description: "Große Küche mit sechs Herdplatten, zwei Backöfen, Gastrospülmaschine und einem langen Esstisch. Hier kochen syrische, polnische und Buntekuher Omas um die Wette.\n\nGut geeignet für Kochkurse, gemeinsames Kochen mit Geflüchteten oder die Vorbereitung eines Straßenfests. Töpfe, Geschirr und Besteck für 60 Personen sind vorhanden.",
            district: "buntekuh", street: "Korvettenweg 9", postcode: "23558",
            capacity: 14, areaM2: 40, priceModel: "donation", pricePerHourCents: nil, bookingMode: "request",
            stepFree: true, accessibleWC: false, hearingLoop: false,
            equipment: ["kitchen", "tables", "chairs"],
            hours: ["10:00-21:00", "10:00-21:00", "10:00-21:00", "10:00-21:00", "10:00-21:00", "10:00-20:00", "12:00-20:00"],
            minMinutes: 120, maxMinutes: 360,
            rules: "Lebensmittel im Kühlschrank bitte mit Namen und Datum beschriften. Nach der Nutzung alles abwaschen und die Arbeitsflächen abwischen."
        ),
        DemoRoom(
            organisation: "holstenkorn", title: "Lehrküche der Backstube",
            description: "Acht Arbeitsplätze aus Edelstahl mit je zwei Kochfeldern, zwei Etagenöfen, eine Teigknetmaschine und ein Kühlraum: In dieser Lehrküche lernen unsere Auszubildenden das Bäckerhandwerk. Über einen Beamer lässt sich der Arbeitsplatz der Kursleitung auf die Leinwand übertragen.\n\nFür Back- und Kochkurse von Vereinen, Kitas und Schulen ist die Küche kostenlos, Firmen zahlen 65 € pro Stunde. Mehl, Salz und Hefe dürfen in haushaltsüblichen Mengen verbraucht werden.",
            district: "buntekuh", street: "Ziegelstraße 214", postcode: "23556",
            capacity: 16, areaM2: 85, priceModel: "free_nonprofit", pricePerHourCents: 6500, bookingMode: "request",
            stepFree: true, accessibleWC: false, hearingLoop: false,
            equipment: ["kitchen", "projector", "screen", "tables", "chairs", "parking"],
            hours: ["14:00-20:00", "14:00-20:00", "14:00-20:00", "14:00-20:00", "14:00-20:00", "13:00-19:00", "10:00-18:00"],
            minMinutes: 120, maxMinutes: 360,
            rules: "Haare zusammenbinden, Schmuck ablegen und Hände waschen – wie in jeder Backstube. Die Maschinen nur nach Einweisung durch unser Personal benutzen."
        ),
        DemoRoom(
            organisation: "holstenkorn", title: "Schulungsraum über der Backstube",
            description: "Sachlicher Schulungsraum im ersten Stock, in dem es immer ein bisschen nach frischem Brot riecht. Tische in Reihen, Beamer, Whiteboard und genug Parkplätze auf dem Hof. Der Raum ist nur über eine Treppe erreichbar.",
            district: "buntekuh", street: "Ziegelstraße 214", postcode: "23556",
            capacity: 24, areaM2: 48, priceModel: "free_nonprofit", pricePerHourCents: 3000, bookingMode: "instant",
            stepFree: false, accessibleWC: false, hearingLoop: false,
            equipment: ["wifi", "projector", "screen", "whiteboard", "tables", "chairs", "parking"],
            hours: ["13:00-20:00", "13:00-20:00", "13:00-20:00", "13:00-20:00", "13:00-20:00", "", ""],
            minMinutes: 60, maxMinutes: 300,
            rules: "Brötchen vom Vortag im Regal vor dem Raum dürfen mitgenommen werden. Die Hygieneschleuse zur Backstube bitte nicht betreten."
        ),
        DemoRoom(
            organisation: "gms-kirschkaten", title: "Aula",
            description: "Die Aula ist mit 250 Plätzen einer der größten Veranstaltungsräume im Lübecker Westen. Es gibt eine Bühne mit Vorhang, Licht- und Tonanlage, Beamer und eine fest installierte Induktionsschleife.\n\nSchulfremde Veranstaltungen sind nachmittags, abends und am Wochenende möglich, in den Ferien nach Absprache auch vormittags. Für gemeinnützige Veranstalter ist die Aula kostenlos, alle anderen zahlen 90 € pro Stunde.",
            district: "buntekuh", street: "Hinter den Kirschkaten 31", postcode: "23558",
            capacity: 250, areaM2: 320, priceModel: "free_nonprofit", pricePerHourCents: 9000, bookingMode: "request",
            stepFree: true, accessibleWC: true, hearingLoop: true,
            equipment: ["projector", "screen", "sound", "stage", "chairs", "parking"],
            hours: ["16:00-22:00", "16:00-22:00", "16:00-22:00", "16:00-22:00", "16:00-22:00", "09:00-22:00", "10:00-18:00"],
            minMinutes: 120, maxMinutes: 720,
            rules: "Licht- und Tontechnik bedienen nur unsere Hausmeisterin oder eingewiesene Personen. Essen und Trinken sind im Saal nicht erlaubt, dafür gibt es das Foyer."
        ),
        DemoRoom(
            organisation: "gms-kirschkaten", title: "Werkraum",
            description: "Der Werkraum hat acht Hobelbänke, eine Ständerbohrmaschine, eine Bandsäge und Schränke voller Handwerkzeug. Nachmittags nutzen ihn bereits die Holz-AG und ein Repair-Café, dazwischen ist Platz für weitere Gruppen. Der Raum liegt im Untergeschoss, einen Aufzug gibt es nicht.",
            district: "buntekuh", street: "Hinter den Kirschkaten 31", postcode: "23558",
            capacity: 16, areaM2: 70, priceModel: "free", pricePerHourCents: nil, bookingMode: "request",
            stepFree: false, accessibleWC: false, hearingLoop: false,
            equipment: ["whiteboard", "tables", "chairs"],
            hours: ["15:30-20:00", "15:30-20:00", "15:30-20:00", "15:30-20:00", "15:30-20:00", "09:00-14:00", ""],
            minMinutes: 90, maxMinutes: 300,
            rules: "Maschinen nur nach Einweisung benutzen. Für Gruppen mit Kindern (< 14 Jahre) ist pro 6 Kinder eine erwachsene Aufsichtsperson Pflicht."
        ),

        // MARK: St. Lorenz Süd
        DemoRoom(
            organisation: "tafel-st-lorenz", title: "Aufenthaltsraum der Tafel",
            description: "An den Ausgabetagen sitzen hier unsere Kundinnen und Kunden bei einem Kaffee, an den anderen Tagen ist der Raum leer. Er ist schlicht eingerichtet: Tische, Stühle, eine Pinnwand und eine Durchreiche zur Küche.\n\nWir vergeben ihn bevorzugt an Gruppen, die sich für Menschen mit wenig Geld einsetzen – etwa Schuldnerberatung, Mieterinitiativen oder Kleiderkammern.",
            district: "st-lorenz-sued", street: "Meierstraße 12", postcode: "23558",
            capacity: 30, areaM2: 60, priceModel: "free", pricePerHourCents: nil, bookingMode: "request",
            stepFree: true, accessibleWC: true, hearingLoop: false,
            equipment: ["kitchen", "tables", "chairs"],
            hours: ["", "09:00-21:00", "", "09:00-21:00", "", "10:00-18:00", "10:00-18:00"],
            minMinutes: 60, maxMinutes: 480,
            rules: "Lebensmittel der Tafel im Lager und in den Kühlschränken sind tabu. Bitte die Hintertür beim Gehen abschließen."
        ),
        DemoRoom(
            organisation: "tafel-st-lorenz", title: "Kleine Küche",
            description: "Eine einfache Küche mit vier Herdplatten, Backofen, Spülmaschine und zwei großen Kühlschränken. Ideal, um für ein Nachbarschaftsessen vorzukochen oder einen kleinen Kurs „Gesund kochen mit wenig Geld“ anzubieten. Töpfe und Geschirr für 30 Personen sind da.",
            district: "st-lorenz-sued", street: "Meierstraße 12", postcode: "23558",
            capacity: 8, areaM2: 20, priceModel: "donation", pricePerHourCents: nil, bookingMode: "instant",
            stepFree: true, accessibleWC: false, hearingLoop: false,
            equipment: ["kitchen"],
            hours: ["", "09:00-21:00", "", "09:00-21:00", "", "10:00-18:00", "10:00-18:00"],
            minMinutes: 60, maxMinutes: 240,
            rules: "Alles, was Sie mitbringen, nehmen Sie bitte wieder mit. Über eine kleine Spende für Spülmittel und Strom freuen wir uns."
        ),
        DemoRoom(
            organisation: "kontor27", title: "Besprechungsraum „Speicherboden“",
            description: "Besprechungsraum unter dem Dach mit alten Holzbalken, einem langen Tisch für zwölf Personen und einem 65-Zoll-Bildschirm. Kaffee, Tee und Wasser aus unserer Community-Küche sind inklusive.\n\nDer Hauptbahnhof und die Bushaltestelle „Lindenplatz“ sind drei Minuten zu Fuß entfernt – praktisch für Gäste, die mit dem Zug anreisen. Ein Aufzug fährt bis unters Dach.",
            district: "st-lorenz-sued", street: "Hansestraße 27", postcode: "23558",
            capacity: 12, areaM2: 30, priceModel: "free_nonprofit", pricePerHourCents: 3000, bookingMode: "instant",
            stepFree: true, accessibleWC: false, hearingLoop: false,
            equipment: ["wifi", "screen", "whiteboard", "tables", "chairs"],
            hours: ["07:00-22:00", "07:00-22:00", "07:00-22:00", "07:00-22:00", "07:00-22:00", "09:00-18:00", ""],
            minMinutes: 30, maxMinutes: 480,
            rules: "In der Community-Küche bitte leise sein, dort wird gearbeitet. Geschirr kommt in die Spülmaschine."
        ),
        DemoRoom(
            organisation: "kontor27", title: "Fokusraum",
            description: "Kleiner Raum für bis zu sechs Personen mit Whiteboard-Wand und Bildschirm – zum Beispiel für Bewerbungsgespräche, Interviews oder eine konzentrierte Arbeitssitzung. Mit der Buchungsbestätigung bekommen Sie einen Zugangscode, der rund um die Uhr funktioniert.",
            district: "st-lorenz-sued", street: "Hansestraße 27", postcode: "23558",
            capacity: 6, areaM2: 14, priceModel: "fee", pricePerHourCents: 1500, bookingMode: "instant",
            stepFree: true, accessibleWC: false, hearingLoop: false,
            equipment: ["wifi", "screen", "whiteboard", "tables", "chairs"],
            hours: ["00:00-24:00", "00:00-24:00", "00:00-24:00", "00:00-24:00", "00:00-24:00", "00:00-24:00", "00:00-24:00"],
            minMinutes: 30, maxMinutes: 240,
            rules: "Außerhalb der Empfangszeiten gilt: Wer zuletzt geht, schließt die Haupttür. Telefonate bitte im Raum führen, nicht im Flur."
        ),
        DemoRoom(
            organisation: "kontor27", title: "Workshopraum mit Moderationswänden",
            description: "Großer, flexibel möblierter Raum mit Tischen auf Rollen, vier Moderationswänden, Beamer und einem gut gefüllten Moderationskoffer. Hier finden Barcamps, Strategieworkshops und Vereinsklausuren statt.\n\nVerpflegung kann über das Café im Erdgeschoss bestellt werden, alternativ dürfen Sie die Teeküche nutzen. Ein barrierefreies WC liegt auf derselben Etage.",
            district: "st-lorenz-sued", street: "Hansestraße 27", postcode: "23558",
            capacity: 30, areaM2: 65, priceModel: "free_nonprofit", pricePerHourCents: 5500, bookingMode: "request",
            stepFree: true, accessibleWC: true, hearingLoop: false,
            equipment: ["wifi", "projector", "screen", "whiteboard", "kitchen", "tables", "chairs"],
            hours: ["08:00-22:00", "08:00-22:00", "08:00-22:00", "08:00-22:00", "08:00-22:00", "09:00-20:00", "10:00-18:00"],
            minMinutes: 120, maxMinutes: 600,
            rules: "Pinnwandnadeln bitte nur an den Moderationswänden, nicht an den Holzbalken. Der Raum wird besenrein und mit den Tischen an der Wand übergeben."
        ),
        DemoRoom(
            organisation: "offene-werkstatt", title: "Holzwerkstatt",
            description: "Eine voll ausgestattete Holzwerkstatt mit Formatkreissäge, Dickenhobel, Drechselbank und sechs Werkbänken. Handwerkzeug, Zwingen und Schleifpapier sind reichlich vorhanden.\n\nDie Werkstatt kann nur gemeinsam mit einer eingewiesenen Person aus unserem Verein genutzt werden – die vermitteln wir Ihnen. Am Eingang sind eine hohe Schwelle und zwei Stufen.",
            district: "st-lorenz-sued", street: "Possehlstraße 6", postcode: "23558",
            capacity: 10, areaM2: 80, priceModel: "donation", pricePerHourCents: nil, bookingMode: "request",
            stepFree: false, accessibleWC: false, hearingLoop: false,
            equipment: ["whiteboard", "tables", "parking"],
            hours: ["", "16:00-21:00", "16:00-21:00", "", "14:00-21:00", "10:00-18:00", ""],
            minMinutes: 120, maxMinutes: 360,
            rules: "Schutzbrille und festes Schuhwerk sind Pflicht. Über eine Spende für Sägeblätter und Material freuen wir uns."
        ),
        DemoRoom(
            organisation: "offene-werkstatt", title: "Nähraum",
            description: "Vier Nähmaschinen, eine Overlock, ein großer Zuschneidetisch und Kisten voller Stoffreste: Im Nähraum wird geflickt, umgenäht und upgecycelt. Der Raum liegt im Souterrain und ist nur über sechs Stufen erreichbar.",
            district: "st-lorenz-sued", street: "Possehlstraße 6", postcode: "23558",
            capacity: 8, areaM2: 25, priceModel: "donation", pricePerHourCents: nil, bookingMode: "instant",
            stepFree: false, accessibleWC: false, hearingLoop: false,
            equipment: ["tables", "chairs"],
            hours: ["10:00-20:00", "10:00-20:00", "10:00-20:00", "10:00-20:00", "10:00-20:00", "10:00-16:00", ""],
            minMinutes: 60, maxMinutes: 240,
            rules: "Nadeln und Scheren nach Gebrauch zurück in die beschriftete Box legen. Stoffreste dürfen mitgenommen werden."
        ),

        // MARK: St. Lorenz Nord
        DemoRoom(
            organisation: "ankommen-luebeck", title: "Gruppenraum in der Beratungsstelle",
            description: "Heller Gruppenraum mit Stuhlkreis, Whiteboard und Teeküche. Tagsüber finden hier Sprachkurse und Elterntreffen statt, abends und am Wochenende ist er frei.\n\nWir freuen uns besonders über Selbstorganisationen von Migrantinnen und Migranten, Elterninitiativen und Kulturgruppen, die einen Ort für ihre Treffen suchen.",
            district: "st-lorenz-nord", street: "Schwartauer Allee 42", postcode: "23554",
            capacity: 20, areaM2: 40, priceModel: "free", pricePerHourCents: nil, bookingMode: "request",
            stepFree: true, accessibleWC: false, hearingLoop: false,
            equipment: ["wifi", "whiteboard", "kitchen", "tables", "chairs"],
            hours: ["17:00-21:00", "17:00-21:00", "17:00-21:00", "17:00-21:00", "17:00-21:00", "10:00-18:00", "10:00-18:00"],
            minMinutes: 60, maxMinutes: 300,
            rules: "Vertrauliche Unterlagen liegen in den abgeschlossenen Schränken der Beratung – bitte nicht öffnen. Gebetsteppiche liegen im Regal neben der Tür."
        ),
        DemoRoom(
            organisation: "ankommen-luebeck", title: "Beratungszimmer",
            description: "Ein kleines, ruhiges Zimmer mit Tisch, sechs Stühlen und einer Tür, die man zumachen kann. Gut geeignet für vertrauliche Gespräche, Patenschaftstreffen oder Dolmetscheinsätze. Der Zugang von der Straße ist ebenerdig.",
            district: "st-lorenz-nord", street: "Schwartauer Allee 42", postcode: "23554",
            capacity: 6, areaM2: 14, priceModel: "free", pricePerHourCents: nil, bookingMode: "instant",
            stepFree: true, accessibleWC: false, hearingLoop: false,
            equipment: ["wifi", "tables", "chairs"],
            hours: ["17:00-21:00", "17:00-21:00", "17:00-21:00", "17:00-21:00", "17:00-21:00", "10:00-16:00", ""],
            minMinutes: 30, maxMinutes: 120,
            rules: "Bitte keine Aushänge an den Wänden anbringen. Beim Gehen das Fenster schließen."
        ),
        DemoRoom(
            organisation: "vhs-luebeck", title: "Seminarraum 2.04",
            description: "Klassischer Seminarraum mit Tischen in U-Form, Beamer, Leinwand und Whiteboard. Die Fenster gehen zum ruhigen Innenhof.\n\nDas Lernzentrum ist über den Aufzug stufenlos erreichbar, auf jeder Etage gibt es ein barrierefreies WC. Im Raum ist eine Induktionsschleife eingebaut.",
            district: "st-lorenz-nord", street: "Fackenburger Allee 31", postcode: "23554",
            capacity: 24, areaM2: 55, priceModel: "free_nonprofit", pricePerHourCents: 2500, bookingMode: "instant",
            stepFree: true, accessibleWC: true, hearingLoop: true,
            equipment: ["wifi", "projector", "screen", "whiteboard", "tables", "chairs"],
            hours: ["08:00-22:00", "08:00-22:00", "08:00-22:00", "08:00-22:00", "08:00-22:00", "09:00-17:00", ""],
            minMinutes: 90, maxMinutes: 480,
            rules: "Bitte die Sitzordnung nach der Nutzung wiederherstellen, am nächsten Morgen beginnt um 8 Uhr ein Kurs. Essen ist im Raum nicht erlaubt."
        ),
        DemoRoom(
            organisation: "vhs-luebeck", title: "Computerraum",
            description: "16 Arbeitsplätze mit Rechnern, Office-Programmen und Headsets, dazu ein Platz für die Kursleitung mit Beamer. Der Raum eignet sich für PC-Kurse, Bewerbungstrainings oder eine digitale Sprechstunde für Seniorinnen und Senioren. Eigene Software kann nicht installiert werden.",
            district: "st-lorenz-nord", street: "Fackenburger Allee 31", postcode: "23554",
            capacity: 16, areaM2: 50, priceModel: "free_nonprofit", pricePerHourCents: 4000, bookingMode: "request",
            stepFree: true, accessibleWC: true, hearingLoop: false,
            equipment: ["wifi", "projector", "screen", "whiteboard", "tables", "chairs"],
            hours: ["08:00-21:30", "08:00-21:30", "08:00-21:30", "08:00-21:30", "08:00-21:30", "09:00-14:00", ""],
            minMinutes: 90, maxMinutes: 360,
            rules: "Dateien bitte auf USB-Sticks speichern, die Rechner werden jede Nacht zurückgesetzt. Getränke nur in verschließbaren Flaschen."
        ),
        DemoRoom(
            organisation: "vhs-luebeck", title: "Kursraum mit Lehrküche",
            description: "Vier Kochinseln mit Induktionsfeldern und Backöfen, ein großer Esstisch und reichlich Geschirr – hier finden unsere Kochkurse von „Ayurveda für Einsteiger“ bis „Norddeutsche Küche“ statt. Eine der Kochinseln ist unterfahrbar und damit auch im Rollstuhl gut nutzbar.",
            district: "st-lorenz-nord", street: "Fackenburger Allee 31", postcode: "23554",
            capacity: 14, areaM2: 60, priceModel: "free_nonprofit", pricePerHourCents: 4500, bookingMode: "request",
            stepFree: true, accessibleWC: true, hearingLoop: false,
            equipment: ["kitchen", "whiteboard", "tables", "chairs"],
            hours: ["09:00-22:00", "09:00-22:00", "09:00-22:00", "09:00-22:00", "09:00-22:00", "09:00-18:00", ""],
            minMinutes: 120, maxMinutes: 360,
            rules: "Die Küche bitte so sauber übergeben, wie Sie sie vorgefunden haben. Die Gewürze im Regal dürfen benutzt werden."
        ),
        DemoRoom(
            organisation: "wg-trave", title: "Nachbarschaftsraum Dornbreite",
            description: "Der Nachbarschaftsraum liegt im Erdgeschoss eines Hochhauses und hat eine große Fensterfront zum Innenhof. Es gibt eine Küche, Tische für 30 Personen und eine Spielecke mit Bausteinen und Bilderbüchern.\n\nMitglieder der Genossenschaft und Gruppen aus der Nachbarschaft können den Raum rund um die Uhr buchen – auch für den Kindergeburtstag am Sonntagmorgen.",
            district: "st-lorenz-nord", street: "Dornbreite 58", postcode: "23556",
            capacity: 30, areaM2: 65, priceModel: "free", pricePerHourCents: nil, bookingMode: "instant",
            stepFree: true, accessibleWC: false, hearingLoop: false,
            equipment: ["wifi", "kitchen", "tables", "chairs"],
            hours: ["00:00-24:00", "00:00-24:00", "00:00-24:00", "00:00-24:00", "00:00-24:00", "00:00-24:00", "00:00-24:00"],
            minMinutes: 60, maxMinutes: 720,
            rules: "Zwischen 22 und 7 Uhr bitte Zimmerlautstärke, über dem Raum wohnen Familien. Den Schlüssel holen Sie beim Hausmeister oder aus dem Schlüsseltresor, der Code steht in der Buchungsbestätigung."
        ),
        DemoRoom(
            organisation: "wg-trave", title: "Gemeinschaftsraum Steinrader Weg",
            description: "Kleinerer Gemeinschaftsraum im Souterrain mit einfacher Küchenzeile und drei langen Tischen. Hier trifft sich der Seniorenkaffee der Wohnanlage, und am Wochenende wird gern gefeiert. Der Zugang führt über eine Außentreppe mit fünf Stufen.",
            district: "st-lorenz-nord", street: "Steinrader Weg 15", postcode: "23556",
            capacity: 18, areaM2: 40, priceModel: "donation", pricePerHourCents: nil, bookingMode: "request",
            stepFree: false, accessibleWC: false, hearingLoop: false,
            equipment: ["kitchen", "tables", "chairs"],
            hours: ["10:00-21:00", "10:00-21:00", "10:00-21:00", "10:00-21:00", "10:00-21:00", "10:00-22:00", "10:00-20:00"],
            minMinutes: 60, maxMinutes: 360,
            rules: "Nach Feiern bitte den Boden feucht wischen, Putzzeug steht im Schrank. Über eine Spende für die Nachbarschaftskasse freuen wir uns."
        ),

        // MARK: St. Gertrud
        DemoRoom(
            organisation: "kirchengemeinde-wakenitzufer", title: "Gemeindesaal mit Bühne",
            description: "Der Gemeindesaal hat hohe Fenster, einen Holzfußboden und eine kleine Bühne, auf der sonst der Kinderchor auftritt. Bis zu 120 Personen finden in Reihen Platz, an Tischen etwa 80. Beamer, Leinwand und Tonanlage sind vorhanden, eine Induktionsschleife ist eingebaut.\n\nÜber die Rampe am Seiteneingang ist der Saal stufenlos erreichbar. Die Küche nebenan hat Geschirr für 100 Personen – genug für ein Gemeindefest mit Kaffee & Kuchen.",
            district: "st-gertrud", street: "Roeckstraße 44", postcode: "23568",
            capacity: 120, areaM2: 180, priceModel: "donation", pricePerHourCents: nil, bookingMode: "request",
            stepFree: true, accessibleWC: true, hearingLoop: true,
            equipment: ["projector", "screen", "sound", "stage", "kitchen", "tables", "chairs", "parking"],
            hours: ["09:00-22:00", "09:00-22:00", "09:00-22:00", "09:00-22:00", "09:00-22:00", "10:00-23:00", "12:00-20:00"],
            minMinutes: 120, maxMinutes: 600,
            rules: "Sonntags bis 12 Uhr ist der Saal für den Kirchenkaffee reserviert. Alkohol bitte nur nach Absprache mit dem Gemeindebüro."
        ),
        DemoRoom(
            organisation: "kirchengemeinde-wakenitzufer", title: "Jugendkeller",
            description: "Der Jugendkeller hat Sofas, einen Kickertisch, eine Musikanlage und Wände, die Konfirmandinnen und Konfirmanden selbst bemalt haben. Mittwochs trifft sich hier unsere Jugendgruppe, an den anderen Abenden können Jugendgruppen aus dem Stadtteil den Raum nutzen.\n\nDer Keller ist nur über eine Treppe erreichbar.",
            district: "st-gertrud", street: "Roeckstraße 44", postcode: "23568",
            capacity: 25, areaM2: 55, priceModel: "free", pricePerHourCents: nil, bookingMode: "request",
            stepFree: false, accessibleWC: false, hearingLoop: false,
            equipment: ["wifi", "sound", "tables", "chairs"],
            hours: ["", "16:00-22:00", "", "16:00-22:00", "16:00-23:00", "14:00-23:00", ""],
            minMinutes: 60, maxMinutes: 360,
            rules: "Bei Gruppen mit Minderjährigen muss die ganze Zeit eine volljährige Ansprechperson anwesend sein. Rauchen und Alkohol sind im ganzen Gemeindehaus verboten."
        ),
        DemoRoom(
            organisation: "kirchengemeinde-wakenitzufer", title: "Kleiner Gemeinderaum",
            description: "Gemütlicher Raum mit Teppich, Sesseln und einem großen runden Tisch, in dem sonst Besuchsdienst und Gesprächskreis zusammenkommen. Dienstags vormittags trifft sich hier die Krabbelgruppe, das Spielzeug steht im abschließbaren Schrank. Der Raum liegt ebenerdig neben dem Gemeindebüro.",
            district: "st-gertrud", street: "Roeckstraße 44", postcode: "23568",
            capacity: 15, areaM2: 30, priceModel: "free", pricePerHourCents: nil, bookingMode: "instant",
            stepFree: true, accessibleWC: false, hearingLoop: false,
            equipment: ["kitchen", "tables", "chairs"],
            hours: ["09:00-21:00", "13:00-21:00", "09:00-21:00", "09:00-21:00", "09:00-21:00", "10:00-18:00", ""],
            minMinutes: 60, maxMinutes: 240,
            rules: "Bitte die Sessel nicht in den Saal tragen. Kerzen nur in den Windlichtern auf dem Tisch."
        ),
        DemoRoom(
            organisation: "stadtbibliothek", title: "Lesesaal der Stadtteilbibliothek Marli",
            description: "Der Lesesaal ist ein heller, ruhiger Raum mit großen Tischen, Leselampen und Blick in den Bibliotheksgarten. Einzelne Tische können für Lerngruppen oder Lesekreise gebucht werden, der ganze Saal für Lesungen.\n\nBitte beachten Sie: Während der Öffnungszeiten lernen hier auch andere Menschen – leise Gespräche sind in Ordnung, Vorträge nur nach Absprache.",
            district: "st-gertrud", street: "Marliring 40", postcode: "23566",
            capacity: 30, areaM2: 90, priceModel: "free", pricePerHourCents: nil, bookingMode: "instant",
            stepFree: true, accessibleWC: true, hearingLoop: false,
            equipment: ["wifi", "projector", "screen", "tables", "chairs"],
            hours: ["", "10:00-19:00", "10:00-19:00", "10:00-19:00", "10:00-19:00", "10:00-14:00", ""],
            minMinutes: 60, maxMinutes: 240,
            rules: "Im Lesesaal gilt: Flüstern ja, Telefonieren nein. Getränke nur in verschließbaren Flaschen."
        ),
        DemoRoom(
            organisation: "stadtbibliothek", title: "Veranstaltungsraum Marli",
            description: "Im Veranstaltungsraum gibt es Lesungen, Bilderbuchkinos und Vorträge. 50 Stühle, ein Lesepult, Beamer und eine kleine Tonanlage sind vorhanden.\n\nEin eigener, ebenerdiger Eingang vom Parkplatz aus macht Veranstaltungen auch nach Schließung der Bibliothek möglich.",
            district: "st-gertrud", street: "Marliring 40", postcode: "23566",
            capacity: 50, areaM2: 75, priceModel: "free", pricePerHourCents: nil, bookingMode: "request",
            stepFree: true, accessibleWC: true, hearingLoop: false,
            equipment: ["wifi", "projector", "screen", "sound", "tables", "chairs", "parking"],
            hours: ["09:00-21:00", "09:00-21:00", "09:00-21:00", "09:00-21:00", "09:00-21:00", "09:00-16:00", ""],
            minMinutes: 60, maxMinutes: 300,
            rules: "Veranstaltungen müssen öffentlich und ohne Eintritt zugänglich sein. Plakate bitte nur an der Pinnwand im Foyer aufhängen."
        ),

        // MARK: Schlutup
        DemoRoom(
            organisation: "kulturwerft-schlutup", title: "Bühnenhalle der Netzmacherei",
            description: "In der ehemaligen Netzmacherei hängen noch die alten Deckenbalken, an denen früher die Fischernetze trockneten. Heute steht hier eine Bühne (8 × 5 m) mit Licht- und Tonanlage, bis zu 150 Gäste finden Platz.\n\nDie Halle ist ebenerdig und hat ein barrierefreies WC. Die Bar mit Spüle und Kühlschränken kann mitgenutzt werden.",
            district: "schlutup", street: "Am Fischerhafen 8", postcode: "23568",
            capacity: 150, areaM2: 240, priceModel: "donation", pricePerHourCents: nil, bookingMode: "request",
            stepFree: true, accessibleWC: true, hearingLoop: false,
            equipment: ["projector", "screen", "sound", "stage", "kitchen", "tables", "chairs", "parking"],
            hours: ["", "", "16:00-23:00", "16:00-23:00", "16:00-24:00", "12:00-24:00", "12:00-20:00"],
            minMinutes: 180, maxMinutes: 720,
            rules: "Licht- und Tontechnik nur mit unserer Technikerin oder nach Einweisung. Ab 22 Uhr bleiben die Hallentore geschlossen, der Hafen ist nachts still."
        ),
        DemoRoom(
            organisation: "kulturwerft-schlutup", title: "Offenes Atelier",
            description: "Das Atelier hat Nordlicht durch große Dachfenster, zwölf Staffeleien, einen Tonbrennofen und ein tiefes Waschbecken. Hier malen Kinder, Senior:innen und alle dazwischen. Farben und Papier bitte selbst mitbringen, Pinsel und Paletten sind vorhanden.\n\nDas Atelier liegt im Dachgeschoss und ist nur über eine Treppe erreichbar.",
            district: "schlutup", street: "Am Fischerhafen 8", postcode: "23568",
            capacity: 15, areaM2: 60, priceModel: "donation", pricePerHourCents: nil, bookingMode: "instant",
            stepFree: false, accessibleWC: false, hearingLoop: false,
            equipment: ["whiteboard", "tables", "chairs"],
            hours: ["", "10:00-20:00", "10:00-20:00", "10:00-20:00", "10:00-20:00", "10:00-18:00", ""],
            minMinutes: 120, maxMinutes: 480,
            rules: "Pinsel direkt nach der Nutzung auswaschen, Farbreste nicht ins Waschbecken kippen. Den Brennofen bedienen nur Vereinsmitglieder."
        ),
        DemoRoom(
            organisation: "kulturwerft-schlutup", title: "Clubraum",
            description: "Der Clubraum im Obergeschoss hat eine kleine Bar, Sofas, runde Tische und eine Musikanlage. Montags und dienstags, wenn unten Ruhetag ist, passt er gut für Lesekreise, Spieleabende oder die Probe eines kleinen Chors wie „Schlutuper Stimmen“. Zum Clubraum führt eine Treppe, einen Aufzug gibt es nicht.",
            district: "schlutup", street: "Am Fischerhafen 8", postcode: "23568",
            capacity: 35, areaM2: nil, priceModel: "free", pricePerHourCents: nil, bookingMode: "request",
            stepFree: false, accessibleWC: false, hearingLoop: false,
            equipment: ["sound", "kitchen", "tables", "chairs"],
            hours: ["17:00-23:00", "17:00-23:00", "", "", "", "", "14:00-22:00"],
            minMinutes: 120, maxMinutes: 360,
            rules: "Getränke aus der Bar werden nach Strichliste bezahlt. Bitte nach der Nutzung lüften und die Sofas abdecken."
        ),
        DemoRoom(
            organisation: "hafenlogistik-schlutup", title: "Schulungsraum im Verwaltungsgebäude",
            description: "Der Schulungsraum wird bei uns für Staplerkurse und Sicherheitsunterweisungen genutzt – im Schichtbetrieb rund um die Uhr. Für Vereine ist er deshalb auch nachts und am Wochenende buchbar; der Pförtner an der Einfahrt lässt Sie herein.\n\nBeamer, Leinwand, Whiteboard und 28 Stühle mit Klapptischen sind vorhanden. Parkplätze gibt es reichlich auf dem Besucherparkplatz.",
            district: "schlutup", street: "Mecklenburger Straße 142", postcode: "23568",
            capacity: 28, areaM2: 60, priceModel: "free_nonprofit", pricePerHourCents: 4000, bookingMode: "instant",
            stepFree: true, accessibleWC: true, hearingLoop: false,
            equipment: ["wifi", "projector", "screen", "whiteboard", "tables", "chairs", "parking"],
            hours: ["00:00-24:00", "00:00-24:00", "00:00-24:00", "00:00-24:00", "00:00-24:00", "00:00-24:00", "00:00-24:00"],
            minMinutes: 60, maxMinutes: 600,
            rules: "Bitte am Pförtnerhaus mit dem Namen Ihrer Gruppe anmelden. Das Betriebsgelände außerhalb des Verwaltungsgebäudes darf aus Sicherheitsgründen nicht betreten werden."
        ),
        DemoRoom(
            organisation: "hafenlogistik-schlutup", title: "Kantine mit Blick auf die Trave",
            description: "Unsere Kantine hat 80 Plätze an langen Tischen, eine große Fensterfront zur Trave und eine Ausgabetheke. Ab halb drei ist das Mittagessen vorbei, dann steht sie leer.\n\nVereine aus Schlutup nutzen sie für Jahreshauptversammlungen, Flohmärkte und das Laternenfest. Die Großküche selbst ist tabu, Kaffeemaschinen, Spülmaschine und Kühlschränke stehen aber zur Verfügung.",
            district: "schlutup", street: "Mecklenburger Straße 142", postcode: "23568",
            capacity: 80, areaM2: 150, priceModel: "free_nonprofit", pricePerHourCents: 5000, bookingMode: "request",
            stepFree: true, accessibleWC: false, hearingLoop: false,
            equipment: ["wifi", "kitchen", "sound", "tables", "chairs", "parking"],
            hours: ["14:30-22:00", "14:30-22:00", "14:30-22:00", "14:30-22:00", "14:30-22:00", "10:00-22:00", "10:00-22:00"],
            minMinutes: 120, maxMinutes: 480,
            rules: "Bitte Tische abwischen und Stühle hochstellen, damit morgens um 6 Uhr das Frühstück beginnen kann. Geschirr kommt in die Körbe neben der Spülmaschine."
        ),

        // MARK: Kücknitz
        DemoRoom(
            organisation: "juz-hafenkante", title: "Bandraum",
            description: "Schallgedämmter Bandraum im Keller mit Schlagzeug, zwei Gitarrenverstärkern, Bassanlage, Gesangsanlage und einem Keyboard. Ob Rock'n'Roll, Punk oder Posaunenchor – hier darf es laut werden.\n\nNachmittags und abends proben die Bands aus dem Jugendzentrum, vormittags und am Wochenende ist der Raum frei.",
            district: "kuecknitz", street: "Solmitzstraße 32", postcode: "23569",
            capacity: 8, areaM2: 30, priceModel: "donation", pricePerHourCents: nil, bookingMode: "request",
            stepFree: false, accessibleWC: false, hearingLoop: false,
            equipment: ["sound"],
            hours: ["10:00-15:00", "10:00-15:00", "10:00-15:00", "10:00-15:00", "10:00-15:00", "10:00-18:00", "12:00-20:00"],
            minMinutes: 60, maxMinutes: 240,
            rules: "Becken und Felle sind teuer: Bitte eigene Sticks mitbringen und nicht mit Gewalt spielen. Kabel nach der Probe aufrollen."
        ),
        DemoRoom(
            organisation: "juz-hafenkante", title: "Offener Treff",
            description: "Unser offener Treff mit Kicker, Billardtisch, Sofaecke und Theke ist nachmittags voller Jugendlicher. Vormittags und samstags ist er frei – zum Beispiel für ein Elternfrühstück, eine Fortbildung oder eine Filmvorführung mit Beamer.\n\nDer Eingang ist ebenerdig, ein barrierefreies WC liegt neben dem Büro.",
            district: "kuecknitz", street: "Solmitzstraße 32", postcode: "23569",
            capacity: 40, areaM2: 95, priceModel: "free", pricePerHourCents: nil, bookingMode: "request",
            stepFree: true, accessibleWC: true, hearingLoop: false,
            equipment: ["wifi", "projector", "screen", "sound", "kitchen", "tables", "chairs"],
            hours: ["09:00-13:00", "09:00-13:00", "09:00-13:00", "09:00-13:00", "09:00-13:00", "10:00-22:00", ""],
            minMinutes: 60, maxMinutes: 240,
            rules: "Die Graffiti an den Wänden haben die Jugendlichen selbst gestaltet – bitte nichts abhängen oder überkleben. Wochentags muss der Raum um 13 Uhr frei sein, dann öffnet der offene Treff."
        ),
        DemoRoom(
            organisation: "juz-hafenkante", title: "Medienraum",
            description: "Ein kleiner Raum im Obergeschoss mit sechs Laptops, einem Greenscreen und einem Podcast-Set mit zwei Mikrofonen. Gut für Medienworkshops, Bewerbungsfotos oder den ersten eigenen Podcast. Die Laptops dürfen nach Absprache mitbenutzt werden.",
            district: "kuecknitz", street: "Solmitzstraße 32", postcode: "23569",
            capacity: 10, areaM2: 25, priceModel: "free", pricePerHourCents: nil, bookingMode: "instant",
            stepFree: false, accessibleWC: false, hearingLoop: false,
            equipment: ["wifi", "projector", "screen", "whiteboard", "tables", "chairs"],
            hours: ["09:00-14:00", "09:00-14:00", "09:00-14:00", "09:00-14:00", "09:00-14:00", "10:00-16:00", ""],
            minMinutes: 60, maxMinutes: 240,
            rules: "Bitte keine Software auf den Laptops installieren. Aufnahmen nach der Nutzung von den Geräten löschen."
        ),
        DemoRoom(
            organisation: "trave-schiffstechnik", title: "Besprechungsraum mit Hafenblick",
            description: "Vom Besprechungsraum im dritten Stock sieht man über die Trave bis zu den Kränen am Skandinavienkai. Es gibt einen großen Tisch, Beamer, Leinwand und ein Whiteboard mit Skizzen von Schiffsrümpfen, die wir aus Prinzip nicht wegwischen.\n\nFür gemeinnützige Gruppen ist der Raum kostenlos, alle anderen zahlen 35 € pro Stunde. Der Aufzug fährt bis in den dritten Stock.",
            district: "kuecknitz", street: "Herrenwyker Straße 17", postcode: "23569",
            capacity: 14, areaM2: 35, priceModel: "free_nonprofit", pricePerHourCents: 3500, bookingMode: "request",
            stepFree: true, accessibleWC: false, hearingLoop: false,
            equipment: ["wifi", "projector", "screen", "whiteboard", "tables", "chairs", "parking"],
            hours: ["17:00-21:00", "17:00-21:00", "17:00-21:00", "17:00-21:00", "17:00-21:00", "09:00-14:00", ""],
            minMinutes: 60, maxMinutes: 240,
            rules: "Die Zeichnungen an den Wänden sind vertraulich – bitte nicht fotografieren. Zugang nur über den Haupteingang mit Klingel."
        ),
        DemoRoom(
            organisation: "trave-schiffstechnik", title: "Versuchswerkstatt",
            description: "Eine Metallwerkstatt mit Drehbank, Fräse, Schweißplatz, 3D-Drucker und Laserschneider, in der wir Prototypen für Schiffsarmaturen bauen. Abends öffnen wir sie für Schülerprojekte, Makerspaces und Menschen, die etwas Größeres vorhaben.\n\nDie Werkstatt wird nur mit unserem Werkstattmeister genutzt; seine Betreuung ist im Stundenpreis enthalten.",
            district: "kuecknitz", street: "Herrenwyker Straße 17", postcode: "23569",
            capacity: 8, areaM2: 120, priceModel: "fee", pricePerHourCents: 4500, bookingMode: "request",
            stepFree: true, accessibleWC: false, hearingLoop: false,
            equipment: ["whiteboard", "tables", "parking"],
            hours: ["17:00-21:00", "17:00-21:00", "17:00-21:00", "17:00-21:00", "17:00-21:00", "09:00-15:00", ""],
            minMinutes: 120, maxMinutes: 360,
            rules: "Sicherheitsschuhe und Schutzbrille sind Pflicht, Leihschuhe in den Größen 38–46 sind vorhanden. Schweißarbeiten nur nach Anmeldung."
        ),
        DemoRoom(
            organisation: "stadtbibliothek", title: "Lesesaal der Stadtteilbibliothek Kücknitz",
            description: "Kleiner, ruhiger Lesesaal mit vier großen Tischen, Steckdosen an jedem Platz und einem Whiteboard für Lerngruppen. Schülerinnen und Schüler lernen hier für Prüfungen, Ehrenamtliche treffen sich mit ihren Lesekindern.\n\nDer Saal liegt im ersten Stock eines Altbaus ohne Aufzug. Die Bushaltestelle „Kücknitz Kirche“ ist direkt gegenüber.",
            district: "kuecknitz", street: "Kücknitzer Hauptstraße 24", postcode: "23569",
            capacity: 20, areaM2: 55, priceModel: "free", pricePerHourCents: nil, bookingMode: "instant",
            stepFree: false, accessibleWC: false, hearingLoop: false,
            equipment: ["wifi", "whiteboard", "tables", "chairs"],
            hours: ["", "10:00-18:00", "10:00-13:00", "10:00-18:00", "10:00-18:00", "10:00-13:00", ""],
            minMinutes: 60, maxMinutes: 180,
            rules: "Bitte leise sprechen, andere Besucherinnen und Besucher arbeiten mit. Buchungen sind nur während der Öffnungszeiten möglich."
        ),

        // MARK: Travemünde
        DemoRoom(
            organisation: "hotel-moewenblick", title: "Tagungsraum „Ostsee“",
            description: "Unser größter Tagungsraum hat bodentiefe Fenster zur Ostsee und einen eigenen Zugang zur Terrasse. In Reihen, in U-Form oder an Banketttischen finden bis zu 60 Personen Platz. Beamer, zwei Leinwände, eine Tonanlage mit Funkmikrofonen und eine Induktionsschleife sind vorhanden.\n\nTagungspauschalen mit Mittagessen und Kaffee & Kuchen bieten wir ab zehn Personen an. Der Raum ist über den Aufzug stufenlos erreichbar.",
            district: "travemuende", street: "Strandpromenade 19", postcode: "23570",
            capacity: 60, areaM2: 95, priceModel: "fee", pricePerHourCents: 9000, bookingMode: "request",
            stepFree: true, accessibleWC: true, hearingLoop: true,
            equipment: ["wifi", "projector", "screen", "whiteboard", "sound", "tables", "chairs", "parking"],
            hours: ["07:00-23:00", "07:00-23:00", "07:00-23:00", "07:00-23:00", "07:00-23:00", "08:00-23:00", "08:00-20:00"],
            minMinutes: 120, maxMinutes: 720,
            rules: "Eigene Speisen und Getränke sind nicht gestattet, die Verpflegung läuft über das Hotel. Aufbauwünsche bitte bis drei Tage vor der Veranstaltung mitteilen."
        ),
        DemoRoom(
            organisation: "hotel-moewenblick", title: "Konferenzzimmer „Priwall“",
            description: "Ein ruhiges Konferenzzimmer im Gartenflügel mit einem langen Tisch für 16 Personen, Bildschirm und Whiteboard. Durch das Fenster sieht man auf die Travemündung und die Priwallfähre.\n\nFür gemeinnützige Gruppen ist das Zimmer kostenlos, Wasser und Kaffee sind inklusive.",
            district: "travemuende", street: "Strandpromenade 19", postcode: "23570",
            capacity: 16, areaM2: 40, priceModel: "free_nonprofit", pricePerHourCents: 4500, bookingMode: "instant",
            stepFree: true, accessibleWC: false, hearingLoop: false,
            equipment: ["wifi", "screen", "whiteboard", "tables", "chairs", "parking"],
            hours: ["08:00-20:00", "08:00-20:00", "08:00-20:00", "08:00-20:00", "08:00-20:00", "09:00-18:00", ""],
            minMinutes: 60, maxMinutes: 480,
            rules: "In der Hauptsaison von Juni bis August nehmen wir nur Buchungen von montags bis donnerstags an. Parkplätze bitte an der Rezeption reservieren."
        ),
        DemoRoom(
            organisation: "hotel-moewenblick", title: "Wintergarten an der Promenade",
            description: "Der verglaste Wintergarten liegt direkt an der Promenade, bei Sonne fühlt man sich wie auf einem Schiff. Er eignet sich für Empfänge, kleine Feiern oder ein Vereinsjubiläum mit bis zu 35 Gästen. Speisen und Getränke kommen aus unserer Hotelküche.",
            district: "travemuende", street: "Strandpromenade 19", postcode: "23570",
            capacity: 35, areaM2: 70, priceModel: "fee", pricePerHourCents: 6000, bookingMode: "request",
            stepFree: true, accessibleWC: false, hearingLoop: false,
            equipment: ["wifi", "sound", "tables", "chairs"],
            hours: ["14:00-22:00", "14:00-22:00", "14:00-22:00", "14:00-22:00", "14:00-22:00", "14:00-23:00", "10:00-18:00"],
            minMinutes: 120, maxMinutes: 480,
            rules: "Die Verpflegung ist nicht im Stundenpreis enthalten und wird gesondert abgerechnet. Dekoration bitte ohne Klebeband an den Glasflächen."
        ),
        DemoRoom(
            organisation: "musikverein-travemuende", title: "Großer Probensaal",
            description: "Schallgedämmter Probensaal mit Podesten für ein ganzes Blasorchester, 60 Orchesterstühlen, Notenpulten und einem Schlagwerk-Set. Die Akustik ist trocken genug für konzentrierte Proben und lebendig genug, dass es Spaß macht.\n\nDienstag- und mittwochabends proben wir selbst, sonst sind Chöre, Bands und Ensembles willkommen. Als Dank freuen wir uns über eine Spende für unsere Jugendkapelle.",
            district: "travemuende", street: "Bertlingstraße 9", postcode: "23570",
            capacity: 60, areaM2: 140, priceModel: "donation", pricePerHourCents: nil, bookingMode: "request",
            stepFree: true, accessibleWC: false, hearingLoop: false,
            equipment: ["whiteboard", "sound", "stage", "chairs", "parking"],
            hours: ["09:00-22:00", "09:00-18:00", "09:00-18:00", "09:00-22:00", "09:00-22:00", "10:00-22:00", "10:00-18:00"],
            minMinutes: 120, maxMinutes: 480,
            rules: "Die Instrumente des Vereins dürfen nur nach Absprache gespielt werden. Nach der Probe bitte Stühle und Pulte wieder in die Orchesteraufstellung bringen – ein Foto hängt an der Tür."
        ),
        DemoRoom(
            organisation: "musikverein-travemuende", title: "Proberaum für kleine Ensembles",
            description: "Kleiner Proberaum im Obergeschoss mit Klavier, Notenpulten, zehn Stühlen und einer kleinen Gesangsanlage. Ideal für ein Streichquartett, ein Jazztrio oder Gesangsunterricht. Der Raum ist nur über eine Treppe erreichbar.",
            district: "travemuende", street: "Bertlingstraße 9", postcode: "23570",
            capacity: 10, areaM2: 28, priceModel: "donation", pricePerHourCents: nil, bookingMode: "instant",
            stepFree: false, accessibleWC: false, hearingLoop: false,
            equipment: ["sound", "chairs"],
            hours: ["09:00-22:00", "09:00-22:00", "09:00-22:00", "09:00-22:00", "09:00-22:00", "09:00-22:00", "10:00-20:00"],
            minMinutes: 60, maxMinutes: 240,
            rules: "Das Klavier bitte nicht verrücken, es wird zweimal im Jahr gestimmt. Fenster während der Probe geschlossen halten."
        ),
    ]

    // MARK: - Vocabulary for generated rooms

    /// Words to vary generated rooms for `demo --rooms N` (large data sets for benchmarks).
    /// All kinds are masculine nouns, so every adjective below (strong masculine nominative,
    /// e.g. "heller") combines grammatically: "Heller Seminarraum", "ein ruhiger Gemeindesaal".
    static let roomKinds: [String] = [
        "Seminarraum", "Gemeindesaal", "Werkraum", "Gruppenraum", "Besprechungsraum",
        "Proberaum", "Gymnastikraum", "Clubraum", "Veranstaltungssaal", "Lesesaal",
        "Konferenzraum", "Nachbarschaftsraum", "Tagungsraum", "Mehrzweckraum", "Kursraum",
        "Festsaal",
    ]

    static let roomAdjectives: [String] = [
        "heller", "ruhiger", "großer", "kleiner", "gemütlicher",
        "moderner", "historischer", "sonniger", "geräumiger", "schlichter",
        "frisch renovierter", "zentral gelegener", "lichtdurchfluteter", "vielseitiger", "freundlicher",
    ]

    static let streets: [String: [String]] = [
        "innenstadt": ["Königstraße", "Mengstraße", "Glockengießerstraße", "Große Burgstraße", "Hüxstraße", "Breite Straße"],
        "st-juergen": ["Ratzeburger Allee", "Maria-Goeppert-Straße", "Mönkhofer Weg", "Kahlhorststraße", "Blankenseer Straße"],
        "moisling": ["Oberbüssauer Weg", "Andersenring", "Brüder-Grimm-Ring", "Moislinger Mühlenweg", "Niendorfer Straße"],
        "buntekuh": ["Korvettenweg", "Ziegelstraße", "Hinter den Kirschkaten", "Karavellenstraße"],
        "st-lorenz-sued": ["Hansestraße", "Meierstraße", "Possehlstraße", "Moislinger Allee", "Lindenplatz"],
        "st-lorenz-nord": ["Schwartauer Allee", "Fackenburger Allee", "Dornbreite", "Steinrader Weg", "Bei der Lohmühle"],
        "st-gertrud": ["Roeckstraße", "Marliring", "Eschenburgstraße", "Travemünder Allee", "Brandenbaumer Landstraße"],
        "schlutup": ["Mecklenburger Straße", "Am Fischerhafen", "Schlutuper Kirchstraße", "Wesloer Straße", "Palinger Weg"],
        "kuecknitz": ["Solmitzstraße", "Herrenwyker Straße", "Kücknitzer Hauptstraße", "Ostpreußenring", "Dummersdorfer Straße"],
        "travemuende": ["Strandpromenade", "Bertlingstraße", "Vorderreihe", "Kurgartenstraße", "Kaiserallee", "Torstraße"],
    ]
}
