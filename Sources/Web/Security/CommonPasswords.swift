/// Passwords of ten or more characters that lead the published breach lists
/// (German and international); ASVS 6.2.4 asks to refuse them.
enum CommonPasswords {
    static func contains(_ password: String) -> Bool {
        list.contains(password.lowercased())
    }

    private static let list: Set<String> = [
        "1234567890", "12345678910", "123456789a", "0123456789", "1111111111", "0000000000", "1234512345",
        "qwertyuiop", "qwertzuiop", "1q2w3e4r5t", "1qaz2wsx3edc", "q1w2e3r4t5", "asdfghjkl1", "asdfghjklö",
        "password12", "password123", "password1234", "passwort12", "passwort123", "passwort1234", "password!1",
        "iloveyou12", "iloveyou123", "ichliebedich", "hallo12345", "hallo123456", "schatz1234", "sommer2024",
        "sommer2025", "sommer2026", "winter2025", "winter2026", "fussball12", "fußball123", "dortmund09",
        "schalke04!", "bayern1900", "hamburg123", "luebeck123", "lübeck1234", "raumboerse", "raumbörse1",
        "welcome123", "willkommen", "willkommen1", "willkommen123", "letmein123", "administrator", "admin12345",
        "qwerty1234", "qwertz1234", "abc1234567", "abcdefghij", "1234qwer!!", "superman12", "starwars12",
        "dragon1234", "monkey1234", "football12", "baseball12", "princess12", "sunshine12", "trustno1!!",
        "changeme12", "geheim1234", "geheimnis1", "kennwort12", "kennwort123", "zaq12wsxcde", "1qay2wsx3edc",
        "mustermann", "musterfrau", "1234567890a", "987654321a", "9876543210", "a123456789", "aa12345678",
        "passw0rd12", "p@ssw0rd12", "computer12", "internet12", "deutschland", "deutschland1", "berlin1234",
    ]
}
