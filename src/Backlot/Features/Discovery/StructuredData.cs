using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Backlot.Features.Articles;
using Backlot.Features.Media;
using Backlot.Features.Site;

namespace Backlot.Features.Discovery;

/// <summary>Schema.org JSON-LD for search engines: NewsArticle, ItemList for listicles, BreadcrumbList.</summary>
public sealed class StructuredData(SiteUrls urls, IMediaStore media, SiteSettings settings, Microsoft.Extensions.Options.IOptions<SiteOptions> options)
{
    // The default encoder escapes '<', '>' and '&', so no JSON value can close the <script> element it sits in.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Default };

    public IReadOnlyList<string> ForArticle(ArticleView article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var url = urls.Absolute(article.Path);
        var images = new JsonArray();
        if (article.Hero is { } hero)
        {
            images.Add(urls.Absolute(hero.LargeJpegOrPng(media)));
        }

        foreach (var item in article.Items.Where(i => i.Image is not null).Take(3))
        {
            images.Add(urls.Absolute(item.Image!.LargeJpegOrPng(media)));
        }

        var newsArticle = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "NewsArticle",
            ["mainEntityOfPage"] = new JsonObject { ["@type"] = "WebPage", ["@id"] = url },
            ["headline"] = Truncate(article.Title, 110),
            ["description"] = article.SeoDescription ?? article.Dek,
            ["image"] = images,
            ["datePublished"] = article.PublishedAt.ToString("O"),
            ["dateModified"] = article.UpdatedAt.ToString("O"),
            ["author"] = new JsonArray(new JsonObject
            {
                ["@type"] = "Person",
                ["name"] = article.Author.Name,
                ["url"] = urls.Absolute($"/author/{article.Author.Slug}"),
            }),
            ["publisher"] = Publisher(),
            ["articleSection"] = article.Category.Name,
            ["inLanguage"] = options.Value.Language,
            ["isAccessibleForFree"] = true,
            ["keywords"] = new JsonArray([.. article.Tags.Select(t => (JsonNode?)JsonValue.Create(t.Name))]),
        };

        var documents = new List<string> { newsArticle.ToJsonString(Json) };
        if (article.Kind == ArticleKind.Listicle && article.Items.Count > 0)
        {
            var list = new JsonObject
            {
                ["@context"] = "https://schema.org",
                ["@type"] = "ItemList",
                ["name"] = article.Title,
                ["numberOfItems"] = article.Items.Count,
                ["itemListOrder"] = "https://schema.org/ItemListOrderAscending",
                ["itemListElement"] = new JsonArray([.. article.Items.Select(i => (JsonNode?)new JsonObject
                {
                    ["@type"] = "ListItem",
                    ["position"] = i.Position,
                    ["name"] = i.Heading,
                    ["url"] = $"{url}#{i.Anchor}",
                })]),
            };
            documents.Add(list.ToJsonString(Json));
        }

        documents.Add(Breadcrumbs(("Home", "/"), (article.Category.Name, "/" + article.Category.Slug), (article.Title, article.Path)));
        return documents;
    }

    /// <summary>The home page's WebSite, with the search action that lets search engines offer a site search box.</summary>
    public string ForSite()
    {
        var website = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "WebSite",
            ["name"] = settings.Current.Title,
            ["url"] = urls.BaseUrl + "/",
            ["inLanguage"] = options.Value.Language,
            ["publisher"] = Publisher(),
            ["potentialAction"] = new JsonObject
            {
                ["@type"] = "SearchAction",
                ["target"] = new JsonObject { ["@type"] = "EntryPoint", ["urlTemplate"] = urls.Absolute("/search") + "?q={search_term_string}" },
                ["query-input"] = "required name=search_term_string",
            },
        };
        return website.ToJsonString(Json);
    }

    private JsonObject Publisher() => new()
    {
        ["@type"] = "Organization",
        ["name"] = settings.Current.Title,
        ["url"] = urls.BaseUrl + "/",
        ["logo"] = new JsonObject { ["@type"] = "ImageObject", ["url"] = urls.Absolute("/favicon.svg") },
    };

    public string Breadcrumbs(params (string Name, string Path)[] trail)
    {
        ArgumentNullException.ThrowIfNull(trail);
        var list = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "BreadcrumbList",
            ["itemListElement"] = new JsonArray([.. trail.Select((step, index) => (JsonNode?)new JsonObject
            {
                ["@type"] = "ListItem",
                ["position"] = index + 1,
                ["name"] = step.Name,
                ["item"] = urls.Absolute(step.Path),
            })]),
        };
        return list.ToJsonString(Json);
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";
}
