import Foundation
import GRDB
import RoomExchange
@testable import Storage
import Testing
import TestSupport
@testable import Web

/// An organisation with its manager signed in, who invites `email`.
private func managerInviting(_ server: TestServer, _ email: String) throws -> TestClient {
    let manager = server.client()
    try manager.register(email: "leitung@treff.example", organisation: "Stadtteiltreff Süd e.V.")
    #expect(try manager.submit("/organisations/1/edit", to: "/organisations/1/invitations", [("email", email)]).status == 303)
    return manager
}

@Suite("Invitations: only the link in the e-mail lets someone join")
struct InvitationTests {
    @Test("registering with an invited address but without the link founds one's own organisation and gives nothing away")
    func addressAloneJoinsNothing() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        _ = try managerInviting(server, "kim@treff.example")
        // Without an organisation name the form says so, exactly as for any address.
        let stranger = server.client()
        let missing = try stranger.submit("/register", [("email", "kim@treff.example"), ("password", "ein langes Testpasswort"),
                                                        ("name", "Kim"), ("privacy", "1")])
        let other = try server.client().submit("/register", [("email", "jemand@anders.example"), ("password", "ein langes Testpasswort"),
                                                             ("name", "Kim"), ("privacy", "1")])
        #expect(missing.status == 422 && other.status == 422)
        #expect(missing.text.contains("Bitte geben Sie den Namen Ihrer Organisation an.") && other.text.contains("Bitte geben Sie den Namen Ihrer Organisation an."))
        #expect(try stranger.register(email: "kim@treff.example", organisation: "Kims eigener Verein").status == 303)
        let kim = try #require(try server.database.credentials(email: "kim@treff.example")).user
        #expect(kim.organisationID == Organisation.ID(2) && kim.organisationRole == .manager)
        #expect(try server.database.members(of: Organisation.ID(1)).map(\.email) == ["leitung@treff.example"])
        // A made-up token in the form does not help either.
        let forged = try server.client().submit("/register", [("invitation", "erfunden"), ("email", "z@treff.example"),
                                                              ("password", "ein langes Testpasswort"), ("name", "Z"), ("privacy", "1")])
        #expect(forged.status == 422 && forged.text.contains("Dieser Einladungslink gilt nicht mehr"))
        #expect(forged.text.contains("name=\"organisation_name\""), "the form offers one's own organisation instead")
        #expect(try server.database.credentials(email: "z@treff.example") == nil)
    }

    @Test("the link names the organisation, offers the address, joins once; a used link says so")
    func linkJoinsOnce() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        _ = try managerInviting(server, "kim@treff.example")
        let token = try #require(try server.invitationToken(to: "kim@treff.example"))
        let form = try server.client().get("/register?invitation=" + token)
        #expect(form.status == 200)
        #expect(form.text.contains("Mit diesem Konto gehören Sie zu „Stadtteiltreff Süd e.V.“"))
        #expect(form.text.contains("value=\"kim@treff.example\"") && !form.text.contains("name=\"organisation_name\""))
        let kim = server.client()
        #expect(try kim.accept(invitation: token, email: "kim@treff.example").status == 303)
        let member = try #require(try server.database.credentials(email: "kim@treff.example")).user
        #expect(member.organisationID == Organisation.ID(1) && member.organisationRole == .member)
        #expect(try kim.get("/my").text.contains("Stadtteiltreff Süd e.V."))
        // The link is used up.
        let again = try server.client().get("/register?invitation=" + token)
        #expect(again.status == 410 && again.text.contains("Dieser Einladungslink gilt nicht mehr"))
        let second = try server.client().accept(invitation: token, email: "noch@jemand.example")
        #expect(second.status == 422 && second.text.contains("Dieser Einladungslink gilt nicht mehr"))
        #expect(try server.database.credentials(email: "noch@jemand.example") == nil)
        #expect(try server.database.pendingInvitations(of: Organisation.ID(1)).isEmpty)
    }

    @Test("an expired link is refused; inviting again after an hour sends a new link and the old one stops working")
    func expiryAndRenewal() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        let manager = try managerInviting(server, "kim@treff.example")
        let first = try #require(try server.invitationToken(to: "kim@treff.example"))
        // Within the hour, inviting again sends nothing and says why.
        let soon = try manager.submit("/organisations/1/edit", to: "/organisations/1/invitations", [("email", "kim@treff.example")])
        #expect(soon.status == 422 && soon.text.contains("in der letzten Stunde schon eingeladen"))
        try server.database.pool.write { try $0.execute(sql: "UPDATE invitation SET createdAt = createdAt - 15 * 86400, expiresAt = expiresAt - 15 * 86400") }
        #expect(try server.client().get("/register?invitation=" + first).status == 410)
        #expect(try manager.get("/organisations/1/edit").text.contains("Eingeladen: kim@treff.example (der Link ist abgelaufen"))
        #expect(try manager.submit("/organisations/1/edit", to: "/organisations/1/invitations", [("email", "kim@treff.example")]).status == 303)
        let second = try #require(try server.invitationToken(to: "kim@treff.example"))
        #expect(second != first)
        #expect(try server.client().get("/register?invitation=" + first).status == 410, "the new link replaces the old one")
        #expect(try server.client().accept(invitation: second, email: "kim@treff.example").status == 303)
        #expect(try server.database.credentials(email: "kim@treff.example")?.user.organisationID == Organisation.ID(1))
    }

    @Test("an organisation sends at most invitationsPerDay invitations a day")
    func dailyLimit() throws {
        let server = try TestServer(demo: false)
        defer { server.stop() }
        let manager = try managerInviting(server, "gast0@verein.example")
        for i in 1..<AppDatabase.invitationsPerDay {
            #expect(try manager.submit("/organisations/1/edit", to: "/organisations/1/invitations", [("email", "gast\(i)@verein.example")]).status == 303)
        }
        let refused = try manager.submit("/organisations/1/edit", to: "/organisations/1/invitations", [("email", "noch.einer@verein.example")])
        #expect(refused.status == 429)
        #expect(refused.text.contains("schon \(AppDatabase.invitationsPerDay) Einladungen verschickt"))
        #expect(refused.text.contains("value=\"noch.einer@verein.example\""), "the address stays in the form")
        #expect(try server.invitationToken(to: "noch.einer@verein.example") == nil)
        let queued = try server.database.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM outboxMessage WHERE kind = 'invitation'") }
        #expect(queued == AppDatabase.invitationsPerDay)
    }
}
