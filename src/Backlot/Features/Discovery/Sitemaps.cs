using System.Globalization;
using System.Text;
using System.Xml;
using Backlot.Data;
using Backlot.Features.Articles;
using Backlot.Features.Media;
using Backlot.Features.Site;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Backlot.Features.Discovery;

/// <summary>
/// Sitemaps per sitemaps.org: /sitemap.xml is an index of /sitemaps/pages.xml (home and archives),
/// /sitemaps/articles-{n}.xml (at most <see cref="UrlsPerSitemap"/> each, with lastmod and image
/// entries) and /sitemaps/news.xml (Google News: the last 48 hours). Only public articles, ever.
/// </summary>
public sealed class Sitemaps(BacklotDb db, SiteUrls urls, IMediaStore media, IOptions<SiteOptions> site, TimeProvider clock)
{
    public const int UrlsPerSitemap = 50_000;
    public const int NewsLimit = 1_000;
    public static readonly TimeSpan NewsWindow = TimeSpan.FromHours(48);

    private const string SitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private const string ImageNs = "http://www.google.com/schemas/sitemap-image/1.1";
    private const string NewsNs = "http://www.google.com/schemas/sitemap-news/0.9";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private IQueryable<Article> PublicArticles => db.Articles.AsNoTracking().Where(ArticleVisibility.PublicAt(Now));

    public async Task<string> IndexAsync(CancellationToken cancellationToken)
    {
        var count = await PublicArticles.CountAsync(cancellationToken);
        var lastModified = count == 0 ? (DateTime?)null : await PublicArticles.MaxAsync(a => a.UpdatedAt, cancellationToken);
        return Write(xml =>
        {
            xml.WriteStartElement("sitemapindex", SitemapNs);
            Sitemap(xml, "/sitemaps/pages.xml", lastModified);
            for (var page = 1; page <= Math.Max(1, (count + UrlsPerSitemap - 1) / UrlsPerSitemap); page++)
            {
                Sitemap(xml, $"/sitemaps/articles-{page}.xml", lastModified);
            }

            Sitemap(xml, "/sitemaps/news.xml", lastModified);
            xml.WriteEndElement();
        });
    }

    /// <summary>One page of article URLs, oldest first so a page's contents stay put as articles are added; null past the last page.</summary>
    public async Task<string?> ArticlesAsync(int page, CancellationToken cancellationToken)
    {
        var count = await PublicArticles.CountAsync(cancellationToken);
        if (page < 1 || (page > 1 && (page - 1L) * UrlsPerSitemap >= count))
        {
            return null;
        }

        var articles = await PublicArticles
            .OrderBy(a => a.Id)
            .Skip((page - 1) * UrlsPerSitemap).Take(UrlsPerSitemap)
            .Select(a => new
            {
                CategorySlug = a.Category.Slug, a.Slug, a.UpdatedAt,
                Hero = a.HeroMedia == null ? null : new ImageView(a.HeroMedia.StorageKey, a.HeroMedia.OriginalFormat, a.HeroMedia.Width, a.HeroMedia.Height, a.HeroMedia.VariantWidths, a.HeroMedia.AltText),
                Images = a.Items.OrderBy(i => i.Position).Where(i => i.Media != null)
                    .Select(i => new ImageView(i.Media!.StorageKey, i.Media.OriginalFormat, i.Media.Width, i.Media.Height, i.Media.VariantWidths, i.Media.AltText)).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);

        return Write(xml =>
        {
            xml.WriteStartElement("urlset", SitemapNs);
            xml.WriteAttributeString("xmlns", "image", null, ImageNs);
            foreach (var a in articles)
            {
                xml.WriteStartElement("url", SitemapNs);
                xml.WriteElementString("loc", SitemapNs, urls.Absolute(ArticleUrls.PathOf(a.CategorySlug, a.Slug)));
                xml.WriteElementString("lastmod", SitemapNs, W3c(a.UpdatedAt));

                // Google reads at most 1,000 images per page.
                foreach (var image in (a.Hero is null ? a.Images : a.Images.Prepend(a.Hero)).Take(1000))
                {
                    xml.WriteStartElement("image", "image", ImageNs);
                    xml.WriteElementString("image", "loc", ImageNs, urls.Absolute(image.LargeJpegOrPng(media)));
                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        });
    }

    /// <summary>Home, sections, and the archive of every tag, work, person and author with a public article.</summary>
    public async Task<string> PagesAsync(CancellationToken cancellationToken)
    {
        var categories = await db.Categories.AsNoTracking().Select(c => "/" + c.Slug).ToListAsync(cancellationToken);
        var tags = await db.Tags.AsNoTracking().Where(t => PublicArticles.Any(a => a.Tags.Any(x => x.Id == t.Id))).Select(t => "/tag/" + t.Slug).ToListAsync(cancellationToken);
        var works = await db.Works.AsNoTracking().Where(w => PublicArticles.Any(a => a.Works.Any(x => x.Id == w.Id) || a.Items.Any(i => i.WorkId == w.Id))).Select(w => "/work/" + w.Slug).ToListAsync(cancellationToken);
        var people = await db.People.AsNoTracking().Where(p => PublicArticles.Any(a => a.People.Any(x => x.Id == p.Id))).Select(p => "/person/" + p.Slug).ToListAsync(cancellationToken);
        var authors = await db.Authors.AsNoTracking().Where(au => PublicArticles.Any(a => a.AuthorId == au.Id)).Select(au => "/author/" + au.Slug).ToListAsync(cancellationToken);
        return Write(xml =>
        {
            xml.WriteStartElement("urlset", SitemapNs);
            foreach (var path in categories.Concat(tags).Concat(works).Concat(people).Concat(authors).Prepend("/").Take(UrlsPerSitemap))
            {
                xml.WriteStartElement("url", SitemapNs);
                xml.WriteElementString("loc", SitemapNs, urls.Absolute(path));
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        });
    }

    /// <summary>Google News sitemap: articles first published in the last 48 hours.</summary>
    public async Task<string> NewsAsync(CancellationToken cancellationToken)
    {
        var since = Now - NewsWindow;
        var articles = await PublicArticles
            .Where(a => a.PublishedAt >= since)
            .OrderByDescending(a => a.PublishedAt)
            .Take(NewsLimit)
            .Select(a => new { CategorySlug = a.Category.Slug, a.Slug, a.Title, PublishedAt = a.PublishedAt!.Value })
            .ToListAsync(cancellationToken);
        return Write(xml =>
        {
            xml.WriteStartElement("urlset", SitemapNs);
            xml.WriteAttributeString("xmlns", "news", null, NewsNs);
            foreach (var a in articles)
            {
                xml.WriteStartElement("url", SitemapNs);
                xml.WriteElementString("loc", SitemapNs, urls.Absolute(ArticleUrls.PathOf(a.CategorySlug, a.Slug)));
                xml.WriteStartElement("news", "news", NewsNs);
                xml.WriteStartElement("news", "publication", NewsNs);
                xml.WriteElementString("news", "name", NewsNs, site.Value.Title);
                xml.WriteElementString("news", "language", NewsNs, site.Value.Language);
                xml.WriteEndElement();
                xml.WriteElementString("news", "publication_date", NewsNs, W3c(a.PublishedAt));
                xml.WriteElementString("news", "title", NewsNs, a.Title);
                xml.WriteEndElement();
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        });
    }

    public string RobotsTxt() =>
        $"""
        User-agent: *
        Allow: /
        Disallow: /admin/
        Disallow: /search

        Sitemap: {urls.Absolute("/sitemap.xml")}

        """;

    private void Sitemap(XmlWriter xml, string path, DateTime? lastModified)
    {
        xml.WriteStartElement("sitemap", SitemapNs);
        xml.WriteElementString("loc", SitemapNs, urls.Absolute(path));
        if (lastModified is { } at)
        {
            xml.WriteElementString("lastmod", SitemapNs, W3c(at));
        }

        xml.WriteEndElement();
    }

    private static string W3c(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string Write(Action<XmlWriter> body)
    {
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            xml.WriteStartDocument();
            body(xml);
            xml.WriteEndDocument();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}

internal static class SitemapEndpoints
{
    private const string Xml = "application/xml; charset=utf-8";

    public static void Map(WebApplication app)
    {
        app.MapGet("/sitemap.xml", async (Sitemaps sitemaps, HttpContext http, CancellationToken ct) => Tagged(http, TypedResults.Text(await sitemaps.IndexAsync(ct), Xml))).CacheOutput(PublicPageCache.PolicyName);
        app.MapGet("/sitemaps/pages.xml", async (Sitemaps sitemaps, HttpContext http, CancellationToken ct) => Tagged(http, TypedResults.Text(await sitemaps.PagesAsync(ct), Xml))).CacheOutput(PublicPageCache.PolicyName);
        app.MapGet("/sitemaps/news.xml", async (Sitemaps sitemaps, HttpContext http, CancellationToken ct) => Tagged(http, TypedResults.Text(await sitemaps.NewsAsync(ct), Xml))).CacheOutput(PublicPageCache.PolicyName);
        app.MapGet("/sitemaps/articles-{page:int:min(1)}.xml", async (int page, Sitemaps sitemaps, HttpContext http, CancellationToken ct) =>
            await sitemaps.ArticlesAsync(page, ct) is { } xml ? Tagged(http, TypedResults.Text(xml, Xml)) : TypedResults.NotFound()).CacheOutput(PublicPageCache.PolicyName);
        app.MapGet("/robots.txt", (Sitemaps sitemaps) => TypedResults.Text(sitemaps.RobotsTxt(), "text/plain; charset=utf-8"));
    }

    private static IResult Tagged(HttpContext http, IResult result)
    {
        http.Features.Get<IOutputCacheFeature>()?.Context.Tags.Add(PublicPageCache.ListsTag);
        return result;
    }
}
