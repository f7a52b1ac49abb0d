using System.Net;
using System.Text.RegularExpressions;
using Backlot.Features.Comments;
using Backlot.IntegrationTests.Comments;
using Backlot.IntegrationTests.Infrastructure;

namespace Backlot.IntegrationTests.Telemetry;

/// <summary>/metrics in Prometheus's format behind Telemetry:Prometheus, and log entries that say which instance wrote them.</summary>
public sealed partial class TelemetryTests(TelemetrySiteFactory site) : IClassFixture<TelemetrySiteFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Metrics_count_a_posted_comment_and_a_cached_article_served_from_the_cache()
    {
        var articleId = await CommentData.ArticleIdAsync(site);
        var text = $"Counted by the meter {Guid.NewGuid():N}";
        using (var posted = await Commenter.Create(site).PostAsync(articleId, Commenter.Fields("Mia Metric", $"mia.{Guid.NewGuid():N}@example.test", text)))
        {
            Assert.True(posted.IsSuccessStatusCode, $"posting answered {(int)posted.StatusCode}");
        }

        var reader = site.CreateClient();
        await reader.GetStringAsync(CommentData.ListiclePath, Cancel); // rendered (the comment evicted it) and stored
        await reader.GetStringAsync(CommentData.ListiclePath, Cancel); // from the cache

        using var response = await reader.GetAsync(new Uri("/metrics", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var metrics = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(Value(metrics, "backlot_comments_posted_total") >= 1, metrics);
        Assert.True(Value(metrics, "backlot_comments_held_total") >= 1, metrics); // a first comment from an address is held
        Assert.True(Value(metrics, "backlot_output_cache_hits_total") >= 1, metrics);
        Assert.True(Value(metrics, "backlot_output_cache_misses_total") >= 1, metrics);
        Assert.Contains("http_server_request_duration_seconds", metrics, StringComparison.Ordinal);
        Assert.Matches(@"backlot_queue_related_stories(\{[^}]*\})? \d+", metrics);
        Assert.Matches(@"backlot_queue_push_recipients(\{[^}]*\})? \d+", metrics);
    }

    [Fact]
    public async Task Log_entries_carry_the_instance_name_and_role()
    {
        var articleId = await CommentData.ArticleIdAsync(site);
        using (var posted = await Commenter.Create(site).PostAsync(articleId, Commenter.Fields("Lou Logged", $"lou.{Guid.NewGuid():N}@example.test", $"Held and logged {Guid.NewGuid():N}")))
        {
            Assert.True(posted.IsSuccessStatusCode, $"posting answered {(int)posted.StatusCode}");
        }

        var held = site.Logs.Entries.Last(e => e.Category == typeof(CommentPosting).FullName && e.Message.StartsWith("Held comment", StringComparison.Ordinal));
        Assert.Contains(new KeyValuePair<string, object?>("InstanceName", TelemetrySiteFactory.InstanceName), held.Scope);
        Assert.Contains(new KeyValuePair<string, object?>("Role", TelemetrySiteFactory.Role), held.Scope);
        Assert.Contains(held.Scope, p => p.Key == "RequestPath"); // the request's own scope is still there
        Assert.Contains(held.Scope, p => p.Key == "TraceId" && p.Value is string { Length: 32 }); // as is the activity's, which the framework's scope provider wrote
    }

    private static double Value(string exposition, string name)
    {
        var total = 0.0;
        var found = false;
        foreach (Match match in SampleLine().Matches(exposition))
        {
            if (match.Groups["name"].Value == name)
            {
                total += double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
                found = true;
            }
        }

        Assert.True(found, $"{name} is not in /metrics:\n{exposition}");
        return total;
    }

    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{[^}]*\})? (?<value>[0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex SampleLine();
}

/// <summary>Without Telemetry:Prometheus there is no scrape endpoint.</summary>
public sealed class TelemetryOffTests(BacklotFactory site) : IClassFixture<BacklotFactory>
{
    [Fact]
    public async Task Without_the_setting_metrics_is_not_found()
    {
        using var response = await site.CreateClient().GetAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
