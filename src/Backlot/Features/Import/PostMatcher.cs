namespace Backlot.Features.Import;

/// <summary>A post an earlier import made: the site it came from ("" when imported before sites were recorded), its WordPress id and GUID, and its article.</summary>
public sealed record ImportedPost(string Site, string PostId, string? PostGuid, int ArticleId);

/// <summary>
/// Finds the article an imported post became, so that importing the same export again updates it,
/// while a post from another site that happens to share its WordPress id becomes a new article.
/// A post is the same post when its GUID is the same; failing that, when the site and the post id
/// are the same. A record from before sites were recorded matches by post id only when it cannot be
/// told apart by GUID (one of the two has none).
/// </summary>
public sealed class PostMatcher
{
    private readonly Dictionary<string, int> byGuid = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Site, string PostId), int> bySiteAndId = [];
    private readonly Dictionary<string, ImportedPost> legacyById = new(StringComparer.Ordinal);

    public void Add(ImportedPost post)
    {
        ArgumentNullException.ThrowIfNull(post);
        if (!string.IsNullOrEmpty(post.PostGuid))
        {
            byGuid[post.PostGuid] = post.ArticleId;
        }

        if (post.Site.Length > 0)
        {
            bySiteAndId[(post.Site, post.PostId)] = post.ArticleId;
        }
        else
        {
            legacyById[post.PostId] = post;
        }
    }

    /// <summary>The article id of this post from an earlier import, or null for a new post.</summary>
    public int? Find(string site, string postId, string postGuid)
    {
        ArgumentNullException.ThrowIfNull(site);
        if (!string.IsNullOrEmpty(postGuid) && byGuid.TryGetValue(postGuid, out var sameGuid))
        {
            return sameGuid;
        }

        if (site.Length > 0 && bySiteAndId.TryGetValue((site, postId), out var sameSite))
        {
            return sameSite;
        }

        return legacyById.TryGetValue(postId, out var legacy) && (string.IsNullOrEmpty(legacy.PostGuid) || string.IsNullOrEmpty(postGuid)) ? legacy.ArticleId : null;
    }

    /// <summary>The key a site is recorded under: its address without scheme or trailing slash, lowercase ("example.com/blog").</summary>
    public static string SiteKeyOf(WxrSite site)
    {
        ArgumentNullException.ThrowIfNull(site);
        foreach (var url in (string[])[site.BaseBlogUrl, site.BaseSiteUrl, site.Link])
        {
            if (Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && uri.Host.Length > 0)
            {
                var key = (uri.Authority + uri.AbsolutePath).TrimEnd('/').ToLowerInvariant();
                return key.Length <= 300 ? key : key[..300];
            }
        }

        return "";
    }
}
