using Backlot.Features.Comments;
using Backlot.Features.Import;
using Backlot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Backlot.IntegrationTests.Import;

/// <summary>
/// The summary an import returns is what the command line prints (--json serializes it) and what the
/// admin's import page shows; for every export, it must agree with what the database holds afterwards.
/// </summary>
public sealed class ImportSummaryAgreementTests
{
    public static TheoryData<string> Exports() =>
    [
        "shared:wxr/theme-unit-test-data.xml", "shared:wxr/valid-wxr-1.1.xml", "shared:wxr/wxr-simple.xml", "shared:wxr/malformed-simple.xml",
        .. ImportFixtures.OwnNames().Select(name => "own:" + name),
    ];

    [Theory]
    [MemberData(nameof(Exports))]
    public async Task The_summary_of_an_import_agrees_with_the_database_afterwards(string export)
    {
        var file = export.StartsWith("shared:", StringComparison.Ordinal) ? ImportFixtures.Require(export["shared:".Length..]) : ImportFixtures.Own(export["own:".Length..]);
        await using var site = new EmptySiteFactory();
        await site.InitializeAsync();

        ImportSummary dryRun, summary;
        try
        {
            dryRun = await ImportFixtures.ImportAsync(site, file, new WordPressImportOptions { DryRun = true });
            Assert.Equal(Nothing, await CountsAsync(site));
            summary = await ImportFixtures.ImportAsync(site, file);
        }
        catch (WxrFormatException)
        {
            Assert.Equal(Nothing, await CountsAsync(site)); // refused: nothing imported, as the message says
            return;
        }

        var counts = await CountsAsync(site);
        var expected = new DatabaseCounts(
            summary.Created, summary.Posts + summary.Pages, summary.Pages, summary.Listicles, summary.Comments, summary.Authors,
            summary.PostsWithoutAuthor, summary.Categories, summary.Tags, summary.Redirects);
        Assert.Equal(expected, counts);
        Assert.Equal(Describe(summary), Describe(dryRun)); // a dry run says what the import then does
    }

    private static readonly DatabaseCounts Nothing = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    private static string Describe(ImportSummary s) =>
        $"{s.Posts}/{s.Pages}/{s.Created}/{s.Updated}/{s.Listicles}/{s.Comments}/{s.Authors}/{s.PostsWithoutAuthor}/{s.FallbackAuthor}/{s.Categories}/{s.Tags}/{s.Redirects}";

    internal static async Task<DatabaseCounts> CountsAsync(BacklotFactory site)
    {
        DatabaseCounts counts = Nothing;
        await site.WithDbAsync(async db =>
        {
            var articles = await db.Articles.CountAsync();
            counts = new DatabaseCounts(
                articles,
                articles,
                await db.Articles.CountAsync(a => a.Category.Slug == WordPressImporter.PagesCategorySlug),
                await db.Articles.CountAsync(a => a.Kind == Backlot.Features.Articles.ArticleKind.Listicle),
                await db.Set<Comment>().CountAsync(),
                await db.Authors.CountAsync(),
                await db.Articles.CountAsync(a => !db.Set<ImportRecord>().Any(r => r.Kind == ImportedKind.Author && r.TargetId == a.AuthorId)),
                await db.Categories.CountAsync(),
                await db.Tags.CountAsync(),
                await db.Redirects.CountAsync());
        });
        return counts;
    }

    /// <summary>Rows in the database, in the summary's terms (articles made, posts and pages, …, posts by the fallback author, …).</summary>
    internal sealed record DatabaseCounts(
        int Created, int PostsAndPages, int Pages, int Listicles, int Comments, int Authors, int WithoutAuthor, int Categories, int Tags, int Redirects);
}
