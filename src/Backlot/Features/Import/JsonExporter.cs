using System.Text.Json;
using Backlot.Data;
using Backlot.Features.Articles;
using Backlot.Features.Comments;
using Backlot.Features.Site;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Backlot.Features.Import;

/// <summary>
/// Writes the whole content as one JSON document (format "backlot-content", documented in
/// docs/export-json.md), streamed article by article. It holds private data (commenters' emails):
/// it is for the operator, never served.
/// </summary>
public sealed class JsonExporter(BacklotDb db, IOptions<SiteOptions> site, TimeProvider clock)
{
    public const string Format = "backlot-content";
    public const int Version = 1;
    private const int BatchSize = 200;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public async Task<ExportSummary> WriteAsync(Stream output, string name, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("format", Format);
        json.WriteNumber("version", Version);
        json.WriteString("exportedAt", clock.GetUtcNow().UtcDateTime);
        json.WritePropertyName("site");
        JsonSerializer.Serialize(json, new { site.Value.Title, site.Value.Tagline, site.Value.BaseUrl, site.Value.Language }, Options);

        var authors = await db.Authors.AsNoTracking().OrderBy(a => a.Id).Select(a => new { a.Id, a.Slug, a.Name, a.Bio }).ToListAsync(cancellationToken);
        Write(json, "authors", authors);
        var categories = await db.Categories.AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Id, c.Slug, c.Name, c.Description, c.ParentId }).ToListAsync(cancellationToken);
        Write(json, "categories", categories);
        var tags = await db.Tags.AsNoTracking().OrderBy(t => t.Id).Select(t => new { t.Id, t.Slug, t.Name }).ToListAsync(cancellationToken);
        Write(json, "tags", tags);
        Write(json, "works", await db.Works.AsNoTracking().OrderBy(w => w.Id).Select(w => new { w.Id, w.Slug, w.Title, w.Kind, w.Year, w.AlternateTitles, w.Summary }).ToListAsync(cancellationToken));
        Write(json, "people", await db.People.AsNoTracking().OrderBy(p => p.Id).Select(p => new { p.Id, p.Slug, p.Name, p.Bio }).ToListAsync(cancellationToken));
        Write(json, "media", await db.Media.AsNoTracking().OrderBy(m => m.Id).Select(m => new { m.Id, m.StorageKey, m.OriginalFormat, m.Width, m.Height, m.Bytes, m.VariantWidths, m.AltText, m.Caption, m.Credit, m.CreatedAt }).ToListAsync(cancellationToken));
        Write(json, "redirects", await db.Redirects.AsNoTracking().OrderBy(r => r.Id).Select(r => new { From = r.FromPath, To = r.ToPath, r.CreatedAt }).ToListAsync(cancellationToken));

        var total = await db.Articles.CountAsync(cancellationToken);
        json.WriteStartArray("articles");
        int articles = 0, items = 0, comments = 0, lastId = 0;
        while (true)
        {
            var batch = await db.Articles.AsNoTracking()
                .Where(a => a.Id > lastId).OrderBy(a => a.Id).Take(BatchSize)
                .Include(a => a.Category).Include(a => a.Items).Include(a => a.Tags).Include(a => a.Works).Include(a => a.People)
                .AsSplitQuery()
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            lastId = batch[^1].Id;
            var ids = batch.Select(a => a.Id).ToList();
            var batchComments = (await db.Set<Comment>().AsNoTracking().Where(c => ids.Contains(c.ArticleId)).OrderBy(c => c.Id).ToListAsync(cancellationToken)).ToLookup(c => c.ArticleId);
            foreach (var a in batch)
            {
                JsonSerializer.Serialize(json, new
                {
                    a.Id,
                    a.Slug,
                    Path = ArticleUrls.PathOf(a.Category.Slug, a.Slug),
                    a.Title,
                    a.Dek,
                    a.Kind,
                    a.Status,
                    a.PublishedAt,
                    a.CreatedAt,
                    a.UpdatedAt,
                    a.AuthorId,
                    a.CategoryId,
                    a.HeroMediaId,
                    a.SeoTitle,
                    a.SeoDescription,
                    a.NotifySubscribers,
                    a.Body,
                    a.BodyHtml,
                    TagIds = a.Tags.Select(t => t.Id),
                    WorkIds = a.Works.Select(w => w.Id),
                    PersonIds = a.People.Select(p => p.Id),
                    Items = a.Items.OrderBy(i => i.Position).Select(i => new { i.Position, i.Heading, i.MediaId, i.Caption, i.Credit, i.Body, i.BodyHtml, i.WorkId }),
                    Comments = batchComments[a.Id].Select(c => new { c.Id, c.ParentId, c.AuthorName, c.AuthorEmail, c.AuthorWebsite, c.Body, c.Status, c.CreatedAt }),
                }, Options);
                articles++;
                items += a.Items.Count;
                comments += batchComments[a.Id].Count();
            }

            await json.FlushAsync(cancellationToken);
            progress?.Report(new ImportProgress("Exporting", articles, total));
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
        return new ExportSummary(name, authors.Count, categories.Count, tags.Count, articles, items, comments, clock.GetElapsedTime(started).TotalSeconds);
    }

    private static void Write<T>(Utf8JsonWriter json, string property, List<T> values)
    {
        json.WritePropertyName(property);
        JsonSerializer.Serialize(json, values, Options);
    }
}
