using System.Net;
using System.Text.Json;
using Backlot.Data;
using Backlot.Features.Articles;
using Backlot.Features.Taxonomy;
using Backlot.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Backlot.IntegrationTests.Discovery;

public sealed class SearchTests(BacklotFactory site) : IClassFixture<BacklotFactory>
{
    private readonly HttpClient client = site.CreateClient(new() { AllowAutoRedirect = false });

    [Fact]
    public async Task Search_ranks_the_article_about_the_words_first_and_highlights_them()
    {
        var document = await client.GetDocumentAsync("/search?q=Overlook+hotel");

        var first = document.QuerySelector(".search-results li a")!;
        Assert.Equal("/movies/why-the-shinings-hotel-still-confuses-fans", first.GetAttribute("href"));
        Assert.NotEmpty(document.QuerySelectorAll(".search-results mark"));
    }

    [Theory]
    [InlineData("Stanger Things", "Stranger Things")]
    [InlineData("Intersteller", "Interstellar")]
    public async Task A_misspelled_work_still_finds_its_articles(string typed, string meant)
    {
        var document = await client.GetDocumentAsync("/search?q=" + Uri.EscapeDataString(typed));

        Assert.Contains(meant, document.QuerySelector(".search-correction")!.Text(), StringComparison.Ordinal);
        Assert.NotEmpty(document.QuerySelectorAll(".search-results li"));
    }

    [Fact]
    public async Task A_misspelled_name_finds_a_story_that_only_mentions_it_in_its_text()
    {
        // The name becomes known to search through a story about the work, which then goes back
        // to draft: what is left is a story whose text alone names it.
        int workId;
        await using (var scope = site.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BacklotDb>();
            var work = new Work { Slug = "vermillion-causeway", Title = "Vermillion Causeway", Kind = WorkKind.Film, Year = 2024 };
            db.Works.Add(work);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            workId = work.Id;
        }

        var (aboutId, _) = await site.CreateStoryAsync("A look at a thriller", "Its making.", d => d with { WorkIds = [workId] });
        await site.EditAsync(aboutId, d => d with { Status = ArticleStatus.Draft });
        var (_, mention) = await site.CreateStoryAsync("Festival diary, day two", "We queued an hour for Vermillion Causeway and did not regret it.");

        var document = await client.GetDocumentAsync("/search?q=" + Uri.EscapeDataString("Vermilion Causway"));

        Assert.Contains("Vermillion Causeway", document.QuerySelector(".search-correction")!.Text(), StringComparison.Ordinal);
        Assert.Equal([mention], document.QuerySelectorAll(".search-results li a").Select(a => a.GetAttribute("href")).Distinct());
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("\"unbalanced")]
    [InlineData("NEAR(a b) OR AND NOT *")]
    [InlineData("title:shining ^ - + ( ) { } :")]
    [InlineData("'; DROP TABLE \"Articles\"; --")]
    [InlineData("a & b | !c <-> d:*")]
    [InlineData("\0\0nul")]
    [InlineData("\u202Eright-to-left \u200B zero width \uD83C\uDFAC emoji")]
    [InlineData("\uD800 lone surrogate")]
    [InlineData("ｓｈｉｎｉｎｇ Ⅻ ﬁ ß İstanbul")]
    public async Task Hostile_queries_answer_a_page_and_never_an_error(string query)
    {
        using var response = await client.GetAsync(new Uri("/search?q=" + Uri.EscapeDataString(query), UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        using var suggest = await client.GetAsync(new Uri("/search/suggest?q=" + Uri.EscapeDataString(query), UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, suggest.StatusCode);
    }

    [Fact]
    public async Task A_very_long_query_answers_a_page()
    {
        var query = string.Concat(Enumerable.Repeat("shining \"kubrick\" OR ", 2000));
        using var response = await client.GetAsync(new Uri("/search?q=" + Uri.EscapeDataString(query) + "&page=99999999999&category=%00&kind=x", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_article_leaves_search_when_unpublished_and_returns_when_published()
    {
        var (id, path) = await site.CreateStoryAsync("Quixotic zeppelin premiere", "The quixotic zeppelin premiere drew a crowd.");
        Assert.Contains(path, await ResultPathsAsync("quixotic zeppelin"));

        await site.EditAsync(id, d => d with { Status = ArticleStatus.Draft });
        Assert.DoesNotContain(path, await ResultPathsAsync("quixotic zeppelin"));

        await site.EditAsync(id, d => d with { Status = ArticleStatus.Published, Title = "Quixotic airship premiere" });
        Assert.Contains(path, await ResultPathsAsync("airship"));
    }

    [Fact]
    public async Task A_scheduled_article_is_not_found_before_its_time()
    {
        var (_, path) = await site.CreateStoryAsync("Xylophone orchestra reunion", "Xylophones galore.", d => d with { Status = ArticleStatus.Scheduled, PublishedAt = DateTime.UtcNow.AddDays(30) }, ArticleStatus.Scheduled);
        Assert.DoesNotContain(path, await ResultPathsAsync("xylophone"));
    }

    [Fact]
    public async Task Results_are_paginated_and_filtered_by_kind_and_category()
    {
        for (var i = 0; i < 12; i++)
        {
            await site.CreateStoryAsync($"Marmalade festival report {i}", "Marmalade everywhere.");
        }

        Assert.Equal(10, (await ResultPathsAsync("marmalade")).Count);
        Assert.Equal(2, (await ResultPathsAsync("marmalade", "&page=2")).Count);
        Assert.Empty(await ResultPathsAsync("marmalade", "&kind=listicle"));
        Assert.Empty(await ResultPathsAsync("marmalade", "&category=tv"));

        var listicles = await ResultPathsAsync("Nolan", "&kind=listicle");
        Assert.Contains("/movies/christopher-nolan-films-with-practical-effects", listicles);
    }

    [Fact]
    public async Task Suggestions_match_the_start_of_a_word_as_json()
    {
        using var response = await client.GetAsync(new Uri("/search/suggest?q=christopher+nol", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        var urls = json.RootElement.GetProperty("suggestions").EnumerateArray().Select(s => s.GetProperty("url").GetString()).ToList();
        Assert.Contains("/movies/christopher-nolan-films-with-practical-effects", urls);
    }

    [Fact]
    public async Task The_header_search_box_gets_its_suggestions_from_a_script_file()
    {
        var document = await client.GetDocumentAsync("/");

        var script = document.QuerySelector("script[src^='/js/search.js']");
        Assert.NotNull(script);
        Assert.Empty(document.QuerySelectorAll("script:not([src]):not([type='application/ld+json'])"));
    }

    private async Task<List<string>> ResultPathsAsync(string query, string extra = "")
    {
        var document = await client.GetDocumentAsync("/search?q=" + Uri.EscapeDataString(query) + extra);
        return [.. document.QuerySelectorAll(".search-results li > a").Select(a => a.GetAttribute("href")!)];
    }
}
