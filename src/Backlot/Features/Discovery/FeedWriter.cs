using System.Globalization;
using System.Net;
using System.ServiceModel.Syndication;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Backlot.Data;
using Backlot.Features.Articles;
using Backlot.Features.Media;
using Backlot.Features.Site;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Backlot.Features.Discovery;

/// <summary>The "Discovery" configuration section.</summary>
public sealed class DiscoveryOptions
{
    public const string Section = "Discovery";

    /// <summary>Whether feeds carry whole articles (the default) or only their deks.</summary>
    public bool FullContentFeeds { get; set; } = true;

    /// <summary>Articles per feed.</summary>
    public int FeedSize { get; set; } = 20;
}

/// <summary>Which articles a feed lists: the whole site, or one category, tag, work, person or author.</summary>
public sealed record FeedScope(string Title, string Path, string FeedPath, ArticleFilter Filter);

/// <summary>The articles of one feed, their newest change, and a validator for conditional GET.</summary>
public sealed record FeedContent(FeedScope Scope, IReadOnlyList<FeedEntry> Entries, DateTime LastModified, string ETag);

public sealed record FeedEntry(string Title, string Path, string Dek, string Html, DateTime PublishedAt, DateTime UpdatedAt, NamedLink Author, NamedLink Category, IReadOnlyList<string> Tags, string? ImageUrl);

/// <summary>
/// RSS 2.0 and Atom (System.ServiceModel.Syndication) and JSON Feed 1.1: newest public articles,
/// whole (hero image, body, listicle items in order) with absolute URLs, or deks by setting.
/// Each field is what its format says it is: titles, names and JSON Feed's summary are text;
/// RSS descriptions and Atom summaries are HTML, so a dek or tagline goes in HTML-encoded; stored
/// article HTML goes through the editors' sanitizer policy (<see cref="MarkdownRenderer.Sanitize"/>)
/// on the way out, and the markup around it is built here with every text in it encoded.
/// </summary>
public sealed partial class FeedWriter(BacklotDb db, SiteUrls urls, IMediaStore media, MarkdownRenderer sanitizer, IOptions<SiteOptions> site, IOptions<DiscoveryOptions> options, TimeProvider clock)
{
    private static readonly XNamespace ContentNamespace = "http://purl.org/rss/1.0/modules/content/";

    /// <summary>The scope named by a feed URL, or null when nothing has that slug.</summary>
    public async Task<FeedScope?> ScopeAsync(string? kind, string? slug, CancellationToken cancellationToken)
    {
        var siteTitle = site.Value.Title;
        if (kind is null)
        {
            return new FeedScope(siteTitle, "/", "/feed", ArticleFilter.All);
        }

        var found = kind switch
        {
            "category" => await db.Categories.AsNoTracking().Where(c => c.Slug == slug).Select(c => new { c.Id, c.Name, Path = "/" + c.Slug }).FirstOrDefaultAsync(cancellationToken),
            "tag" => await db.Tags.AsNoTracking().Where(t => t.Slug == slug).Select(t => new { t.Id, t.Name, Path = "/tag/" + t.Slug }).FirstOrDefaultAsync(cancellationToken),
            "work" => await db.Works.AsNoTracking().Where(w => w.Slug == slug).Select(w => new { w.Id, Name = w.Title, Path = "/work/" + w.Slug }).FirstOrDefaultAsync(cancellationToken),
            "person" => await db.People.AsNoTracking().Where(p => p.Slug == slug).Select(p => new { p.Id, p.Name, Path = "/person/" + p.Slug }).FirstOrDefaultAsync(cancellationToken),
            "author" => await db.Authors.AsNoTracking().Where(a => a.Slug == slug).Select(a => new { a.Id, a.Name, Path = "/author/" + a.Slug }).FirstOrDefaultAsync(cancellationToken),
            _ => null,
        };
        if (found is null)
        {
            return null;
        }

        var filter = kind switch
        {
            "category" => new ArticleFilter(CategoryId: found.Id),
            "tag" => new ArticleFilter(TagId: found.Id),
            "work" => new ArticleFilter(WorkId: found.Id),
            "person" => new ArticleFilter(PersonId: found.Id),
            _ => new ArticleFilter(AuthorId: found.Id),
        };
        return new FeedScope($"{found.Name} – {siteTitle}", found.Path, $"/feed/{kind}/{slug}", filter);
    }

    public async Task<FeedContent> ReadAsync(FeedScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var now = clock.GetUtcNow().UtcDateTime;
        var query = db.Articles.AsNoTracking().Where(ArticleVisibility.PublicAt(now));
        query = scope.Filter switch
        {
            { CategoryId: { } id } => query.Where(a => a.CategoryId == id || a.Category.ParentId == id),
            { TagId: { } id } => query.Where(a => a.Tags.Any(t => t.Id == id)),
            { WorkId: { } id } => query.Where(a => a.Works.Any(w => w.Id == id) || a.Items.Any(i => i.WorkId == id)),
            { PersonId: { } id } => query.Where(a => a.People.Any(p => p.Id == id)),
            { AuthorId: { } id } => query.Where(a => a.AuthorId == id),
            _ => query,
        };

        var articles = await query
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
            .Take(Math.Clamp(options.Value.FeedSize, 1, 100))
            .Select(a => new
            {
                a.Id, a.Title, a.Slug, a.Dek, a.BodyHtml, PublishedAt = a.PublishedAt!.Value, a.UpdatedAt, a.RevisionNumber,
                Author = new NamedLink(a.Author.Slug, a.Author.Name),
                Category = new NamedLink(a.Category.Slug, a.Category.Name),
                Hero = a.HeroMedia == null ? null : new ImageView(a.HeroMedia.StorageKey, a.HeroMedia.OriginalFormat, a.HeroMedia.Width, a.HeroMedia.Height, a.HeroMedia.VariantWidths, a.HeroMedia.AltText),
                Items = a.Items.OrderBy(i => i.Position).Select(i => new
                {
                    i.Position, i.Heading, i.Caption, i.Credit, i.BodyHtml,
                    Image = i.Media == null ? null : new ImageView(i.Media.StorageKey, i.Media.OriginalFormat, i.Media.Width, i.Media.Height, i.Media.VariantWidths, i.Media.AltText),
                }).ToList(),
                Tags = a.Tags.OrderBy(t => t.Name).Select(t => t.Name).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);

        var full = options.Value.FullContentFeeds;
        var entries = articles.Select(a =>
        {
            var path = ArticleUrls.PathOf(a.Category.Slug, a.Slug);
            var html = new StringBuilder();
            if (full)
            {
                if (a.Hero is { } hero)
                {
                    html.Append(Image(hero));
                }

                html.Append(sanitizer.Sanitize(a.BodyHtml));
                if (a.Items.Count > 0)
                {
                    html.Append("<ol>");
                    foreach (var item in a.Items)
                    {
                        html.Append("<li id=\"").Append(ArticleUrls.ItemAnchor(item.Position)).Append("\"><h2>").Append(WebUtility.HtmlEncode(item.Heading)).Append("</h2>");
                        if (item.Image is { } image)
                        {
                            html.Append("<figure>").Append(Image(image));
                            if (item.Caption.Length + item.Credit.Length > 0)
                            {
                                html.Append("<figcaption>").Append(WebUtility.HtmlEncode($"{item.Caption} {item.Credit}".Trim())).Append("</figcaption>");
                            }

                            html.Append("</figure>");
                        }

                        html.Append(sanitizer.Sanitize(item.BodyHtml)).Append("</li>");
                    }

                    html.Append("</ol>");
                }
            }
            else
            {
                html.Append("<p>").Append(WebUtility.HtmlEncode(a.Dek)).Append("</p>");
            }

            return new FeedEntry(a.Title, path, a.Dek, Absolutize(html.ToString()), a.PublishedAt, a.UpdatedAt, a.Author, a.Category, a.Tags,
                a.Hero is null ? null : urls.Absolute(a.Hero.LargeJpegOrPng(media)));
        }).ToList();

        var lastModified = entries.Count == 0 ? DateTime.UnixEpoch : entries.Max(e => e.UpdatedAt);
        var validator = string.Join(',', articles.Select(a => $"{a.Id}.{a.RevisionNumber}")) + "|" + full + "|" + urls.BaseUrl;
        var etag = "\"f" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(validator)))[..20] + "\"";
        return new FeedContent(scope, entries, lastModified, etag);
    }

    public string Rss(FeedContent content) => Xml(content, feed => new Rss20FeedFormatter(feed, serializeExtensionsAsAtom: false), RssTitle);

    public string Atom(FeedContent content) => Xml(content, feed => new Atom10FeedFormatter(feed), AsHtml);

    /// <summary>JSON Feed 1.1 (https://jsonfeed.org/version/1.1).</summary>
    public string Json(FeedContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var feed = new JsonObject
        {
            ["version"] = "https://jsonfeed.org/version/1.1",
            ["title"] = content.Scope.Title,
            ["home_page_url"] = urls.Absolute(content.Scope.Path),
            ["feed_url"] = urls.Absolute("/feed.json"),
            ["description"] = site.Value.Tagline,
            ["language"] = site.Value.Language,
            ["items"] = new JsonArray([.. content.Entries.Select(e => (JsonNode?)new JsonObject
            {
                ["id"] = urls.Absolute(e.Path),
                ["url"] = urls.Absolute(e.Path),
                ["title"] = e.Title,
                ["content_html"] = e.Html,
                ["summary"] = e.Dek,
                ["image"] = e.ImageUrl,
                ["date_published"] = e.PublishedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                ["date_modified"] = e.UpdatedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                ["authors"] = new JsonArray(new JsonObject { ["name"] = e.Author.Name, ["url"] = urls.Absolute("/author/" + e.Author.Slug) }),
                ["tags"] = new JsonArray([.. e.Tags.Select(t => (JsonNode?)JsonValue.Create(t))]),
            })]),
        };
        return feed.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    private string Xml(FeedContent content, Func<SyndicationFeed, SyndicationFeedFormatter> formatter, Func<string, TextSyndicationContent> title)
    {
        ArgumentNullException.ThrowIfNull(content);
        var feedUrl = urls.Absolute(content.Scope.FeedPath);
        var feed = new SyndicationFeed
        {
            Title = title(content.Scope.Title),
            Description = AsHtml(site.Value.Tagline),
            Id = feedUrl,
            Language = site.Value.Language,
            LastUpdatedTime = new DateTimeOffset(content.LastModified),
            Generator = "Backlot",
        };
        feed.Links.Add(SyndicationLink.CreateAlternateLink(new Uri(urls.Absolute(content.Scope.Path))));
        feed.Links.Add(new SyndicationLink(new Uri(feedUrl), "self", null, null, 0));
        feed.Items = [.. content.Entries.Select(e =>
        {
            var url = new Uri(urls.Absolute(e.Path));
            var item = new SyndicationItem(null, SyndicationContent.CreateHtmlContent(e.Html), url, url.AbsoluteUri, new DateTimeOffset(e.UpdatedAt))
            {
                Title = title(e.Title),
                PublishDate = new DateTimeOffset(e.PublishedAt),
                Summary = AsHtml(e.Dek.Length > 0 ? e.Dek : e.Title),
            };
            item.Authors.Add(new SyndicationPerson { Name = e.Author.Name, Uri = urls.Absolute("/author/" + e.Author.Slug) });
            item.Categories.Add(new SyndicationCategory(e.Category.Name));
            foreach (var tag in e.Tags)
            {
                item.Categories.Add(new SyndicationCategory(tag));
            }

            // RSS 2.0 has room for one text per item: the dek goes in <description>, the article in <content:encoded>.
            // Written as content:encoded, the prefix feed readers look for, not with a default namespace.
            item.ElementExtensions.Add(new XElement(ContentNamespace + "encoded", new XAttribute(XNamespace.Xmlns + "content", ContentNamespace), e.Html).CreateReader());
            return item;
        })];

        var output = new StringBuilder();
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Encoding = Encoding.UTF8, Indent = false }))
        {
            formatter(feed).WriteTo(writer);
        }

        // StringBuilder output declares utf-16; the response is UTF-8.
        return output.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }

    /// <summary>
    /// Text for a field that readers take as HTML (RSS &lt;description&gt;; an Atom summary or subtitle
    /// says type="html"): encoded once as HTML here and once more as XML by the writer, so a reader
    /// shows "&lt;img onerror=…&gt;" typed into a dek as those characters, never as an image.
    /// </summary>
    private static TextSyndicationContent AsHtml(string text) => new(WebUtility.HtmlEncode(text), TextSyndicationContentKind.Html);

    /// <summary>
    /// RSS does not say whether a title is text or HTML, and readers differ (some strip tags, once,
    /// from what they take as HTML). Encoding &lt; and &gt; leaves no tag for any of them to find,
    /// while a title with an ampersand ("Fast &amp; Furious") reads the same either way.
    /// </summary>
    private static TextSyndicationContent RssTitle(string text) =>
        new(text.Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal));

    private string Image(ImageView image) =>
        $"<img src=\"{WebUtility.HtmlEncode(urls.Absolute(image.LargeJpegOrPng(media)))}\" alt=\"{WebUtility.HtmlEncode(image.AltText)}\" width=\"{image.VariantWidths.DefaultIfEmpty(image.Width).Max()}\">";

    /// <summary>Site-relative src and href attributes become absolute: feed readers have no base URL.</summary>
    private string Absolutize(string html) =>
        RelativeUrl().Replace(html, m => $"{m.Groups["attr"].Value}=\"{urls.BaseUrl}/");

    [GeneratedRegex("(?<attr>\\b(?:src|href))=\"/(?!/)")]
    private static partial Regex RelativeUrl();
}
