using Backlot.Data;
using Backlot.Features.Articles;
using Backlot.Features.Discovery;
using Backlot.Features.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Backlot.IntegrationTests.Infrastructure;

/// <summary>One published listicle per XSS payload.</summary>
/// <param name="Payload">What an editor typed into every field.</param>
public sealed record PayloadArticle(int Id, string Path, string Payload, string TagSlug);

/// <summary>
/// The demo site with every XSS payload typed into every field an editor controls: title, dek, body,
/// SEO title and description, a list item's heading, body, caption and credit, a tag's name; and a
/// payload as the site title and tagline, the category, author, work and person names and an image's alt text.
/// </summary>
public sealed class PayloadSiteFactory : BacklotFactory
{
    public const string SiteTitle = "<img src=x onerror=alert('site')>";
    public const string Tagline = "</script><script>alert('tagline')</script>";
    public const string CategoryName = "<svg onload=alert('category')>";
    public const string AuthorName = "\"><img src=x onerror=alert('author')>";
    public const string WorkTitle = "</title><script>alert('work')</script>";
    public const string PersonName = "<a href=\"javascript:alert('person')\">x</a>";
    public const string AltText = "\" onerror=\"alert('alt')";

    private readonly SemaphoreSlim arranging = new(1, 1);
    private IReadOnlyList<PayloadArticle>? articles;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Discovery:FeedSize"] = "100",
        ["Site:Title"] = SiteTitle,
        ["Site:Tagline"] = Tagline,
    };

    /// <summary>The payload articles, arranged once for the test class through <see cref="ArticleEditor"/>.</summary>
    public async Task<IReadOnlyList<PayloadArticle>> ArticlesAsync()
    {
        await arranging.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            return articles ??= await ArrangeAsync();
        }
        finally
        {
            arranging.Release();
        }
    }

    public string CategorySlug { get; private set; } = "";

    public string AuthorSlug { get; private set; } = "";

    public string WorkSlug { get; private set; } = "";

    public string PersonSlug { get; private set; } = "";

    private async Task<IReadOnlyList<PayloadArticle>> ArrangeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<BacklotDb>();
        var editor = scope.ServiceProvider.GetRequiredService<ArticleEditor>();
        var category = await db.Categories.AsTracking().OrderBy(c => c.Id).FirstAsync(cancellationToken);
        var author = await db.Authors.AsTracking().OrderBy(a => a.Id).FirstAsync(cancellationToken);
        var work = await db.Works.AsTracking().OrderBy(w => w.Id).FirstAsync(cancellationToken);
        var person = await db.People.AsTracking().OrderBy(p => p.Id).FirstAsync(cancellationToken);
        var image = await db.Media.AsTracking().OrderBy(m => m.Id).FirstAsync(cancellationToken);
        category.Name = CategoryName;
        author.Name = AuthorName;
        work.Title = WorkTitle;
        person.Name = PersonName;
        image.AltText = AltText;
        (CategorySlug, AuthorSlug, WorkSlug, PersonSlug) = (category.Slug, author.Slug, work.Slug, person.Slug);

        var tags = XssPayloads.All.Select((payload, i) => new Tag { Slug = $"xss-{i}", Name = payload }).ToList();
        db.Tags.AddRange(tags);
        await db.SaveChangesAsync(cancellationToken);

        var arranged = new List<PayloadArticle>();
        for (var i = 0; i < XssPayloads.All.Count; i++)
        {
            var payload = XssPayloads.All[i];
            var article = await editor.CreateAsync(
                new ArticleDraft
                {
                    Title = payload,
                    Dek = payload,
                    Body = payload + "\n\n[a link](javascript:alert(1))",
                    Kind = ArticleKind.Listicle,
                    Status = ArticleStatus.Published,
                    AuthorId = author.Id,
                    CategoryId = category.Id,
                    HeroMediaId = i == 0 ? image.Id : null,
                    SeoTitle = payload,
                    SeoDescription = payload,
                    NotifySubscribers = false,
                    TagIds = [tags[i].Id],
                    WorkIds = [work.Id],
                    PersonIds = [person.Id],
                    Items = [new ItemDraft(payload, payload, MediaId: image.Id, Caption: payload, Credit: payload)],
                },
                "test",
                cancellationToken);
            arranged.Add(new PayloadArticle(article.Id, ArticleUrls.PathOf(category.Slug, article.Slug), payload, tags[i].Slug));
        }

        await scope.ServiceProvider.GetRequiredService<SearchIndexWriter>().IndexAsync([.. arranged.Select(a => a.Id)], cancellationToken);
        return arranged;
    }

    public override async ValueTask DisposeAsync()
    {
        arranging.Dispose();
        await base.DisposeAsync();
    }
}
