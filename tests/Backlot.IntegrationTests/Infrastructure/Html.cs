using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Backlot.IntegrationTests.Infrastructure;

/// <summary>Fetches pages and parses them with AngleSharp, so tests assert on elements rather than strings.</summary>
public static class Html
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IDocument> GetDocumentAsync(this HttpClient client, string path)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}");
        return Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public static IDocument Parse(string html) => Parser.ParseDocument(html);

    public static string Text(this IElement element) => element.TextContent.Trim();
}
