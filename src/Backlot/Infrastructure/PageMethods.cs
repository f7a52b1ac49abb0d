using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;

namespace Backlot.Infrastructure;

/// <summary>
/// Razor Pages match every method and render a page whose handler found nothing to run (a TRACE to
/// an article rendered it without its data: a 500). Telling routing which methods each page's
/// handlers answer makes it answer 405 Method Not Allowed, with Allow, as it already does for
/// minimal APIs; even where a page's pattern competes with an endpoint's (/feed.json, /{category}).
/// </summary>
public static class PageMethods
{
    /// <summary>Adds the methods of each page's handlers to its endpoint (HEAD wherever GET is; GET and HEAD for a page without handlers).</summary>
    public static PageActionEndpointConventionBuilder AllowOnlyHandledMethods(this PageActionEndpointConventionBuilder pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        pages.Add(endpoint =>
        {
            if (endpoint.Metadata.OfType<PageActionDescriptor>().LastOrDefault() is not { } page)
            {
                return;
            }

            // Pages are compiled lazily, on first match; their handlers are known only once loaded.
            var compiled = page as CompiledPageActionDescriptor
                ?? endpoint.ApplicationServices.GetRequiredService<PageLoader>().LoadAsync(page, EndpointMetadataCollection.Empty).GetAwaiter().GetResult();
            endpoint.Metadata.Add(new HttpMethodMetadata(AllowedBy(compiled)));
        });
        return pages;
    }

    private static string[] AllowedBy(CompiledPageActionDescriptor page)
    {
        var methods = page.HandlerMethods.Select(h => h.HttpMethod.ToUpperInvariant()).ToHashSet();
        if (methods.Count == 0 || methods.Contains(HttpMethods.Get))
        {
            methods.Add(HttpMethods.Get);
            methods.Add(HttpMethods.Head);
        }

        return [.. methods.Order(StringComparer.Ordinal)];
    }
}
