namespace Triggers.Core.Tests.Engine;

public sealed class EventTriggerTests
{
    private const string Welcome = """
        playbook: welcome
        applies_to: account.plan in ["team", "business"]
        rules:
          - id: admin-invited
            when: { event: user.invited, where: event.data.role == "admin" }
            where: user.role == "owner"
            do:
              - email: { to: "{{ trigger.data.invitee_email }}", template: welcome-admin,
                         data: { inviter: "{{ user.name }}", seats: "{{ account.seats }}" } }
        """;

    [Fact]
    public void EventTrigger_MatchingEventInSegment_FiresAtEventTime()
    {
        Scenario.Passes(Welcome, """
            test: owner invites an admin on the team plan
            events:
              - { time: 2026-01-05T09:00:00Z, type: account.updated, accountid: acme, data: { plan: team, seats: 5 } }
              - { time: 2026-01-05T09:01:00Z, type: user.updated, accountid: acme, userid: u1, data: { role: owner, name: Ann } }
              - { time: 2026-01-05T10:00:00Z, type: user.invited, accountid: acme, userid: u1,
                  data: { invitee_email: bob@acme.test, role: admin } }
            expect:
              - { time: 2026-01-05T10:00:00Z, rule: welcome/admin-invited, action: email, to: bob@acme.test, template: welcome-admin }
            expect_only: true
            """);
    }

    [Fact]
    public void EventTrigger_AccountOutsideSegment_DoesNotFire()
    {
        Scenario.Passes(Welcome, """
            test: starter plan is outside applies_to
            events:
              - { time: 2026-01-05T09:00:00Z, type: account.updated, accountid: acme, data: { plan: starter } }
              - { time: 2026-01-05T09:01:00Z, type: user.updated, accountid: acme, userid: u1, data: { role: owner } }
              - { time: 2026-01-05T10:00:00Z, type: user.invited, accountid: acme, userid: u1, data: { invitee_email: bob@acme.test, role: admin } }
            expect: []
            expect_only: true
            """);
    }

    [Fact]
    public void EventTrigger_WhereOnUserTraitFalse_DoesNotFire()
    {
        Scenario.Passes(Welcome, """
            test: a member (not the owner) inviting does not count
            events:
              - { time: 2026-01-05T09:00:00Z, type: account.updated, accountid: acme, data: { plan: team } }
              - { time: 2026-01-05T09:01:00Z, type: user.updated, accountid: acme, userid: u1, data: { role: member } }
              - { time: 2026-01-05T10:00:00Z, type: user.invited, accountid: acme, userid: u1, data: { invitee_email: bob@acme.test, role: admin } }
            expect: []
            expect_only: true
            """);
    }

    [Fact]
    public void EventTrigger_Rendering_UsesTraitsAtFireTime()
    {
        var result = Scenario.Run(Welcome, """
            test: data is rendered with typed values
            events:
              - { time: 2026-01-05T09:00:00Z, type: account.updated, accountid: acme, data: { plan: team, seats: 5 } }
              - { time: 2026-01-05T09:01:00Z, type: user.updated, accountid: acme, userid: u1, data: { role: owner, name: Ann } }
              - { time: 2026-01-05T10:00:00Z, type: user.invited, accountid: acme, userid: u1, data: { invitee_email: bob@acme.test, role: admin } }
            expect: []
            """);

        var email = Assert.Single(result.Outcomes, o => o.Action == "email");
        Assert.Equal("""{"inviter":"Ann","seats":5}""", email.Payload);
    }

    [Fact]
    public void DuplicateEvents_SameId_AreIgnored()
    {
        Scenario.Passes(Welcome, """
            test: a redelivered invite fires once
            events:
              - { time: 2026-01-05T09:00:00Z, type: account.updated, accountid: acme, data: { plan: team } }
              - { time: 2026-01-05T09:01:00Z, type: user.updated, accountid: acme, userid: u1, data: { role: owner } }
              - { id: inv-1, time: 2026-01-05T10:00:00Z, type: user.invited, accountid: acme, userid: u1, data: { invitee_email: bob@acme.test, role: admin } }
              - { id: inv-1, time: 2026-01-05T10:00:00Z, type: user.invited, accountid: acme, userid: u1, data: { invitee_email: bob@acme.test, role: admin } }
            expect:
              - { time: 2026-01-05T10:00:00Z, rule: welcome/admin-invited, action: email }
            expect_only: true
            """);
    }

    [Fact]
    public void EventTrigger_DataMemberNamedWithAnEmoji_IsReadInBrackets_AsTheSyntaxErrorHintSays()
    {
        Scenario.Passes("""
            playbook: reactions
            rules:
              - id: thumbs-up
                when: { event: nps.answered, where: 'event.data["👍"] >= 2 and event.data["café"] == "oui"' }
                do:
                  - task: { title: "{{ event.data['👍'] }} thumbs up" }
            """, """
            test: a member name that is no identifier
            events:
              - { time: 2026-01-05T10:00:00Z, type: nps.answered, accountid: acme, data: { "👍": 1, "café": oui } }
              - { time: 2026-01-06T10:00:00Z, type: nps.answered, accountid: acme, data: { "👍": 3, "café": oui } }
            expect:
              - { time: 2026-01-06T10:00:00Z, rule: reactions/thumbs-up, action: task, title: 3 thumbs up }
            expect_only: true
            """);
    }

    [Fact]
    public void EventAttributes_DataContentTypeAndSchema_AreReadByConditionsAndTemplates() =>
        Scenario.Passes("""
            playbook: attrs
            rules:
              - id: json-logins
                when: { event: user.logged_in, where: event.datacontenttype == "application/json" }
                do:
                  - task: { title: "{{ event.datacontenttype }} {{ event.dataschema }}" }
            """, """
            test: the documented attributes read as the event wrote them
            events:
              - { time: 2026-01-06T09:00:00Z, type: user.logged_in, accountid: acme, datacontenttype: application/json, dataschema: "https://x.test/s" }
              - { time: 2026-01-06T10:00:00Z, type: user.logged_in, accountid: acme, datacontenttype: text/plain }
            expect:
              - { time: 2026-01-06T09:00:00Z, rule: attrs/json-logins, action: task, title: "application/json https://x.test/s" }
            expect_only: true
            """);
}
