using Triggers.Core.Loading;

namespace Triggers.Core.Tests.Loading;

/// <summary>
/// Text that is sent as written, never filled (audit 34): an email's <c>template</c> names a template the mail service
/// holds, and a key of a webhook body or of data is a name. A <c>{{ }}</c> in either would reach the receiver unfilled,
/// and an empty template names nothing: load errors at the text.
/// </summary>
public sealed class UnfilledHoleTests
{
    private static List<string> Errors(string template) =>
        [.. PlaybookLoader.Load([new SourceFile("p.yaml", $$$"""
            playbook: p
            rules:
              - id: r
                when: { event: user.invited }
                do:
                  - email: { to: "{{ trigger.data.invitee_email }}", template: {{{template}}} }
            """)]).Diagnostics.Where(d => d.IsError).Select(d => d.ToString())];

    [Fact]
    public void TemplateWithAHole_IsAnError_AtTheValue()
    {
        var error = Assert.Single(Errors("\"welcome-{{ event.data.plan }}\""));

        Assert.Equal("p.yaml:6:69: error TRG006: 'welcome-{{ event.data.plan }}' is not a template name: 'template' is sent as written, so '{{ }}' in it is never filled", error);
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"  \"")]
    public void EmptyTemplate_IsAnError(string template) =>
        Assert.Contains("error TRG006: 'template' is empty: it names the email template to send", Assert.Single(Errors(template)));

    [Theory]
    [InlineData("invite-reminder")]
    [InlineData("d-13b8f94fbcae4ec6b75270d6cb59f932")] // a SendGrid dynamic template id
    [InlineData("\"Welcome email (v2)\"")]
    public void TemplateName_Loads(string template) => Assert.Empty(Errors(template));

    [Fact]
    public void HoleInABodyKey_IsAnError_AtTheKey()
    {
        var errors = PlaybookLoader.Load([new SourceFile("p.yaml", """
            playbook: p
            rules:
              - id: r
                when: { event: csat.answered }
                do:
                  - webhook: { target: crm, body: { "{{ event.data.metric }}": "{{ event.data.score }}", ok: true } }
            """), new SourceFile("webhooks.yaml", "targets:\n  - name: crm\n")]).Diagnostics.Where(d => d.IsError).Select(d => d.ToString());

        Assert.Equal(["p.yaml:6:42: error TRG003: the key '{{ event.data.metric }}' holds '{{ }}', but keys of a JSON body or data are not templates: only values are filled"], errors);
    }
}
