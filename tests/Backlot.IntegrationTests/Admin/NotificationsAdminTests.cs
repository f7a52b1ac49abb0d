using System.Net;
using Backlot.Data;
using Backlot.Features.Accounts;
using Backlot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Backlot.IntegrationTests.Admin;

public sealed class NotificationsAdminTests(BacklotFactory site) : IClassFixture<BacklotFactory>
{
    private static Dictionary<string, string> Notification(string title, string body = "A new list is up.") => new()
    {
        ["NotificationTitle"] = title,
        ["Body"] = body,
        ["Link"] = "/movies/behind-the-scenes-details-that-made-scenes-memorable",
        ["TopicList"] = "site, category:movies",
        ["Urgency"] = "Normal",
    };

    [Fact]
    public async Task An_editor_previews_then_sends_a_custom_notification_and_sees_it_listed()
    {
        var editor = await AdminSession.SignInAsNewAsync(site, Roles.Editor);

        using var preview = await editor.PostFormAsync("/admin/notifications", Notification("Ten details, one list"), "/admin/notifications?handler=Preview");
        var page = Html.Parse(await preview.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains("Ten details, one list", page.QuerySelector("pre.payload")!.TextContent, StringComparison.Ordinal);

        using var sent = await editor.PostFormAsync("/admin/notifications", Notification("Ten details, one list"), "/admin/notifications?handler=Send");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var list = await editor.Client.GetDocumentAsync("/admin/notifications");
        Assert.Contains(list.QuerySelectorAll("table a"), a => a.TextContent == "Ten details, one list");
    }

    [Fact]
    public async Task A_notification_over_the_push_size_limit_is_refused_and_nothing_is_queued()
    {
        var editor = await AdminSession.SignInAsNewAsync(site, Roles.Editor);
        int before;
        await using (var scope = site.Scope())
        {
            before = await scope.ServiceProvider.GetRequiredService<BacklotDb>().Set<Backlot.Features.Push.PushCampaign>().CountAsync(TestContext.Current.CancellationToken);
        }

        var fields = Notification("Too long");
        fields["Link"] = "/?" + new string('x', 3990); // the payload would pass the 4 KB a push message may carry

        using var response = await editor.PostFormAsync("/admin/notifications", fields, "/admin/notifications?handler=Send");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var errors = string.Concat(page.QuerySelectorAll(".error, .errors").Select(e => e.TextContent));
        Assert.False(string.IsNullOrWhiteSpace(errors), "the refusal should say what is wrong");
        await using (var scope = site.Scope())
        {
            Assert.Equal(before, await scope.ServiceProvider.GetRequiredService<BacklotDb>().Set<Backlot.Features.Push.PushCampaign>().CountAsync(TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task Authors_cannot_send_notifications()
    {
        var author = await AdminSession.SignInAsNewAsync(site, Roles.Author);

        using var response = await author.Client.GetAsync(new Uri("/admin/notifications", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
