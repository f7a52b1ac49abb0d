using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Backlot.Features.Articles;
using Backlot.Features.Media;
using Backlot.Features.Site;

namespace Backlot.Features.Discovery;

/// <summary>
/// Schema.org JSON-LD for search engines: NewsArticle, ItemList for listicles, BreadcrumbList.
/// Written straight to UTF-8 with <see cref="Utf8JsonWriter"/>: an uncached article page builds
/// three documents per request, and a JSON DOM cost more than the rest of the page's head.
/// </summary>
public sealed class StructuredData(SiteUrls urls, IMediaStore media, SiteSettings settings, Microsoft.Extensions.Options.IOptions<SiteOptions> options)
{
    // The default encoder escapes '<', '>' and '&', so no JSON value can close the <script> element it sits in.
    private static readonly JsonWriterOptions Json = new() { Encoder = JavaScriptEncoder.Default };

    public IReadOnlyList<string> ForArticle(ArticleView article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var baseUrl = urls.BaseUrl;
        var site = settings.Current;
        var url = Absolute(baseUrl, article.Path);
        var documents = new List<string>(3)
        {
            Write(json =>
            {
                json.WriteStartObject();
                json.WriteString("@context", "https://schema.org");
                json.WriteString("@type", "NewsArticle");
                json.WriteStartObject("mainEntityOfPage");
                json.WriteString("@type", "WebPage");
                json.WriteString("@id", url);
                json.WriteEndObject();
                json.WriteString("headline", Truncate(article.Title, 110));
                json.WriteString("description", article.SeoDescription ?? article.Dek);
                json.WriteStartArray("image");
                if (article.Hero is { } hero)
                {
                    json.WriteStringValue(Absolute(baseUrl, hero.LargeJpegOrPng(media)));
                }

                var images = 0;
                foreach (var item in article.Items)
                {
                    if (item.Image is { } image && images++ < 3)
                    {
                        json.WriteStringValue(Absolute(baseUrl, image.LargeJpegOrPng(media)));
                    }
                }

                json.WriteEndArray();
                json.WriteString("datePublished", article.PublishedAt.ToString("O"));
                json.WriteString("dateModified", article.UpdatedAt.ToString("O"));
                json.WriteStartArray("author");
                json.WriteStartObject();
                json.WriteString("@type", "Person");
                json.WriteString("name", article.Author.Name);
                json.WriteString("url", Absolute(baseUrl, $"/author/{article.Author.Slug}"));
                json.WriteEndObject();
                json.WriteEndArray();
                WritePublisher(json, "publisher", site.Title, baseUrl);
                json.WriteString("articleSection", article.Category.Name);
                json.WriteString("inLanguage", options.Value.Language);
                json.WriteBoolean("isAccessibleForFree", true);
                json.WriteStartArray("keywords");
                foreach (var tag in article.Tags)
                {
                    json.WriteStringValue(tag.Name);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }),
        };

        if (article.Kind == ArticleKind.Listicle && article.Items.Count > 0)
        {
            documents.Add(Write(json =>
            {
                json.WriteStartObject();
                json.WriteString("@context", "https://schema.org");
                json.WriteString("@type", "ItemList");
                json.WriteString("name", article.Title);
                json.WriteNumber("numberOfItems", article.Items.Count);
                json.WriteString("itemListOrder", "https://schema.org/ItemListOrderAscending");
                json.WriteStartArray("itemListElement");
                foreach (var item in article.Items)
                {
                    json.WriteStartObject();
                    json.WriteString("@type", "ListItem");
                    json.WriteNumber("position", item.Position);
                    json.WriteString("name", item.Heading);
                    json.WriteString("url", $"{url}#{item.Anchor}");
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }));
        }

        documents.Add(BreadcrumbsAt(baseUrl, ("Home", "/"), (article.Category.Name, "/" + article.Category.Slug), (article.Title, article.Path)));
        return documents;
    }

    /// <summary>The home page's WebSite, with the search action that lets search engines offer a site search box.</summary>
    public string ForSite()
    {
        var baseUrl = urls.BaseUrl;
        var title = settings.Current.Title;
        return Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("@context", "https://schema.org");
            json.WriteString("@type", "WebSite");
            json.WriteString("name", title);
            json.WriteString("url", baseUrl + "/");
            json.WriteString("inLanguage", options.Value.Language);
            WritePublisher(json, "publisher", title, baseUrl);
            json.WriteStartObject("potentialAction");
            json.WriteString("@type", "SearchAction");
            json.WriteStartObject("target");
            json.WriteString("@type", "EntryPoint");
            json.WriteString("urlTemplate", Absolute(baseUrl, "/search") + "?q={search_term_string}");
            json.WriteEndObject();
            json.WriteString("query-input", "required name=search_term_string");
            json.WriteEndObject();
            json.WriteEndObject();
        });
    }

    public string Breadcrumbs(params (string Name, string Path)[] trail) => BreadcrumbsAt(urls.BaseUrl, trail);

    private static string BreadcrumbsAt(string baseUrl, params (string Name, string Path)[] trail)
    {
        ArgumentNullException.ThrowIfNull(trail);
        return Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("@context", "https://schema.org");
            json.WriteString("@type", "BreadcrumbList");
            json.WriteStartArray("itemListElement");
            for (var i = 0; i < trail.Length; i++)
            {
                json.WriteStartObject();
                json.WriteString("@type", "ListItem");
                json.WriteNumber("position", i + 1);
                json.WriteString("name", trail[i].Name);
                json.WriteString("item", Absolute(baseUrl, trail[i].Path));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    private static void WritePublisher(Utf8JsonWriter json, string property, string title, string baseUrl)
    {
        json.WriteStartObject(property);
        json.WriteString("@type", "Organization");
        json.WriteString("name", title);
        json.WriteString("url", baseUrl + "/");
        json.WriteStartObject("logo");
        json.WriteString("@type", "ImageObject");
        json.WriteString("url", Absolute(baseUrl, "/favicon.svg"));
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static string Write(Action<Utf8JsonWriter> document)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var json = new Utf8JsonWriter(buffer, Json))
        {
            document(json);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>As <see cref="SiteUrls.Absolute"/>, with the base URL read once per document set.</summary>
    private static string Absolute(string baseUrl, string pathOrUrl) =>
        pathOrUrl.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || pathOrUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            ? pathOrUrl
            : baseUrl + (pathOrUrl.StartsWith('/') ? pathOrUrl : "/" + pathOrUrl);

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";
}
