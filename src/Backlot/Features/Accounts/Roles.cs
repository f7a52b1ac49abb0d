using System.Security.Claims;

namespace Backlot.Features.Accounts;

/// <summary>
/// The four roles, with WordPress's meaning. Each includes the ones below it: an Editor can do
/// all an Author can. Checked on the server in every handler, not only hidden in the UI.
/// </summary>
public static class Roles
{
    /// <summary>Writes drafts; cannot publish.</summary>
    public const string Contributor = "Contributor";

    /// <summary>Publishes their own articles.</summary>
    public const string Author = "Author";

    /// <summary>All articles, comments and media.</summary>
    public const string Editor = "Editor";

    /// <summary>Also users and site settings.</summary>
    public const string Administrator = "Administrator";

    /// <summary>Lowest first.</summary>
    public static readonly IReadOnlyList<string> All = [Contributor, Author, Editor, Administrator];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);

    /// <summary>The roles that include <paramref name="role"/>: for Author, Author, Editor and Administrator.</summary>
    public static string[] AtLeast(string role) => [.. All.SkipWhile(r => r != role)];

    public static bool HasAtLeast(this ClaimsPrincipal user, string role)
    {
        ArgumentNullException.ThrowIfNull(user);
        return AtLeast(role).Any(user.IsInRole);
    }
}

/// <summary>Authorization policy names: "at least this role".</summary>
public static class Policies
{
    public const string Staff = "staff";
    public const string Authors = "authors";
    public const string Editors = "editors";
    public const string Administrators = "administrators";
}
