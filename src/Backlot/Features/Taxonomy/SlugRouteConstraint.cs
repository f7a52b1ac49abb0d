using System.Globalization;

namespace Backlot.Features.Taxonomy;

/// <summary>
/// The route constraint <c>{name:slug}</c>: a URL segment that cannot be a slug (control characters,
/// odd Unicode, over-long) is a 404 at routing, before any query sees it.
/// </summary>
internal sealed class SlugRouteConstraint : IRouteConstraint
{
    public const string Name = "slug";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.TryGetValue(routeKey, out var value)
            && Convert.ToString(value, CultureInfo.InvariantCulture) is { } text
            && Slug.IsValid(text);
    }
}
