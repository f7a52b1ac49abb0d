using Backlot.Data;
using Backlot.Features.Articles;
using Backlot.Features.Media;
using Backlot.Features.Site;
using Backlot.Features.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Features.Demo;

/// <summary>
/// Fills a new, empty site with the demo content at first start: once, in one transaction, and
/// never over a site that already has articles (an imported one, say).
/// </summary>
internal sealed class DemoSeeder(BacklotDb db, ArticleEditor editor, MediaLibrary media, ImageProcessor images, TimeProvider clock, ILogger<DemoSeeder> log)
{
    public const string MarkerKey = "demo:seeded";

    public async Task<bool> SeedIfNewAsync(CancellationToken cancellationToken)
    {
        if (await db.Set<SiteSetting>().AnyAsync(s => s.Key == MarkerKey, cancellationToken)
            || await db.Articles.AnyAsync(cancellationToken))
        {
            return false;
        }

        var started = clock.GetTimestamp();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var authors = await AddAllAsync(DemoContent.Authors.Select(a => new Authors.Author { Slug = a.Slug, Name = a.Name, Bio = a.Bio }), a => a.Slug, cancellationToken);
        var categories = await AddAllAsync(DemoContent.Categories.Select(c => new Category { Slug = c.Slug, Name = c.Name, Description = c.Description }), c => c.Slug, cancellationToken);
        var works = await AddAllAsync(DemoContent.Works.Select(w => new Work { Slug = w.Slug, Title = w.Title, Kind = w.Kind, Year = w.Year, AlternateTitles = [.. w.AlternateTitles], Summary = w.Summary }), w => w.Slug, cancellationToken);
        var people = await AddAllAsync(DemoContent.People.Select(p => new Person { Slug = p.Slug, Name = p.Name, Bio = p.Bio }), p => p.Slug, cancellationToken);
        var tagNames = DemoContent.Articles.SelectMany(a => a.Tags).Distinct(StringComparer.OrdinalIgnoreCase);
        var tags = await AddAllAsync(tagNames.Select(t => new Tag { Slug = Slug.From(t), Name = t }), t => t.Name, cancellationToken);

        // Drawing and resizing is most of the work and needs no database: it runs on every core first.
        var cards = DemoContent.Articles
            .SelectMany(a => a.Items.Select(i => (i.ImageTitle, Label: i.WorkSlug is null ? null : WorkLabel(works[i.WorkSlug])))
                .Prepend((a.HeroTitle, Label: (string?)categories[a.CategorySlug].Name)))
            .Distinct()
            .ToList();
        var drawn = new System.Collections.Concurrent.ConcurrentDictionary<(string, string?), (ProcessedImage Image, long Bytes)>();
        await Parallel.ForEachAsync(cards, cancellationToken, (card, _) =>
        {
            var jpeg = PosterCard.Draw(card.Item1, card.Label);
            drawn[card] = (images.Process(jpeg), jpeg.LongLength);
            return ValueTask.CompletedTask;
        });

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var article in DemoContent.Articles.OrderByDescending(a => a.HoursAgo))
        {
            var heroCard = drawn[(article.HeroTitle, categories[article.CategorySlug].Name)];
            var hero = await media.AddAsync(heroCard.Image, heroCard.Bytes, article.HeroAlt, article.HeroCaption, "Backlot illustration", cancellationToken);
            var items = new List<ItemDraft>();
            foreach (var item in article.Items)
            {
                var itemCard = drawn[(item.ImageTitle, item.WorkSlug is null ? null : WorkLabel(works[item.WorkSlug]))];
                var image = await media.AddAsync(itemCard.Image, itemCard.Bytes, item.AltText, item.Caption, item.Credit, cancellationToken);
                items.Add(new ItemDraft(item.Heading, item.Body, image.Id, item.Caption, item.Credit, item.WorkSlug is null ? null : works[item.WorkSlug].Id));
            }

            await editor.CreateAsync(new ArticleDraft
            {
                Title = article.Title,
                Slug = article.Slug,
                Dek = article.Dek,
                Body = article.Body,
                Kind = items.Count > 0 ? ArticleKind.Listicle : ArticleKind.Story,
                Status = ArticleStatus.Published,
                PublishedAt = now.AddHours(-article.HoursAgo),
                AuthorId = authors[article.AuthorSlug].Id,
                CategoryId = categories[article.CategorySlug].Id,
                HeroMediaId = hero.Id,
                TagIds = [.. article.Tags.Select(t => tags[t].Id)],
                WorkIds = [.. article.WorkSlugs.Select(w => works[w].Id)],
                PersonIds = [.. article.PersonSlugs.Select(p => people[p].Id)],
                Items = items,
                NotifySubscribers = false,
            }, "demo", cancellationToken);
        }

        await AddCommentsAsync(cancellationToken);
        db.Set<SiteSetting>().Add(new SiteSetting { Key = MarkerKey, Value = now.ToString("O") });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var seconds = clock.GetElapsedTime(started).TotalSeconds;
        log.LogInformation("Demo content added: {Articles} articles in {Elapsed:F1} s", DemoContent.Articles.Length, seconds);
        return true;
    }

    /// <summary>A few approved readers' comments, so the demo shows a thread.</summary>
    private async Task AddCommentsAsync(CancellationToken cancellationToken)
    {
        var slugs = DemoContent.Comments.Select(c => c.ArticleSlug).Distinct().ToList();
        var articles = await db.Articles.Where(a => slugs.Contains(a.Slug)).ToDictionaryAsync(a => a.Slug, a => (a.Id, a.PublishedAt!.Value), cancellationToken);
        var added = new List<Comments.Comment>();
        foreach (var demo in DemoContent.Comments)
        {
            var (articleId, published) = articles[demo.ArticleSlug];
            var at = published.AddMinutes(demo.MinutesAfterPublishing);
            at = new DateTime(at.Ticks - (at.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc); // WordPress keeps whole seconds: the demo survives an export and import
            var comment = new Comments.Comment
            {
                ArticleId = articleId,
                Parent = demo.ReplyTo is { } parent ? added[parent] : null,
                AuthorName = demo.Name,
                AuthorEmail = demo.Email,
                AuthorWebsite = demo.Website,
                Body = demo.Text,
                Status = Comments.CommentStatus.Approved,
                CreatedAt = at,
                ApprovedAt = at,
            };
            added.Add(comment);
            db.Add(comment);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static string WorkLabel(Work work) =>
        $"{(work.Kind == WorkKind.Film ? "Film" : "Series")} · {work.Year}";

    private async Task<Dictionary<string, T>> AddAllAsync<T>(IEnumerable<T> entities, Func<T, string> key, CancellationToken cancellationToken)
        where T : class
    {
        var list = entities.ToList();
        db.Set<T>().AddRange(list);
        await db.SaveChangesAsync(cancellationToken);
        return list.ToDictionary(key, StringComparer.OrdinalIgnoreCase);
    }
}
