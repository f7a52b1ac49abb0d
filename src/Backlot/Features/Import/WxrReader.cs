using System.Globalization;
using System.Text;
using System.Xml;

namespace Backlot.Features.Import;

/// <summary>One object of a WordPress export, in file order.</summary>
public abstract record WxrEntry;

/// <summary>The exported site. <see cref="Version"/> is the declared WXR version, or the namespace's when none is declared.</summary>
public sealed record WxrSite(string Title, string Link, string BaseSiteUrl, string BaseBlogUrl, string Version) : WxrEntry
{
    /// <summary>The text of <c>wp:wxr_version</c> as written, or null when the file has none.</summary>
    public string? DeclaredVersion { get; init; }

    /// <summary>The version the WordPress namespace names ("1.2" for http://wordpress.org/export/1.2/).</summary>
    public string NamespaceVersion { get; init; } = "";
}

public sealed record WxrAuthor(string Login, string Email, string DisplayName) : WxrEntry;

public sealed record WxrCategory(string Slug, string Name, string ParentSlug, string Description) : WxrEntry;

public sealed record WxrTag(string Slug, string Name, string Description) : WxrEntry;

/// <summary>A category or tag an item is filed under (<c>domain</c> is "category" or "post_tag").</summary>
public sealed record WxrTerm(string Domain, string Slug, string Name);

public sealed record WxrComment(
    long Id, string Author, string AuthorEmail, string AuthorUrl, string AuthorIp, DateTime? DateGmt, DateTime? Date,
    string Content, string Approved, string Type, long Parent);

/// <summary>A post, page, attachment or any other post type.</summary>
public sealed record WxrItem : WxrEntry
{
    public string Title { get; init; } = "";
    public string Link { get; init; } = "";
    public string Creator { get; init; } = "";
    public string PostGuid { get; init; } = "";
    public string Content { get; init; } = "";
    public string Excerpt { get; init; } = "";
    public long PostId { get; init; }
    public DateTime? PostDate { get; init; }
    public DateTime? PostDateGmt { get; init; }
    public DateTime? PubDate { get; init; }
    public string PostName { get; init; } = "";
    public string Status { get; init; } = "";
    public long PostParent { get; init; }
    public string PostType { get; init; } = "";
    public bool IsSticky { get; init; }
    public string AttachmentUrl { get; init; } = "";
    public IReadOnlyList<WxrTerm> Terms { get; init; } = [];
    public IReadOnlyDictionary<string, string> Meta { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<WxrComment> Comments { get; init; } = [];

    /// <summary>The instant it was published, in UTC: the GMT date when WordPress kept one, else the local date read as UTC, else the RSS date.</summary>
    public DateTime? PublishedUtc => PostDateGmt ?? PubDate ?? PostDate;
}

/// <summary>Raised when a file is not a WordPress export, or not well-formed; the message names the file (and the line and column).</summary>
public sealed class WxrFormatException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Streams a WordPress eXtended RSS export (WXR 1.0, 1.1, 1.2) one entry at a time with
/// <see cref="XmlReader"/>: DTDs prohibited (no external entities, no entity expansion), no resolver,
/// a cap on the document and on any one field, so memory stays bounded whatever the file size.
/// </summary>
public sealed class WxrReader
{
    private const string ContentNamespace = "http://purl.org/rss/1.0/modules/content/";
    private const string DublinCoreNamespace = "http://purl.org/dc/elements/1.1/";

    private readonly string name;
    private readonly bool skipBodies;
    private readonly int maxFieldCharacters;
    private readonly long maxDocumentCharacters;

    /// <param name="name">The file's name, for messages.</param>
    /// <param name="skipBodies">Leave post bodies and comments out (still checked for well-formedness): for a pass that needs only the rest.</param>
    public WxrReader(string name, int maxFieldCharacters = 16 * 1024 * 1024, long maxDocumentCharacters = 4L * 1024 * 1024 * 1024, bool skipBodies = false)
    {
        this.name = name;
        this.skipBodies = skipBodies;
        this.maxFieldCharacters = maxFieldCharacters;
        this.maxDocumentCharacters = maxDocumentCharacters;
    }

    public static XmlReaderSettings Settings(long maxDocumentCharacters) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        MaxCharactersInDocument = maxDocumentCharacters,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
        Async = false,
    };

    /// <summary>Reads the entries; throws <see cref="WxrFormatException"/> at the first sign the file is not a well-formed WordPress export.</summary>
    public IEnumerable<WxrEntry> Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = XmlReader.Create(stream, Settings(maxDocumentCharacters));
        using var entries = Entries(reader).GetEnumerator();
        while (true)
        {
            WxrEntry entry;
            try
            {
                if (!entries.MoveNext())
                {
                    yield break;
                }

                entry = entries.Current;
            }
            catch (XmlException e)
            {
                throw new WxrFormatException($"{name} is not well-formed XML at line {e.LineNumber}, column {e.LinePosition}: {FirstSentence(e.Message)}", e);
            }

            yield return entry;
        }
    }

    private IEnumerable<WxrEntry> Entries(XmlReader reader)
    {
        if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "rss")
        {
            throw new WxrFormatException($"{name} is not a WordPress export (WXR): its root element is <{reader.LocalName}>, not <rss>.");
        }

        var wordPressNamespace = WordPressNamespaceOf(reader);
        if (wordPressNamespace is null)
        {
            throw new WxrFormatException($"{name} is not a WordPress export (WXR): it is RSS without the WordPress export namespace.");
        }

        foreach (var _ in Children(reader))
        {
            if (reader.LocalName != "channel")
            {
                reader.Skip();
                continue;
            }

            string title = "", link = "", baseSite = "", baseBlog = "", namespaceVersion = VersionOf(wordPressNamespace);
            string? declaredVersion = null;
            var siteSent = false;
            foreach (var __ in Children(reader))
            {
                var isWp = IsWordPress(reader.NamespaceURI);
                switch (reader.LocalName)
                {
                    case "title" when reader.NamespaceURI.Length == 0: title = Text(reader); break;
                    case "link" when reader.NamespaceURI.Length == 0: link = Text(reader); break;
                    case "wxr_version" when isWp: declaredVersion = Text(reader); break;
                    case "base_site_url" when isWp: baseSite = Text(reader); break;
                    case "base_blog_url" when isWp: baseBlog = Text(reader); break;
                    case "author" when isWp: yield return ReadAuthor(reader); break;
                    case "category" when isWp: yield return ReadCategory(reader); break;
                    case "tag" when isWp: yield return ReadTag(reader); break;
                    case "term" when isWp:
                        if (ReadTerm(reader) is { } term)
                        {
                            yield return term;
                        }

                        break;
                    case "item" when reader.NamespaceURI.Length == 0:
                        if (!siteSent)
                        {
                            siteSent = true;
                            yield return Site(title, link, baseSite, baseBlog, declaredVersion, namespaceVersion);
                        }

                        yield return ReadItem(reader);
                        break;
                    default: reader.Skip(); break;
                }
            }

            if (!siteSent)
            {
                yield return Site(title, link, baseSite, baseBlog, declaredVersion, namespaceVersion);
            }
        }
    }

    private static WxrSite Site(string title, string link, string baseSite, string baseBlog, string? declaredVersion, string namespaceVersion) =>
        new(title, link, baseSite, baseBlog, declaredVersion ?? namespaceVersion) { DeclaredVersion = declaredVersion, NamespaceVersion = namespaceVersion };

    private static string? WordPressNamespaceOf(XmlReader rss)
    {
        string? found = null;
        if (rss.MoveToFirstAttribute())
        {
            do
            {
                if (rss.Prefix == "xmlns" && IsWordPress(rss.Value) && !rss.Value.Contains("/excerpt", StringComparison.Ordinal))
                {
                    found = rss.Value;
                }
            }
            while (rss.MoveToNextAttribute());
            rss.MoveToElement();
        }

        return found;
    }

    private static bool IsWordPress(string ns) =>
        ns.Contains("wordpress.org/export/", StringComparison.OrdinalIgnoreCase) && !ns.Contains("/excerpt", StringComparison.OrdinalIgnoreCase);

    private static bool IsExcerpt(string ns) =>
        ns.Contains("wordpress.org/export/", StringComparison.OrdinalIgnoreCase) && ns.Contains("/excerpt", StringComparison.OrdinalIgnoreCase);

    private static string VersionOf(string ns)
    {
        var parts = ns.TrimEnd('/').Split('/');
        return parts[^1];
    }

    private WxrAuthor ReadAuthor(XmlReader reader)
    {
        string login = "", email = "", display = "";
        foreach (var _ in Children(reader))
        {
            switch (reader.LocalName)
            {
                case "author_login": login = Text(reader); break;
                case "author_email": email = Text(reader); break;
                case "author_display_name": display = Text(reader); break;
                default: reader.Skip(); break;
            }
        }

        return new WxrAuthor(login.Trim(), email.Trim(), string.IsNullOrWhiteSpace(display) ? login.Trim() : display.Trim());
    }

    private WxrCategory ReadCategory(XmlReader reader)
    {
        string slug = "", catName = "", parent = "", description = "";
        foreach (var _ in Children(reader))
        {
            switch (reader.LocalName)
            {
                case "category_nicename": slug = Text(reader); break;
                case "cat_name": catName = Text(reader); break;
                case "category_parent": parent = Text(reader); break;
                case "category_description": description = Text(reader); break;
                default: reader.Skip(); break;
            }
        }

        return new WxrCategory(slug.Trim(), catName.Trim(), parent.Trim(), description.Trim());
    }

    private WxrTag ReadTag(XmlReader reader)
    {
        string slug = "", tagName = "", description = "";
        foreach (var _ in Children(reader))
        {
            switch (reader.LocalName)
            {
                case "tag_slug": slug = Text(reader); break;
                case "tag_name": tagName = Text(reader); break;
                case "tag_description": description = Text(reader); break;
                default: reader.Skip(); break;
            }
        }

        return new WxrTag(slug.Trim(), tagName.Trim(), description.Trim());
    }

    /// <summary>WXR 1.2's generic terms: categories and tags come through as such; other taxonomies (menus, formats) are skipped.</summary>
    private WxrEntry? ReadTerm(XmlReader reader)
    {
        string taxonomy = "", slug = "", termName = "", parent = "", description = "";
        foreach (var _ in Children(reader))
        {
            switch (reader.LocalName)
            {
                case "term_taxonomy": taxonomy = Text(reader); break;
                case "term_slug": slug = Text(reader); break;
                case "term_name": termName = Text(reader); break;
                case "term_parent": parent = Text(reader); break;
                case "term_description": description = Text(reader); break;
                default: reader.Skip(); break;
            }
        }

        return taxonomy switch
        {
            "category" => new WxrCategory(slug.Trim(), termName.Trim(), parent.Trim(), description.Trim()),
            "post_tag" => new WxrTag(slug.Trim(), termName.Trim(), description.Trim()),
            _ => null,
        };
    }

    private WxrItem ReadItem(XmlReader reader)
    {
        var item = new WxrItem();
        var terms = new List<WxrTerm>();
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        var comments = new List<WxrComment>();
        foreach (var _ in Children(reader))
        {
            var ns = reader.NamespaceURI;
            var isWp = IsWordPress(ns);
            switch (reader.LocalName)
            {
                case "title" when ns.Length == 0: item = item with { Title = Text(reader) }; break;
                case "link" when ns.Length == 0: item = item with { Link = Text(reader).Trim() }; break;
                case "pubDate" when ns.Length == 0: item = item with { PubDate = RssDate(Text(reader)) }; break;
                case "guid" when ns.Length == 0: item = item with { PostGuid = Text(reader).Trim() }; break;
                case "creator" when ns == DublinCoreNamespace: item = item with { Creator = Text(reader).Trim() }; break;
                case "encoded" or "comment" when skipBodies && (ns == ContentNamespace || isWp): reader.Skip(); break;
                case "encoded" when ns == ContentNamespace: item = item with { Content = Text(reader) }; break;
                case "encoded" when IsExcerpt(ns): item = item with { Excerpt = Text(reader) }; break;
                case "category" when ns.Length == 0:
                    var domain = reader.GetAttribute("domain") ?? "category";
                    var nicename = reader.GetAttribute("nicename") ?? "";
                    var termName = Text(reader).Trim();
                    terms.Add(new WxrTerm(domain, nicename.Length > 0 ? nicename : termName, termName));
                    break;
                case "post_id" when isWp: item = item with { PostId = Number(Text(reader)) }; break;
                case "post_date" when isWp: item = item with { PostDate = WordPressDate(Text(reader)) }; break;
                case "post_date_gmt" when isWp: item = item with { PostDateGmt = WordPressDate(Text(reader)) }; break;
                case "post_name" when isWp: item = item with { PostName = Text(reader).Trim() }; break;
                case "status" when isWp: item = item with { Status = Text(reader).Trim() }; break;
                case "post_parent" when isWp: item = item with { PostParent = Number(Text(reader)) }; break;
                case "post_type" when isWp: item = item with { PostType = Text(reader).Trim() }; break;
                case "is_sticky" when isWp: item = item with { IsSticky = Text(reader).Trim() == "1" }; break;
                case "attachment_url" when isWp: item = item with { AttachmentUrl = Text(reader).Trim() }; break;
                case "postmeta" when isWp:
                    var (key, value) = ReadMeta(reader);
                    if (key.Length > 0)
                    {
                        meta[key] = value;
                    }

                    break;
                case "comment" when isWp: comments.Add(ReadComment(reader)); break;
                default: reader.Skip(); break;
            }
        }

        return item with { Terms = terms, Meta = meta, Comments = comments };
    }

    private (string Key, string Value) ReadMeta(XmlReader reader)
    {
        string key = "", value = "";
        foreach (var _ in Children(reader))
        {
            switch (reader.LocalName)
            {
                case "meta_key": key = Text(reader).Trim(); break;
                case "meta_value": value = Text(reader); break;
                default: reader.Skip(); break;
            }
        }

        return (key, value);
    }

    private WxrComment ReadComment(XmlReader reader)
    {
        long id = 0, parent = 0;
        string author = "", email = "", url = "", ip = "", content = "", approved = "", type = "";
        DateTime? date = null, dateGmt = null;
        foreach (var _ in Children(reader))
        {
            switch (reader.LocalName)
            {
                case "comment_id": id = Number(Text(reader)); break;
                case "comment_author": author = Text(reader).Trim(); break;
                case "comment_author_email": email = Text(reader).Trim(); break;
                case "comment_author_url": url = Text(reader).Trim(); break;
                case "comment_author_IP": ip = Text(reader).Trim(); break;
                case "comment_date": date = WordPressDate(Text(reader)); break;
                case "comment_date_gmt": dateGmt = WordPressDate(Text(reader)); break;
                case "comment_content": content = Text(reader); break;
                case "comment_approved": approved = Text(reader).Trim(); break;
                case "comment_type": type = Text(reader).Trim(); break;
                case "comment_parent": parent = Number(Text(reader)); break;
                default: reader.Skip(); break;
            }
        }

        return new WxrComment(id, author, email, url, ip, dateGmt, date, content, approved, type, parent);
    }

    /// <summary>
    /// Visits the child elements of the element the reader is on; the caller consumes each one
    /// (reads it or skips it). Leaves the reader after the parent's end tag.
    /// </summary>
    private static IEnumerable<bool> Children(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            yield break;
        }

        var depth = reader.Depth;
        reader.Read();
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth)
            {
                reader.Read();
                yield break;
            }

            if (reader.NodeType == XmlNodeType.Element && reader.Depth == depth + 1)
            {
                yield return true;
            }
            else
            {
                reader.Read();
            }
        }
    }

    /// <summary>The text of the element the reader is on, read in chunks so that one huge field is refused before it fills memory.</summary>
    private string Text(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return "";
        }

        var depth = reader.Depth;
        var text = new StringBuilder();
        var buffer = new char[8192];
        reader.Read();
        while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    int read;
                    while ((read = reader.ReadValueChunk(buffer, 0, buffer.Length)) > 0)
                    {
                        if (text.Length + read > maxFieldCharacters)
                        {
                            var info = (IXmlLineInfo)reader;
                            throw new WxrFormatException($"{name} has a field longer than {maxFieldCharacters:N0} characters at line {info.LineNumber}, column {info.LinePosition}.");
                        }

                        text.Append(buffer, 0, read);
                    }

                    reader.Read();
                    break;
                case XmlNodeType.Element:
                    reader.Skip();
                    break;
                default:
                    reader.Read();
                    break;
            }
        }

        reader.Read();
        return text.ToString();
    }

    private static long Number(string text) => long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;

    /// <summary>WordPress's "2024-06-05 16:04:48"; "0000-00-00 00:00:00" (never published) is null.</summary>
    internal static DateTime? WordPressDate(string text) =>
        DateTime.TryParseExact(text.Trim(), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date)
            && date.Year > 1
            ? DateTime.SpecifyKind(date, DateTimeKind.Utc)
            : null;

    /// <summary>RFC 822 dates as RSS writes them: "Wed, 05 Jun 2024 16:04:48 +0000".</summary>
    internal static DateTime? RssDate(string text) =>
        DateTimeOffset.TryParseExact(text.Trim(), ["ddd, dd MMM yyyy HH:mm:ss zzz", "ddd, d MMM yyyy HH:mm:ss zzz"], CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var date)
            || DateTimeOffset.TryParse(text.Trim().Replace(" +0000", " +00:00", StringComparison.Ordinal), CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out date)
            ? date.UtcDateTime
            : null;

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Line ", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).Trim();
    }
}
