using System.Globalization;
using System.Net;
using Backlot.Features.Accounts;
using Backlot.Features.Discovery;
using Backlot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Backlot.IntegrationTests.Discovery;

/// <summary>The editors' related-stories page, /admin/articles/{id}/related, over HTTP with plain form posts (no JavaScript).</summary>
public sealed class RelatedChoicesAdminTests(BacklotFactory site) : IClassFixture<BacklotFactory>
{
    private readonly HttpClient reader = site.CreateClient(new() { AllowAutoRedirect = false });

    [Fact]
    public async Task An_editor_sees_suggestions_with_reasons_and_pins_a_story_found_by_title_which_readers_then_see_first()
    {
        var (id, path) = await NewInterstellarStoryAsync("Interstellar's docking scene, frame by frame");
        var (goodfellasId, goodfellasPath) = await site.FindAsync("why-goodfellas-dinner-scenes-feel-lived-in");
        var editor = await AdminSession.SignInAsNewAsync(site, Roles.Editor);
        Assert.NotEqual(goodfellasPath, (await RelatedPathsAsync(path))[0]); // and the page is now cached

        var page = await editor.Client.GetDocumentAsync(Related(id));
        var reasons = page.QuerySelectorAll(".related-suggestions tbody tr .related-reasons").Select(r => r.TextContent).ToList();
        Assert.NotEmpty(reasons);
        Assert.Contains(reasons, r => r.Contains("Interstellar", StringComparison.Ordinal));

        var found = await editor.Client.GetDocumentAsync(Related(id) + "?q=" + Uri.EscapeDataString("Goodfellas dinner scenes"));
        var hit = found.QuerySelectorAll(".related-found li").Single(li => li.GetAttribute("data-article-id") == Id(goodfellasId));
        Assert.NotNull(hit.QuerySelector("form button"));

        using var pinned = await PostAsync(editor, id, "Pin", goodfellasId);

        Assert.Equal(HttpStatusCode.Redirect, pinned.StatusCode);
        Assert.Equal(Related(id), pinned.Headers.Location!.OriginalString);
        var after = await editor.Client.GetDocumentAsync(Related(id));
        Assert.Equal([Id(goodfellasId)], after.QuerySelectorAll(".related-pins li").Select(li => li.GetAttribute("data-article-id")));
        Assert.Equal(goodfellasPath, (await RelatedPathsAsync(path))[0]);
    }

    [Fact]
    public async Task Pins_are_reordered_and_unpinned_and_the_page_follows()
    {
        var (id, path) = await NewInterstellarStoryAsync("Interstellar's water planet, wave by wave");
        var (firstId, firstPath) = await site.FindAsync("why-goodfellas-dinner-scenes-feel-lived-in");
        var (secondId, secondPath) = await site.FindAsync("welcome-to-backlot");
        var editor = await AdminSession.SignInAsNewAsync(site, Roles.Editor);
        (await PostAsync(editor, id, "Pin", firstId)).Dispose();
        (await PostAsync(editor, id, "Pin", secondId)).Dispose();
        Assert.Equal([firstPath, secondPath], (await RelatedPathsAsync(path))[..2]);

        using var moved = await PostAsync(editor, id, "Move", secondId, ("by", "-1"));

        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal([Id(secondId), Id(firstId)], await PinIdsAsync(editor, id));
        Assert.Equal([secondPath, firstPath], (await RelatedPathsAsync(path))[..2]);

        using var unpinned = await PostAsync(editor, id, "Unpin", secondId);

        Assert.Equal(HttpStatusCode.Redirect, unpinned.StatusCode);
        Assert.Equal([Id(firstId)], await PinIdsAsync(editor, id));
        var shown = await RelatedPathsAsync(path);
        Assert.Equal(firstPath, shown[0]);
        Assert.True(shown.Count(p => p == secondPath) <= 1, "an unpinned story may come back as a computed one, but only once");
    }

    [Fact]
    public async Task An_excluded_suggestion_leaves_the_page_and_comes_back_when_allowed_again()
    {
        var (id, path) = await NewInterstellarStoryAsync("Interstellar's tesseract, explained slowly");
        var editor = await AdminSession.SignInAsNewAsync(site, Roles.Editor);
        var page = await editor.Client.GetDocumentAsync(Related(id));
        var first = page.QuerySelector(".related-suggestions tbody tr")!;
        var excludedId = int.Parse(first.GetAttribute("data-article-id")!, CultureInfo.InvariantCulture);
        var excludedPath = first.QuerySelector("a")!.GetAttribute("href")!;
        Assert.Contains(excludedPath, await RelatedPathsAsync(path));

        using var excluded = await PostAsync(editor, id, "Exclude", excludedId);

        Assert.Equal(HttpStatusCode.Redirect, excluded.StatusCode);
        Assert.DoesNotContain(excludedPath, await RelatedPathsAsync(path));
        var after = await editor.Client.GetDocumentAsync(Related(id));
        Assert.Equal([Id(excludedId)], after.QuerySelectorAll(".related-excluded li").Select(li => li.GetAttribute("data-article-id")));
        Assert.DoesNotContain(after.QuerySelectorAll(".related-suggestions tbody tr"), tr => tr.GetAttribute("data-article-id") == Id(excludedId));

        using var allowed = await PostAsync(editor, id, "Include", excludedId);

        Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        Assert.Empty((await editor.Client.GetDocumentAsync(Related(id))).QuerySelectorAll(".related-excluded li"));
        Assert.Contains(excludedPath, await RelatedPathsAsync(path));
    }

    [Fact]
    public async Task Bad_ids_get_a_clear_error_naming_the_field_and_change_nothing()
    {
        var (id, _) = await NewInterstellarStoryAsync("Interstellar's soundtrack, organ and all");
        var editor = await AdminSession.SignInAsNewAsync(site, Roles.Editor);

        using var unknownArticle = await editor.Client.GetAsync(new Uri(Related(987_654), UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, unknownArticle.StatusCode);

        foreach (var (relatedId, status) in new[] { ("abc", HttpStatusCode.BadRequest), ("", HttpStatusCode.BadRequest), ("987654", HttpStatusCode.NotFound), (Id(id), HttpStatusCode.BadRequest) })
        {
            using var response = await editor.PostFormAsync(Related(id), new() { ["relatedId"] = relatedId }, Related(id) + "?handler=Pin");
            Assert.Equal(status, response.StatusCode);
            Assert.Contains("relatedId", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        var (otherId, _) = await site.FindAsync("welcome-to-backlot");
        using var notPinned = await PostAsync(editor, id, "Unpin", otherId);
        Assert.Equal(HttpStatusCode.NotFound, notPinned.StatusCode);
        using var notExcluded = await PostAsync(editor, id, "Include", otherId);
        Assert.Equal(HttpStatusCode.NotFound, notExcluded.StatusCode);
        using var moveNotPinned = await PostAsync(editor, id, "Move", otherId, ("by", "1"));
        Assert.Equal(HttpStatusCode.NotFound, moveNotPinned.StatusCode);

        await site.WithDbAsync(async db => Assert.False(await db.RelatedStories.AnyAsync(r => r.ArticleId == id && r.Source != RelatedSource.Computed, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task Changes_need_a_signed_in_editor_of_the_article_and_an_antiforgery_token()
    {
        var (id, _) = await NewInterstellarStoryAsync("Interstellar's bookshelf, the long way round");
        var (otherId, _) = await site.FindAsync("welcome-to-backlot");

        using var anonymous = await reader.GetAsync(new Uri(Related(id), UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/admin/sign-in", anonymous.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var contributor = await AdminSession.SignInAsNewAsync(site, Roles.Contributor);
        using var notTheirs = await contributor.Client.GetAsync(new Uri(Related(id), UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, notTheirs.StatusCode);

        var editor = await AdminSession.SignInAsNewAsync(site, Roles.Editor);
        using var noToken = await editor.Client.PostAsync(
            new Uri(Related(id) + "?handler=Pin", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["relatedId"] = Id(otherId) }),
            TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);

        await site.WithDbAsync(async db => Assert.False(await db.RelatedStories.AnyAsync(r => r.ArticleId == id && r.Source == RelatedSource.Pinned, TestContext.Current.CancellationToken)));
        var editPage = await editor.Client.GetDocumentAsync($"/admin/articles/{id}");
        Assert.Contains(editPage.QuerySelectorAll("a"), a => a.GetAttribute("href") == Related(id));
    }

    private static string Related(int id) => $"/admin/articles/{id}/related";

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private Task<(int Id, string Path)> NewInterstellarStoryAsync(string title) =>
        site.CreateStoryAsync(title, "A close look at Interstellar, in our own words.\n\nSecond paragraph.\n\nThird paragraph.\n\nFourth paragraph.", d => d with { WorkIds = [InterstellarId()] });

    private int InterstellarId() => site.WorkIdAsync("interstellar").GetAwaiter().GetResult();

    private static Task<HttpResponseMessage> PostAsync(AdminSession session, int id, string handler, int relatedId, params (string Name, string Value)[] more)
    {
        var fields = new Dictionary<string, string> { ["relatedId"] = Id(relatedId) };
        foreach (var (name, value) in more)
        {
            fields[name] = value;
        }

        return session.PostFormAsync(Related(id), fields, $"{Related(id)}?handler={handler}");
    }

    private static async Task<List<string?>> PinIdsAsync(AdminSession session, int id) =>
        [.. (await session.Client.GetDocumentAsync(Related(id))).QuerySelectorAll(".related-pins li").Select(li => li.GetAttribute("data-article-id"))];

    private async Task<List<string>> RelatedPathsAsync(string path)
    {
        var document = await reader.GetDocumentAsync(path);
        return [.. document.QuerySelectorAll(".check-also a, .more-stories__item a").Select(a => a.GetAttribute("href")!)];
    }
}
