using System.Text.Json;
using Backlot.Features.Comments;
using Backlot.Features.Import;
using Backlot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Backlot.IntegrationTests.Import;

/// <summary>The demo site goes out as WXR and JSON; the WXR comes back into an empty site whole.</summary>
public sealed class ExportTests(BacklotFactory demo) : IClassFixture<BacklotFactory>
{
    [Fact]
    public async Task A_wordpress_export_imported_into_an_empty_site_keeps_articles_items_terms_comments_and_authors()
    {
        await AddCommentsAsync();
        var file = Path.Combine(demo.DataPath, "export.xml");
        await using (var scope = demo.Scope())
        await using (var stream = File.Create(file))
        {
            await scope.ServiceProvider.GetRequiredService<WordPressExporter>().WriteAsync(stream, file, null, TestContext.Current.CancellationToken);
        }

        await using var copy = new EmptySiteFactory();
        await copy.InitializeAsync();
        var summary = await ImportFixtures.ImportAsync(copy, file);

        Assert.DoesNotContain(summary.Warnings, w => !w.Contains("shortcode", StringComparison.Ordinal));
        var original = await SnapshotAsync(demo);
        var imported = await SnapshotAsync(copy);
        Assert.Equal(original.Articles, imported.Articles);
        Assert.Equal(original.Categories, imported.Categories);
        Assert.Equal(original.Tags, imported.Tags);
        Assert.Equal(original.Authors, imported.Authors);
        Assert.Equal(original.Comments, imported.Comments);
    }

    [Fact]
    public async Task The_json_export_holds_every_article_with_its_items()
    {
        var file = Path.Combine(demo.DataPath, "export.json");
        ExportSummary summary;
        await using (var scope = demo.Scope())
        await using (var stream = File.Create(file))
        {
            summary = await scope.ServiceProvider.GetRequiredService<JsonExporter>().WriteAsync(stream, file, null, TestContext.Current.CancellationToken);
        }

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken));
        Assert.Equal(JsonExporter.Format, json.RootElement.GetProperty("format").GetString());
        var articles = json.RootElement.GetProperty("articles");
        Assert.Equal(summary.Articles, articles.GetArrayLength());
        var count = 0;
        await demo.WithDbAsync(async db => count = await db.Articles.CountAsync());
        Assert.Equal(count, summary.Articles);
        Assert.Equal(summary.Items, articles.EnumerateArray().Sum(a => a.GetProperty("items").GetArrayLength()));
    }

    private async Task AddCommentsAsync()
    {
        await demo.WithDbAsync(async db =>
        {
            if (await db.Set<Comment>().AnyAsync())
            {
                return;
            }

            var article = await db.Articles.OrderBy(a => a.Id).FirstAsync();
            var first = new Comment { ArticleId = article.Id, AuthorName = "Ann", AuthorEmail = "ann@example.com", Body = "Loved the list.", Status = CommentStatus.Approved, CreatedAt = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc) };
            db.Add(first);
            await db.SaveChangesAsync();
            db.Add(new Comment { ArticleId = article.Id, ParentId = first.Id, AuthorName = "Bo", Body = "Same here.", Status = CommentStatus.Pending, CreatedAt = new DateTime(2026, 1, 3, 3, 4, 5, DateTimeKind.Utc) });
            await db.SaveChangesAsync();
        });
    }

    private static async Task<Snapshot> SnapshotAsync(BacklotFactory site)
    {
        Snapshot? snapshot = null;
        await site.WithDbAsync(async db =>
        {
            var articles = await db.Articles.AsNoTracking().Include(a => a.Items).Include(a => a.Category).Include(a => a.Author).Include(a => a.Tags).AsSplitQuery().ToListAsync();
            var comments = await db.Set<Comment>().AsNoTracking().Include(c => c.Article).Include(c => c.Parent).ToListAsync();
            snapshot = new Snapshot(
                string.Join("\n", articles.OrderBy(a => a.Title, StringComparer.Ordinal).Select(a =>
                    $"{a.Category.Slug}/{a.Slug} | {a.Title} | {a.Kind} | {a.Status} | {a.Author.Slug} | {string.Join(",", a.Tags.Select(t => t.Slug).Order(StringComparer.Ordinal))} | "
                    + string.Join(" / ", a.Items.OrderBy(i => i.Position).Select(i => $"{i.Position}:{i.Heading}:{i.Caption}")))),
                string.Join(",", (await db.Categories.AsNoTracking().Select(c => c.Slug + "<" + (c.Parent == null ? "" : c.Parent.Slug)).ToListAsync()).Order(StringComparer.Ordinal)),
                string.Join(",", (await db.Tags.AsNoTracking().Select(t => t.Slug + "=" + t.Name).ToListAsync()).Order(StringComparer.Ordinal)),
                string.Join(",", (await db.Authors.AsNoTracking().Select(a => a.Slug + "=" + a.Name).ToListAsync()).Order(StringComparer.Ordinal)),
                string.Join("\n", comments.Select(c => $"{c.Article.Slug}|{c.AuthorName}|{c.AuthorEmail}|{c.Body}|{c.Status}|{c.Parent?.AuthorName}|{c.CreatedAt:O}").Order(StringComparer.Ordinal)));
        });
        return snapshot!;
    }

    private sealed record Snapshot(string Articles, string Categories, string Tags, string Authors, string Comments);
}
