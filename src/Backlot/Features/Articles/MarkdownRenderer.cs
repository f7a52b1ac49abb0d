using Ganss.Xss;
using Markdig;

namespace Backlot.Features.Articles;

/// <summary>Turns editors' Markdown into HTML that is safe to serve: Markdig, then HtmlSanitizer over whatever HTML it let through.</summary>
public sealed class MarkdownRenderer
{
    private readonly MarkdownPipeline pipeline = new MarkdownPipelineBuilder()
        .UseEmphasisExtras()
        .UsePipeTables()
        .UseAutoLinks()
        .UseSmartyPants()
        .Build();

    private readonly HtmlSanitizer sanitizer = CreateSanitizer();

    public string ToHtml(string markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }

        return sanitizer.Sanitize(Markdown.ToHtml(markdown, pipeline)).Trim();
    }

    /// <summary>
    /// Any HTML through the same policy as rendered Markdown: for output (feeds) that must be safe
    /// whatever is stored, imported or assembled around it.
    /// </summary>
    public string Sanitize(string html) => string.IsNullOrEmpty(html) ? "" : sanitizer.Sanitize(html);

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedTags.Remove("form");
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } link
                && link.GetAttribute("href") is { } href
                && href.StartsWith("http", StringComparison.OrdinalIgnoreCase))
            {
                link.SetAttribute("rel", "noopener");
            }
        };
        return sanitizer;
    }
}
