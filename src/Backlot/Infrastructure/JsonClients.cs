namespace Backlot.Infrastructure;

/// <summary>Who wants an error as JSON (RFC 9457 problem details) rather than as the site's error page.</summary>
public static class JsonClients
{
    /// <summary>
    /// A client that asks for JSON in Accept, or any request to the JSON endpoints under /api and
    /// /push (their scripts may not say what they accept). <paramref name="path"/> is the path the
    /// client asked for, when the request is being re-executed for an error page.
    /// </summary>
    public static bool Expects(HttpRequest request, PathString? path = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var asked = path ?? request.Path;
        if (asked.StartsWithSegments("/api") || asked.StartsWithSegments("/push"))
        {
            return true;
        }

        foreach (var accepted in request.GetTypedHeaders().Accept)
        {
            var type = accepted.MediaType.Value;
            if (type is not null && (type.EndsWith("/json", StringComparison.OrdinalIgnoreCase) || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }
}
