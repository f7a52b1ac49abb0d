using System.Globalization;
using System.Xml;
using Backlot.Data;
using Backlot.Features.Articles;
using Backlot.Features.Comments;
using Backlot.Features.Media;
using Backlot.Features.Site;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Backlot.Features.Import;

/// <summary>What an export wrote.</summary>
public sealed record ExportSummary(string File, int Authors, int Categories, int Tags, int Articles, int Items, int Comments, double Seconds);

/// <summary>
/// Writes the site as a WXR 1.2 file that WordPress's importer accepts, and that
/// <see cref="WordPressImporter"/> reads back whole: listicle items are written as numbered headings,
/// pages (the "pages" category) as WordPress pages. Articles are read in batches, so memory stays flat.
/// </summary>
public sealed class WordPressExporter(BacklotDb db, IMediaStore store, IOptions<SiteOptions> site, TimeProvider clock)
{
    private const string Wp = "http://wordpress.org/export/1.2/";
    private const string Excerpt = "http://wordpress.org/export/1.2/excerpt/";
    private const string Content = "http://purl.org/rss/1.0/modules/content/";
    private const string Dc = "http://purl.org/dc/elements/1.1/";
    private const int BatchSize = 200;

    public async Task<ExportSummary> WriteAsync(Stream output, string name, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var baseUrl = (site.Value.BaseUrl is { Length: > 0 } configured ? configured : "http://localhost").TrimEnd('/');
        await using var xml = XmlWriter.Create(output, new XmlWriterSettings { Async = true, Indent = true, Encoding = new System.Text.UTF8Encoding(false), CloseOutput = false });
        await xml.WriteStartDocumentAsync();
        xml.WriteComment(" A WordPress eXtended RSS file written by Backlot: import it with WordPress's importer (Tools → Import → WordPress). ");
        xml.WriteStartElement("rss");
        xml.WriteAttributeString("version", "2.0");
        xml.WriteAttributeString("xmlns", "excerpt", null, Excerpt);
        xml.WriteAttributeString("xmlns", "content", null, Content);
        xml.WriteAttributeString("xmlns", "wfw", null, "http://wellformedweb.org/CommentAPI/");
        xml.WriteAttributeString("xmlns", "dc", null, Dc);
        xml.WriteAttributeString("xmlns", "wp", null, Wp);
        xml.WriteStartElement("channel");
        xml.WriteElementString("title", site.Value.Title);
        xml.WriteElementString("link", baseUrl);
        xml.WriteElementString("description", site.Value.Tagline);
        xml.WriteElementString("pubDate", clock.GetUtcNow().ToString("r", CultureInfo.InvariantCulture));
        xml.WriteElementString("language", site.Value.Language);
        xml.WriteElementString("wxr_version", Wp, "1.2");
        xml.WriteElementString("base_site_url", Wp, baseUrl);
        xml.WriteElementString("base_blog_url", Wp, baseUrl);

        var authors = await db.Authors.AsNoTracking().OrderBy(a => a.Id).ToListAsync(cancellationToken);
        foreach (var author in authors)
        {
            xml.WriteStartElement("wp", "author", Wp);
            xml.WriteElementString("author_id", Wp, Invariant(author.Id));
            Cdata(xml, "author_login", Wp, author.Slug);
            Cdata(xml, "author_email", Wp, "");
            Cdata(xml, "author_display_name", Wp, author.Name);
            Cdata(xml, "author_first_name", Wp, "");
            Cdata(xml, "author_last_name", Wp, "");
            xml.WriteEndElement();
        }

        var categories = await db.Categories.AsNoTracking().OrderBy(c => c.ParentId == null ? 0 : 1).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        var categorySlugs = categories.ToDictionary(c => c.Id, c => c.Slug);
        foreach (var category in categories.Where(c => c.Slug != WordPressImporter.PagesCategorySlug))
        {
            xml.WriteStartElement("wp", "category", Wp);
            xml.WriteElementString("term_id", Wp, Invariant(category.Id));
            Cdata(xml, "category_nicename", Wp, category.Slug);
            Cdata(xml, "category_parent", Wp, category.ParentId is { } parent ? categorySlugs[parent] : "");
            Cdata(xml, "cat_name", Wp, category.Name);
            Cdata(xml, "category_description", Wp, category.Description);
            xml.WriteEndElement();
        }

        var tags = await db.Tags.AsNoTracking().OrderBy(t => t.Id).ToListAsync(cancellationToken);
        foreach (var tag in tags)
        {
            xml.WriteStartElement("wp", "tag", Wp);
            xml.WriteElementString("term_id", Wp, Invariant(tag.Id));
            Cdata(xml, "tag_slug", Wp, tag.Slug);
            Cdata(xml, "tag_name", Wp, tag.Name);
            xml.WriteEndElement();
        }

        var total = await db.Articles.CountAsync(cancellationToken);
        int articles = 0, items = 0, comments = 0, lastId = 0;
        while (true)
        {
            var batch = await db.Articles.AsNoTracking()
                .Where(a => a.Id > lastId).OrderBy(a => a.Id).Take(BatchSize)
                .Include(a => a.Author).Include(a => a.Category).Include(a => a.Tags)
                .Include(a => a.Items).ThenInclude(i => i.Media)
                .AsSplitQuery()
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            lastId = batch[^1].Id;
            var ids = batch.Select(a => a.Id).ToList();
            var batchComments = (await db.Set<Comment>().AsNoTracking().Where(c => ids.Contains(c.ArticleId)).OrderBy(c => c.Id).ToListAsync(cancellationToken))
                .ToLookup(c => c.ArticleId);
            var sources = (await db.Set<ImportRecord>().AsNoTracking().Where(r => r.Kind == ImportedKind.Post && ids.Contains(r.TargetId)).ToListAsync(cancellationToken))
                .GroupBy(r => r.TargetId).ToDictionary(g => g.Key, g => g.First());
            foreach (var article in batch)
            {
                WriteItem(xml, article, batchComments[article.Id].ToList(), sources.GetValueOrDefault(article.Id), baseUrl);
                articles++;
                items += article.Items.Count;
                comments += batchComments[article.Id].Count();
            }

            await xml.FlushAsync();
            progress?.Report(new ImportProgress("Exporting", articles, total));
        }

        await xml.WriteEndElementAsync();
        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
        await xml.FlushAsync();
        return new ExportSummary(name, authors.Count, categories.Count, tags.Count, articles, items, comments, clock.GetElapsedTime(started).TotalSeconds);
    }

    private void WriteItem(XmlWriter xml, Article article, List<Comment> comments, ImportRecord? source, string baseUrl)
    {
        var isPage = article.Category.Slug == WordPressImporter.PagesCategorySlug;
        var link = baseUrl + ArticleUrls.PathOf(article.Category.Slug, article.Slug);
        var date = article.PublishedAt ?? article.CreatedAt;
        xml.WriteStartElement("item");
        xml.WriteElementString("title", article.Title);
        xml.WriteElementString("link", link);
        xml.WriteElementString("pubDate", new DateTimeOffset(date, TimeSpan.Zero).ToString("r", CultureInfo.InvariantCulture));
        Cdata(xml, "creator", Dc, article.Author.Slug);
        xml.WriteStartElement("guid");
        xml.WriteAttributeString("isPermaLink", "false");
        xml.WriteString(source?.SourceGuid is { Length: > 0 } guid ? guid : $"{baseUrl}/?p={Invariant(article.Id)}");
        xml.WriteEndElement();
        xml.WriteElementString("description", "");
        Cdata(xml, "encoded", Content, BodyOf(article));
        Cdata(xml, "encoded", Excerpt, article.Dek);
        xml.WriteElementString("post_id", Wp, Invariant(article.Id));
        Cdata(xml, "post_date", Wp, WordPressDate(date));
        Cdata(xml, "post_date_gmt", Wp, article.PublishedAt is { } published ? WordPressDate(published) : "0000-00-00 00:00:00");
        Cdata(xml, "comment_status", Wp, "open");
        Cdata(xml, "ping_status", Wp, "closed");
        Cdata(xml, "post_name", Wp, article.Slug);
        Cdata(xml, "status", Wp, article.Status switch
        {
            ArticleStatus.Published => "publish",
            ArticleStatus.Scheduled => "future",
            ArticleStatus.Archived => "private",
            _ => "draft",
        });
        xml.WriteElementString("post_parent", Wp, "0");
        xml.WriteElementString("menu_order", Wp, "0");
        Cdata(xml, "post_type", Wp, isPage ? "page" : "post");
        Cdata(xml, "post_password", Wp, "");
        xml.WriteElementString("is_sticky", Wp, source?.WasSticky == true ? "1" : "0");
        if (!isPage)
        {
            Term(xml, "category", article.Category.Slug, article.Category.Name);
        }

        foreach (var tag in article.Tags)
        {
            Term(xml, "post_tag", tag.Slug, tag.Name);
        }

        Meta(xml, "_yoast_wpseo_title", article.SeoTitle);
        Meta(xml, "_yoast_wpseo_metadesc", article.SeoDescription);
        foreach (var comment in comments)
        {
            xml.WriteStartElement("wp", "comment", Wp);
            xml.WriteElementString("comment_id", Wp, Invariant(comment.Id));
            Cdata(xml, "comment_author", Wp, comment.AuthorName);
            Cdata(xml, "comment_author_email", Wp, comment.AuthorEmail);
            Cdata(xml, "comment_author_url", Wp, comment.AuthorWebsite);
            Cdata(xml, "comment_author_IP", Wp, "");
            Cdata(xml, "comment_date", Wp, WordPressDate(comment.CreatedAt));
            Cdata(xml, "comment_date_gmt", Wp, WordPressDate(comment.CreatedAt));
            Cdata(xml, "comment_content", Wp, comment.Body);
            Cdata(xml, "comment_approved", Wp, comment.Status switch
            {
                CommentStatus.Approved => "1",
                CommentStatus.Spam => "spam",
                CommentStatus.Trash => "trash",
                _ => "0",
            });
            Cdata(xml, "comment_type", Wp, "comment");
            xml.WriteElementString("comment_parent", Wp, Invariant(comment.ParentId ?? 0));
            xml.WriteElementString("comment_user_id", Wp, "0");
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    /// <summary>A listicle's items become numbered headings, each with its image and text, which WordPress shows as written and the importer reads back as items.</summary>
    private string BodyOf(Article article)
    {
        if (article.Items.Count == 0)
        {
            return article.BodyHtml;
        }

        var body = new System.Text.StringBuilder(article.BodyHtml).Append('\n');
        foreach (var item in article.Items.OrderBy(i => i.Position))
        {
            body.Append("<h2>").Append(Invariant(item.Position)).Append(". ").Append(System.Net.WebUtility.HtmlEncode(item.Heading)).Append("</h2>\n");
            if (item.Media is { } media && media.VariantWidths.Count > 0)
            {
                var width = media.VariantWidths.Where(w => w <= 960).DefaultIfEmpty(media.VariantWidths.Min()).Max();
                body.Append("<figure><img src=\"").Append(System.Net.WebUtility.HtmlEncode(store.UrlOf(media.StorageKey, $"{width}.jpg")))
                    .Append("\" alt=\"").Append(System.Net.WebUtility.HtmlEncode(media.AltText)).Append("\">");
                if (item.Caption.Length > 0)
                {
                    body.Append("<figcaption>").Append(System.Net.WebUtility.HtmlEncode(item.Caption)).Append("</figcaption>");
                }

                body.Append("</figure>\n");
            }

            body.Append(item.BodyHtml).Append('\n');
        }

        return body.ToString();
    }

    private static void Term(XmlWriter xml, string domain, string slug, string name)
    {
        xml.WriteStartElement("category");
        xml.WriteAttributeString("domain", domain);
        xml.WriteAttributeString("nicename", slug);
        xml.WriteCData(name);
        xml.WriteEndElement();
    }

    private static void Meta(XmlWriter xml, string key, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        xml.WriteStartElement("wp", "postmeta", Wp);
        Cdata(xml, "meta_key", Wp, key);
        Cdata(xml, "meta_value", Wp, value);
        xml.WriteEndElement();
    }

    /// <summary>CDATA as WordPress writes it; a CDATA end marker inside the value is split across two sections.</summary>
    private static void Cdata(XmlWriter xml, string localName, string ns, string value)
    {
        xml.WriteStartElement(localName, ns);
        var parts = value.Split("]]>");
        for (var i = 0; i < parts.Length; i++)
        {
            xml.WriteCData(i < parts.Length - 1 ? parts[i] + "]]" : parts[i]);
            if (i < parts.Length - 1)
            {
                xml.WriteString(">");
            }
        }

        xml.WriteEndElement();
    }

    private static string WordPressDate(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Invariant(long n) => n.ToString(CultureInfo.InvariantCulture);
}
