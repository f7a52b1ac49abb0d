using Microsoft.Extensions.Options;

namespace Backlot.Features.Site;

/// <summary>Makes site-relative paths absolute, from the configured base URL or else the request's own.</summary>
public sealed class SiteUrls(IOptions<SiteOptions> options, IHttpContextAccessor http)
{
    public string BaseUrl
    {
        get
        {
            if (!string.IsNullOrWhiteSpace(options.Value.BaseUrl))
            {
                return options.Value.BaseUrl.TrimEnd('/');
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
