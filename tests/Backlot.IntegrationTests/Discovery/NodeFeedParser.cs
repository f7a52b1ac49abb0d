using System.Diagnostics;
using System.Text.Json;
using Backlot.IntegrationTests.Infrastructure;

namespace Backlot.IntegrationTests.Discovery;

/// <summary>
/// feedparser (npm, on the sax XML parser), a feed parser we did not write, run by node over a
/// feed's XML (tests/feed-parser/parse.js): the feed as a reader's software sees it.
/// </summary>
internal static class NodeFeedParser
{
    public static async Task<JsonDocument> ParseAsync(string xml)
    {
        var folder = TestEnvironment.RequireNodeScript("feed-parser", "feedparser");
        var start = new ProcessStartInfo("node", "parse.js")
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new System.Text.UTF8Encoding(false),
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = node.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await node.StandardInput.WriteAsync(xml);
        node.StandardInput.Close();
        await node.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(node.ExitCode == 0, $"feed-parser failed: {await errors}");
        return JsonDocument.Parse(await output);
    }
}
