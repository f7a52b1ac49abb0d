using System.Net.Http.Headers;
using System.Text.Json;

namespace Backlot.IntegrationTests.Infrastructure;

/// <summary>What every error answer must be: the site's page for a browser, problem details for a JSON client, security headers on both.</summary>
public static class ErrorAnswers
{
    public static void HasSecurityHeaders(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var csp), $"{(int)response.StatusCode} without Content-Security-Policy");
        Assert.Contains("script-src 'self'", csp.Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("SAMEORIGIN", response.Headers.GetValues("X-Frame-Options").Single());
    }

    /// <summary>The error page for <paramref name="status"/>, with its heading, as a browser gets it.</summary>
    public static async Task IsErrorPageAsync(HttpResponseMessage response, int status, string heading)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(status == (int)response.StatusCode, $"expected {status}, got {(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = Html.Parse(body);
        Assert.Equal(heading, page.QuerySelector("h1")?.Text());
        HasSecurityHeaders(response);
    }

    /// <summary>An RFC 9457 problem details body for <paramref name="status"/>.</summary>
    public static async Task IsProblemAsync(HttpResponseMessage response, int status)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(status == (int)response.StatusCode, $"expected {status}, got {(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("title").GetString()));
        Assert.False(problem.RootElement.TryGetProperty("exception", out _));
        HasSecurityHeaders(response);
    }

    public static HttpRequestMessage Json(HttpMethod method, string path, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    public static HttpRequestMessage Browser(HttpMethod method, string path, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        return request;
    }
}
