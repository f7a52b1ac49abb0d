namespace Backlot.Features.Site;

/// <summary>The "Site" configuration section: what the site calls itself and where it lives.</summary>
public sealed class SiteOptions
{
    public const string Section = "Site";

    public string Title { get; set; } = "Backlot";
    public string Tagline { get; set; } = "Film and TV, behind the scenes";

    /// <summary>Absolute base URL for canonical links, feeds and sitemaps ("https://example.com"); empty: taken from each request.</summary>
    public string? BaseUrl { get; set; }

    public string Language { get; set; } = "en";

    /// <summary>Whether public pages are output-cached. Off only to measure or debug rendering.</summary>
    public bool OutputCache { get; set; } = true;

    /// <summary>
    /// Reverse proxies (addresses or CIDR ranges) whose X-Forwarded-For and X-Forwarded-Proto are
    /// believed, besides the loopback addresses which always are: the client address matters for
    /// rate limits, comment IP hashes and blocklists.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];
}
