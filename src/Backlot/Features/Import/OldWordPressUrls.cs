using System.Globalization;
using Backlot.Features.Articles;

namespace Backlot.Features.Import;

/// <summary>
/// The paths a WordPress post answered at, each to redirect to its new address: "?p=ID" (and
/// "?page_id=ID" for pages) at the site's root and in the folder WordPress was installed in, the
/// post's own permalink, and the dated and plain permalink forms, in the folder and at the root.
/// A site installed at https://example.com/blog has the folder "/blog".
/// </summary>
public static class OldWordPressUrls
{
    /// <summary>The folders a site lived in, from its base URLs and link: "/" first, then "/blog" and the like.</summary>
    public static IReadOnlyList<string> FoldersOf(WxrSite? site)
    {
        var folders = new List<string> { "/" };
        foreach (var url in site is null ? [] : (string[])[site.BaseBlogUrl, site.BaseSiteUrl, site.Link])
        {
            if (Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && Redirect.NormalizePath(Uri.UnescapeDataString(uri.AbsolutePath)) is var folder && !folders.Contains(folder))
            {
                folders.Add(folder);
            }
        }

        return folders;
    }

    /// <summary>The normalized old paths of one post or page (see <see cref="Redirect.NormalizePath"/> and <see cref="Redirect.WordPressIdPath"/>), without duplicates.</summary>
    public static IReadOnlyList<string> Of(WxrItem item, bool isPage, IReadOnlyList<string> folders)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(folders);
        var id = item.PostId.ToString(CultureInfo.InvariantCulture);
        var idPaths = new List<string>();
        var paths = new List<string>();
        var linkFolders = new List<string>(folders);
        if (Uri.TryCreate(item.Link, UriKind.Absolute, out var link))
        {
            var query = System.Web.HttpUtility.ParseQueryString(link.Query);
            if (query["p"] is null && query["page_id"] is null)
            {
                if (link.AbsolutePath.Length > 1)
                {
                    paths.Add(Redirect.NormalizePath(Uri.UnescapeDataString(link.AbsolutePath)));
                }
            }
            else if (Redirect.NormalizePath(Uri.UnescapeDataString(link.AbsolutePath)) is var linkFolder && !linkFolders.Contains(linkFolder))
            {
                linkFolders.Add(linkFolder); // a "?p=" permalink names the folder WordPress ran in
            }
        }

        foreach (var folder in linkFolders)
        {
            idPaths.Add(Redirect.WordPressIdPath(folder, isPage ? "page_id" : "p", id));
            if (isPage)
            {
                idPaths.Add(Redirect.WordPressIdPath(folder, "p", id)); // WordPress answers ?p= for pages too
            }
        }

        var slug = Uri.UnescapeDataString(item.PostName).Trim('/');
        if (slug.Length > 0 && !slug.Contains('/', StringComparison.Ordinal))
        {
            var forms = new List<string>();
            if (item.PublishedUtc is { } date && !isPage)
            {
                var local = item.PostDate ?? date;
                forms.Add(string.Create(CultureInfo.InvariantCulture, $"/{local:yyyy}/{local:MM}/{local:dd}/{slug}"));
                forms.Add(string.Create(CultureInfo.InvariantCulture, $"/{local:yyyy}/{local:MM}/{slug}"));
            }

            forms.Add("/" + slug);
            foreach (var folder in linkFolders)
            {
                paths.AddRange(forms.Select(form => Redirect.NormalizePath(folder == "/" ? form : folder + form)));
            }
        }

        return [.. idPaths.Concat(paths).Where(p => p != "/" && p.Length <= 1000).Distinct(StringComparer.Ordinal)];
    }
}
