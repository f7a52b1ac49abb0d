using AngleSharp.Dom;

namespace Backlot.IntegrationTests.Infrastructure;

/// <summary>
/// What in parsed HTML would run script: script and frame-like elements, on* attributes, meta
/// refresh, javascript:/vbscript:/data:text/html URLs. Asserted on the DOM AngleSharp builds, as
/// a browser would build it, not by searching strings.
/// </summary>
public static class ExecutableMarkup
{
    private static readonly HashSet<string> RunnableElements = ["SCRIPT", "IFRAME", "FRAME", "FRAMESET", "OBJECT", "EMBED", "APPLET", "BASE"];
    private static readonly HashSet<string> UrlAttributes = ["href", "src", "action", "formaction", "data", "xlink:href", "poster", "background", "srcset", "codebase", "dynsrc", "lowsrc"];

    /// <summary>Everything runnable in an HTML fragment (a feed's content, a description).</summary>
    public static IReadOnlyList<string> InFragment(string? html) =>
        html is null ? [] : In(Html.Parse("<!doctype html><body>" + html).Body!, allowOwnScripts: false);

    /// <summary>
    /// Everything runnable under <paramref name="root"/>. With <paramref name="allowOwnScripts"/>,
    /// the page's own script files (/js/…) and JSON-LD data blocks are allowed: browsers never run the latter.
    /// </summary>
    public static IReadOnlyList<string> In(IElement root, bool allowOwnScripts)
    {
        ArgumentNullException.ThrowIfNull(root);
        var found = new List<string>();
        foreach (var element in root.QuerySelectorAll("*").Prepend(root))
        {
            var tag = element.TagName.ToUpperInvariant();
            if (RunnableElements.Contains(tag) && !(allowOwnScripts && tag == "SCRIPT" && IsOwnScript(element)))
            {
                found.Add(element.OuterHtml);
            }

            if (tag == "META" && string.Equals(element.GetAttribute("http-equiv"), "refresh", StringComparison.OrdinalIgnoreCase))
            {
                found.Add(element.OuterHtml);
            }

            foreach (var attribute in element.Attributes)
            {
                var name = attribute.Name.ToLowerInvariant();
                if (name.StartsWith("on", StringComparison.Ordinal) || name == "srcdoc")
                {
                    found.Add($"{name} on <{element.LocalName}>");
                }
                else if ((UrlAttributes.Contains(name) || name.EndsWith(":href", StringComparison.Ordinal)) && IsScriptUrl(attribute.Value))
                {
                    found.Add($"{name}=\"{attribute.Value}\" on <{element.LocalName}>");
                }
                else if (name == "style" && (attribute.Value.Contains("javascript:", StringComparison.OrdinalIgnoreCase) || attribute.Value.Contains("expression(", StringComparison.OrdinalIgnoreCase)))
                {
                    found.Add($"style=\"{attribute.Value}\" on <{element.LocalName}>");
                }
            }
        }

        return found;
    }

    private static bool IsOwnScript(IElement script) =>
        script.GetAttribute("type") == "application/ld+json"
        || (script.GetAttribute("src") is { } src && src.StartsWith("/js/", StringComparison.Ordinal));

    /// <summary>Browsers drop tabs, newlines and leading spaces or controls before reading a URL's scheme.</summary>
    private static bool IsScriptUrl(string value)
    {
        var scheme = new string([.. value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c))]).ToLowerInvariant();
        return scheme.StartsWith("javascript:", StringComparison.Ordinal)
            || scheme.StartsWith("vbscript:", StringComparison.Ordinal)
            || scheme.StartsWith("data:text/html", StringComparison.Ordinal);
    }
}
