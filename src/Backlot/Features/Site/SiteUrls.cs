namespace Backlot.Features.Site;

/// <summary>Makes site-relative paths absolute, from the configured base URL or else the request's own.</summary>
public sealed class SiteUrls(SiteSettings settings, IHttpContextAccessor http)
{
    public string BaseUrl
    {
        get
        {
            if (settings.Current.BaseUrl is { Length: > 0 } configured)
            {
                return configured.TrimEnd('/');
            }

            var request = http.HttpContext?.Request;
            return request is null ? "http://localhost:5000" : $"{request.Scheme}://{request.Host}{request.PathBase}";
        }
    }

    public string Absolute(string pathOrUrl)
    {
        ArgumentNullException.ThrowIfNull(pathOrUrl);
        return pathOrUrl.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || pathOrUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            ? pathOrUrl
            : BaseUrl + (pathOrUrl.StartsWith('/') ? pathOrUrl : "/" + pathOrUrl);
    }
}
