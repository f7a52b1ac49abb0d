using System.Text;
using Backlot.IntegrationTests.Infrastructure;

namespace Backlot.IntegrationTests.Import;

/// <summary>
/// The real program, killed with SIGKILL mid-work and started again on the same data (SQLite, or
/// PostgreSQL on a PostgreSQL run): afterwards nothing is lost and nothing doubled.
/// </summary>
[Collection(nameof(CommandLineTests))]
public sealed class KilledProcessTests
{
    private const string PublicArticles = """SELECT COUNT(*) FROM "Articles" WHERE "Status" IN (1, 2) AND "PublishedAt" IS NOT NULL""";
    private const string Documents = """SELECT COUNT(*) FROM "SearchDocuments" """;

    private static string Posts(int count)
    {
        var items = new StringBuilder();
        for (var i = 1; i <= count; i++)
        {
            items.Append($"<item><title>Post {i}</title><guid isPermaLink=\"false\">https://old.example/?p={i}</guid><wp:post_id>{i}</wp:post_id><wp:post_name>post-{i}</wp:post_name>")
                .Append($"<wp:status>publish</wp:status><wp:post_type>post</wp:post_type><dc:creator>editor</dc:creator>")
                .Append($"<content:encoded><![CDATA[<p>Body {i} of the quokkaverse, marker zq{i}x.</p>]]></content:encoded>")
                .Append($"<category domain=\"post_tag\" nicename=\"tag-{i % 7}\"><![CDATA[Tag {i % 7}]]></category></item>\n");
        }

        return ImportFixtures.Wxr(items.ToString());
    }

    [Fact]
    public async Task Articles_an_import_left_out_of_search_by_a_crash_are_searchable_after_the_next_start()
    {
        await using var data = new ProcessData();
        await data.InitializeAsync();
        var file = ImportFixtures.WriteTemporary(Posts(120));
        await using (var import = BacklotProcess.Start(data, "import", "wordpress", file, "--json"))
        {
            Assert.True(await import.ExitCodeAsync() == 0, import.Output);
        }

        // What a kill between the import's commit and its index update leaves: the articles, most of them unindexed.
        await data.ScalarAsync("""DELETE FROM "SearchDocuments" WHERE "ArticleId" <> (SELECT MIN("ArticleId") FROM "SearchDocuments")""");
        Assert.Equal(1, await data.ScalarAsync(Documents));

        await using var site = BacklotProcess.Start(data, "--no-demo", "--urls", "http://127.0.0.1:0");
        var address = await site.ServingAsync();

        Assert.True(await data.EventuallyAsync(Documents, n => n == 120, TimeSpan.FromSeconds(60)), $"the search index was not mended:\n{site.Output}");
        using var client = new HttpClient { BaseAddress = address };
        var results = await client.GetStringAsync(new Uri("/search?q=zq117x", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Contains("Post 117", results, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_killed_midway_loses_and_doubles_nothing()
    {
        const int Count = 1500;
        await using var data = new ProcessData();
        await data.InitializeAsync();
        var file = ImportFixtures.WriteTemporary(Posts(Count));

        await using (var import = BacklotProcess.Start(data, "import", "wordpress", file, "--json"))
        {
            // Killed once the database exists and the import is under way (its one transaction not yet committed, or just after).
            Assert.True(await data.EventuallyAsync("""SELECT COUNT(*) FROM "Categories" """, _ => true, TimeSpan.FromSeconds(60)), import.Output);
            await Task.Delay(TimeSpan.FromMilliseconds(800), TestContext.Current.CancellationToken);
            await import.KillAsync();
        }

        var afterKill = await data.ScalarAsync("""SELECT COUNT(*) FROM "Articles" """);
        Assert.True(afterKill is 0 or Count, $"{afterKill} articles after the kill: an import is all or nothing");

        await using (var site = BacklotProcess.Start(data, "--no-demo", "--urls", "http://127.0.0.1:0"))
        {
            await site.ServingAsync();
            Assert.True(await data.EventuallyAsync(Documents, n => n == afterKill, TimeSpan.FromSeconds(60)), $"search documents do not match the articles after the restart:\n{site.Output}");
        }

        await using (var again = BacklotProcess.Start(data, "import", "wordpress", file, "--json"))
        {
            Assert.True(await again.ExitCodeAsync() == 0, again.Output);
        }

        Assert.Equal(Count, await data.ScalarAsync("""SELECT COUNT(*) FROM "Articles" """));
        Assert.Equal(Count, await data.ScalarAsync("""SELECT COUNT(DISTINCT "Slug") FROM "Articles" """));
        Assert.Equal(7, await data.ScalarAsync("""SELECT COUNT(*) FROM "Tags" """));
        Assert.Equal(Count, await data.ScalarAsync(PublicArticles));
        Assert.Equal(Count, await data.ScalarAsync(Documents));
    }

    [Fact]
    public async Task Related_stories_queued_when_the_worker_is_killed_are_all_computed_once_after_the_restart()
    {
        const int Count = 600;
        const string Queued = """SELECT COUNT(*) FROM "StaleRelatedStories" """;
        await using var data = new ProcessData();
        await data.InitializeAsync();
        await using (var import = BacklotProcess.Start(data, "import", "wordpress", ImportFixtures.WriteTemporary(Posts(Count)), "--json"))
        {
            Assert.True(await import.ExitCodeAsync() == 0, import.Output);
        }

        await data.ScalarAsync(data.OnPostgres
            ? """INSERT INTO "StaleRelatedStories" ("ArticleId", "StaleSince", "Generation") SELECT "Id", now(), 1 FROM "Articles" """
            : """INSERT INTO "StaleRelatedStories" ("ArticleId", "StaleSince", "Generation") SELECT "Id", strftime('%Y-%m-%d %H:%M:%f', 'now'), 1 FROM "Articles" """);

        // A short lease, so the batch the killed worker held is retaken within the test.
        string[] serve = ["--no-demo", "--urls", "http://127.0.0.1:0", "--Discovery:RelatedClaimLease=00:00:03"];
        long remaining;
        await using (var site = BacklotProcess.Start(data, serve))
        {
            await site.ServingAsync();
            Assert.True(await data.EventuallyAsync(Queued, n => n < Count - 20, TimeSpan.FromSeconds(120)), $"the queue did not move:\n{site.Output}");
            await site.KillAsync();
            remaining = await data.ScalarAsync(Queued);
        }

        Assert.True(remaining > 0, "the worker finished the queue before it could be killed: nothing was tested");

        await using (var site = BacklotProcess.Start(data, serve))
        {
            await site.ServingAsync();
            Assert.True(await data.EventuallyAsync(Queued, n => n == 0, TimeSpan.FromSeconds(180)), $"{await data.ScalarAsync(Queued)} articles still queued:\n{site.Output}");
        }

        Assert.Equal(0, await data.ScalarAsync("""SELECT COUNT(*) FROM "Articles" a WHERE NOT EXISTS (SELECT 1 FROM "RelatedStories" r WHERE r."ArticleId" = a."Id" AND r."Source" = 0)"""));
        Assert.Equal(0, await data.ScalarAsync("""SELECT COUNT(*) FROM (SELECT "ArticleId" FROM "RelatedStories" WHERE "Source" = 0 GROUP BY "ArticleId", "Rank" HAVING COUNT(*) > 1) d"""));
        Assert.Equal(0, await data.ScalarAsync("""SELECT COUNT(*) FROM (SELECT "ArticleId" FROM "RelatedStories" WHERE "Source" = 0 GROUP BY "ArticleId" HAVING COUNT(*) > 12) d"""));
    }
}
