using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Backlot.Data;
using Backlot.Features.Articles;
using Backlot.Features.Authors;
using Backlot.Features.Comments;
using Backlot.Features.Media;
using Backlot.Features.Site;
using Backlot.Features.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Features.Import;

/// <summary>How to run an import.</summary>
public sealed record WordPressImportOptions
{
    /// <summary>A copy of the old site's wp-content/uploads; images are copied from it into the media library. Null: images stay external links.</summary>
    public string? MediaDirectory { get; init; }

    /// <summary>Reads and converts everything, then rolls back: the summary says what would happen.</summary>
    public bool DryRun { get; init; }

    public long MaxFileBytes { get; init; } = 4L * 1024 * 1024 * 1024;

    /// <summary>Posts saved per round trip; the change tracker is cleared after each, which keeps memory flat.</summary>
    public int BatchSize { get; init; } = 250;

    /// <summary>Imports a file whose WXR version is missing or invalid (refused otherwise, as WordPress does), read as the version its namespace names; the summary says so.</summary>
    public bool Force { get; init; }
}

/// <summary>Where an import is: <see cref="Stage"/> "Reading" (a first pass checks the whole file) or "Importing" (posts done of total).</summary>
public sealed record ImportProgress(string Stage, long Done, long Total);

/// <summary>What an import did (or, in a dry run, would do).</summary>
public sealed class ImportSummary
{
    public required string File { get; init; }
    public bool DryRun { get; init; }
    public string WxrVersion { get; set; } = "";

    /// <summary>The site the export came from, as import records name it ("example.com/blog").</summary>
    public string Site { get; set; } = "";

    public int Authors { get; set; }

    /// <summary>Posts and pages with no author in the export (an empty or absent dc:creator): they are attributed to <see cref="FallbackAuthor"/>.</summary>
    public int PostsWithoutAuthor { get; set; }

    /// <summary>The name of the author given to posts without one; null when every post had its author.</summary>
    public string? FallbackAuthor { get; set; }

    public int Categories { get; set; }
    public int Tags { get; set; }
    public int Posts { get; set; }
    public int Pages { get; set; }
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Listicles { get; set; }
    public int Comments { get; set; }
    public int Attachments { get; set; }
    public int MediaCopied { get; set; }
    public int Redirects { get; set; }
    public Dictionary<string, int> Skipped { get; } = new(StringComparer.Ordinal);
    public List<string> Warnings { get; } = [];
    public double Seconds { get; set; }
}

/// <summary>
/// Imports a WordPress export (WXR 1.0–1.2): authors, categories, tags, posts and pages, comments,
/// images, SEO fields and redirects from the old URLs. Streamed in two passes (the first checks the
/// whole file and gathers the small things, the second imports posts in batches), in one transaction:
/// a bad file imports nothing, and an import stopped halfway starts over cleanly. Importing the same
/// export again updates what the first import made. Used by `backlot import wordpress` and the admin.
/// </summary>
public sealed partial class WordPressImporter(
    BacklotDb db, MediaLibrary media, ImageProcessor images, IMediaStore store, PublicPageCache cache,
    Discovery.SearchIndexWriter search, Discovery.RelatedStories related, Comments.CommentHashes hashes, TimeProvider clock, ILogger<WordPressImporter> log)
{
    /// <summary>Imported WordPress pages live in this category: /pages/{slug}.</summary>
    public const string PagesCategorySlug = "pages";

    private const int MaxWarnings = 500;
    private readonly WordPressContent content = new();

    public async Task<ImportSummary> ImportAsync(string path, WordPressImportOptions options, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new WxrFormatException($"{path} does not exist.");
        }

        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return await ImportAsync(stream, path, options, progress, cancellationToken);
    }

    /// <summary>Imports from a stream; one that cannot seek (an upload) is first copied to a temporary file, as the import reads it twice.</summary>
    public async Task<ImportSummary> ImportAsync(Stream stream, string name, WordPressImportOptions options, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        if (!stream.CanSeek)
        {
            var temporary = Path.GetTempFileName();
            try
            {
                await using (var copy = File.Create(temporary))
                {
                    await CopyLimitedAsync(stream, copy, options.MaxFileBytes, name, cancellationToken);
                }

                return await ImportAsync(temporary, options, progress, cancellationToken);
            }
            finally
            {
                File.Delete(temporary);
            }
        }

        if (stream.Length > options.MaxFileBytes)
        {
            throw new WxrFormatException($"{name} is {stream.Length:N0} bytes; the limit is {options.MaxFileBytes:N0}.");
        }

        var started = Stopwatch.GetTimestamp();
        var summary = new ImportSummary { File = name, DryRun = options.DryRun };
        var run = new Run(summary, options, name);

        var origin = stream.Position;
        ReadFirstPass(stream, run, progress, cancellationToken);
        stream.Position = origin;

        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await hashes.PrepareAsync(cancellationToken); // its key may need writing, which must not wait behind the import's transaction
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await LoadKnownAsync(run, cancellationToken);
            await ImportAuthorsAsync(run, cancellationToken);
            await ImportCategoriesAsync(run, cancellationToken);
            await ImportTagsAsync(run, cancellationToken);
            await ImportAttachmentsAsync(run, cancellationToken);
            await ImportPostsAsync(stream, run, progress, cancellationToken);
            if (options.DryRun)
            {
                await transaction.RollbackAsync(cancellationToken);
            }
            else
            {
                await transaction.CommitAsync(cancellationToken);
            }
        });
        db.ChangeTracker.Clear();

        if (!options.DryRun)
        {
            // Imported articles bypass the editor (one batched transaction instead of a save each), so
            // the search index is rebuilt here; related stories of re-imported articles are dropped and
            // the site's background job (DiscoveryStartup) computes them again, a batch at a time.
            await search.RebuildAsync(cancellationToken);
            await related.ForgetComputedAsync(cancellationToken);
            await cache.EvictAllAsync(cancellationToken);
        }

        summary.Seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        log.LogInformation("Imported {File}: {Posts} posts, {Pages} pages, {Comments} comments in {Seconds:F1}s", name, summary.Posts, summary.Pages, summary.Comments, summary.Seconds);
        return summary;
    }

    /// <summary>Reads the whole file once: refuses a bad one before anything is written, and gathers authors, terms and attachments.</summary>
    private static void ReadFirstPass(Stream stream, Run run, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var reader = new WxrReader(run.Name, skipBodies: true);
        var sawSite = false;
        var lastReport = 0L;
        foreach (var entry in reader.Read(stream))
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (entry)
            {
                case WxrSite site:
                    sawSite = true;
                    run.Site = site;
                    run.SiteKey = PostMatcher.SiteKeyOf(site);
                    run.Folders = OldWordPressUrls.FoldersOf(site);
                    run.Summary.Site = run.SiteKey;
                    break;
                case WxrAuthor author when AuthorAttribution.LoginOf(author.Login) is { Length: > 0 } login:
                    if (run.CreatorsOnly.Remove(login) || !run.Authors.ContainsKey(login))
                    {
                        run.Authors[login] = author.DisplayName; // the declared author's name wins over a login seen first on a post
                    }

                    break;
                case WxrCategory category when category.Slug.Length > 0:
                    run.Categories.TryAdd(category.Slug, category);
                    break;
                case WxrTag tag when tag.Slug.Length > 0:
                    run.Tags.TryAdd(tag.Slug, tag.Name.Length > 0 ? tag.Name : tag.Slug);
                    break;
                case WxrItem item:
                    GatherFromItem(item, run);
                    break;
            }

            if (stream.Position - lastReport > 1 << 20)
            {
                lastReport = stream.Position;
                progress?.Report(new ImportProgress("Reading", stream.Position, stream.Length));
            }
        }

        if (!sawSite)
        {
            throw new WxrFormatException($"{run.Name} is not a WordPress export (WXR): it has no <channel>.");
        }

        var version = WxrVersionCheck.Check(run.Site!.DeclaredVersion, run.Site.NamespaceVersion);
        if (version.Problem is { } problem)
        {
            if (!run.Options.Force)
            {
                throw new WxrFormatException(
                    $"{run.Name} is refused: {problem}. WordPress refuses such a file too. To import it anyway, read as WXR {version.ReadAs}, use the command line's --force.");
            }

            run.Warn($"{problem}: read as WXR {version.ReadAs}, as --force asked");
        }

        if (version.Warning is { } warning)
        {
            run.Warn(warning);
        }

        run.Summary.WxrVersion = version.ReadAs;
        progress?.Report(new ImportProgress("Reading", stream.Length, stream.Length));
    }

    private static void GatherFromItem(WxrItem item, Run run)
    {
        switch (item.PostType)
        {
            case "post" or "page":
                run.PostsToImport++;
                if (AuthorAttribution.LoginOf(item.Creator) is { Length: > 0 } login)
                {
                    if (run.Authors.TryAdd(login, login))
                    {
                        run.CreatorsOnly.Add(login);
                    }
                }
                else
                {
                    run.PostsWithoutAuthor++;
                }

                foreach (var term in item.Terms)
                {
                    if (term.Domain == "category" && term.Slug.Length > 0)
                    {
                        run.Categories.TryAdd(term.Slug, new WxrCategory(term.Slug, term.Name, "", ""));
                    }
                    else if (term.Domain == "post_tag" && term.Slug.Length > 0)
                    {
                        run.Tags.TryAdd(term.Slug, term.Name.Length > 0 ? term.Name : term.Slug);
                    }
                }

                if (item.PostType == "page")
                {
                    run.HasPages = true;
                }
                else if (!item.Terms.Any(t => t.Domain == "category" && t.Slug.Length > 0))
                {
                    run.Categories.TryAdd("uncategorized", new WxrCategory("uncategorized", "Uncategorized", "", ""));
                }

                break;
            case "attachment":
                run.Attachments[item.PostId] = new Attachment(
                    item.PostId,
                    item.AttachmentUrl.Length > 0 ? item.AttachmentUrl : item.PostGuid,
                    item.Meta.GetValueOrDefault("_wp_attached_file", ""),
                    item.Meta.GetValueOrDefault("_wp_attachment_image_alt", item.Title),
                    PlainText(item.Excerpt));
                break;
            default:
                var kind = item.PostType.Length == 0 ? "(no type)" : item.PostType;
                run.Summary.Skipped[kind] = run.Summary.Skipped.GetValueOrDefault(kind) + 1;
                break;
        }
    }

    private async Task LoadKnownAsync(Run run, CancellationToken cancellationToken)
    {
        foreach (var record in await db.Set<ImportRecord>().AsNoTracking().ToListAsync(cancellationToken))
        {
            run.Known[(record.Kind, record.SourceSite, record.SourceKey)] = record.TargetId;
            if (record.Kind == ImportedKind.Post)
            {
                run.Posts.Add(new ImportedPost(record.SourceSite, record.SourceKey, record.SourceGuid, record.TargetId));
            }
        }

        var categorySlugs = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Slug, cancellationToken);
        foreach (var (id, slug) in categorySlugs)
        {
            run.CategorySlugs[id] = slug;
        }

        foreach (var article in await db.Articles.AsNoTracking().Select(a => new { a.Id, a.CategoryId, a.Slug }).ToListAsync(cancellationToken))
        {
            run.TakenSlugs(article.CategoryId).Add(article.Slug);
            run.LivePaths.Add(ArticleUrls.PathOf(categorySlugs.GetValueOrDefault(article.CategoryId, ""), article.Slug));
        }

        foreach (var redirect in await db.Redirects.AsNoTracking().Select(r => new { r.FromPath, r.ToPath }).ToListAsync(cancellationToken))
        {
            run.Redirects[redirect.FromPath] = redirect.ToPath;
        }
    }

    private async Task ImportAuthorsAsync(Run run, CancellationToken cancellationToken)
    {
        var existing = await db.Authors.AsTracking().ToDictionaryAsync(a => a.Slug, StringComparer.Ordinal, cancellationToken);
        var created = new List<(string Login, Author Author)>();
        foreach (var (login, displayName) in run.Authors)
        {
            if (TryKnown(run, ImportedKind.Author, login, out var id) && existing.Values.FirstOrDefault(a => a.Id == id) is { } known)
            {
                if (!run.CreatorsOnly.Contains(login))
                {
                    known.Name = Truncate(WebUtility.HtmlDecode(displayName), 200);
                }

                run.AuthorIds[login] = id;
                continue;
            }

            var slug = Slug.From(login) is { Length: > 0 } s ? s : "author";
            if (!existing.TryGetValue(slug, out var author))
            {
                author = new Author { Slug = slug, Name = Truncate(WebUtility.HtmlDecode(displayName), 200) };
                db.Authors.Add(author);
                existing[slug] = author;
            }

            created.Add((login, author));
        }

        // Posts without an author get one, created here with the others: an author added while
        // posts wait to be saved would flush them before it exists.
        Author? fallback = null;
        if (run.PostsWithoutAuthor > 0)
        {
            var slug = AuthorAttribution.FallbackSlug(run.Site?.Title ?? "");
            if (!existing.TryGetValue(slug, out fallback))
            {
                fallback = new Author { Slug = slug, Name = AuthorAttribution.FallbackName(run.Site?.Title ?? "") };
                db.Authors.Add(fallback);
                existing[slug] = fallback;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var (login, author) in created)
        {
            run.AuthorIds[login] = author.Id;
            Remember(run, ImportedKind.Author, login, author.Id);
        }

        await FlushRecordsAsync(run, cancellationToken);
        if (fallback is not null)
        {
            run.FallbackAuthorId = fallback.Id;
            run.Summary.FallbackAuthor = fallback.Name;
            run.Summary.PostsWithoutAuthor = run.PostsWithoutAuthor;
        }

        run.Summary.Authors = run.AuthorIds.Values.Concat(run.FallbackAuthorId is { } fallbackId ? [fallbackId] : []).Distinct().Count();
    }

    private async Task ImportCategoriesAsync(Run run, CancellationToken cancellationToken)
    {
        var existing = await db.Categories.AsTracking().ToDictionaryAsync(c => c.Slug, StringComparer.Ordinal, cancellationToken);
        var byId = existing.Values.ToDictionary(c => c.Id);
        var entities = new Dictionary<string, Category>(StringComparer.Ordinal);
        foreach (var (source, category) in run.Categories)
        {
            var name = Truncate(WebUtility.HtmlDecode(category.Name.Length > 0 ? category.Name : source), 200);
            if (TryKnown(run, ImportedKind.Category, source, out var id) && byId.TryGetValue(id, out var known))
            {
                known.Name = name;
                entities[source] = known;
                continue;
            }

            var slug = TermSlug(source, name, "category");
            if (!existing.TryGetValue(slug, out var entity))
            {
                entity = new Category { Slug = slug, Name = name, Description = Truncate(PlainText(category.Description), 2000) };
                db.Categories.Add(entity);
                existing[slug] = entity;
            }

            entities[source] = entity;
        }

        foreach (var (source, category) in run.Categories)
        {
            if (category.ParentSlug.Length > 0 && entities.TryGetValue(category.ParentSlug, out var parent) && parent != entities[source])
            {
                entities[source].Parent = parent;
            }
        }

        if (run.HasPages && !existing.TryGetValue(PagesCategorySlug, out run.PagesCategory))
        {
            run.PagesCategory = new Category { Slug = PagesCategorySlug, Name = "Pages", Description = "Pages brought over from WordPress." };
            db.Categories.Add(run.PagesCategory);
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var (source, entity) in entities)
        {
            run.CategoryIds[source] = (entity.Id, entity.Slug);
            run.CategorySlugs[entity.Id] = entity.Slug;
            Remember(run, ImportedKind.Category, source, entity.Id);
        }

        if (run.PagesCategory is { } pages)
        {
            run.CategorySlugs[pages.Id] = pages.Slug;
        }

        await FlushRecordsAsync(run, cancellationToken);
        // Two sources can share one category (slugs that clean up alike), and the pages live in one too: counted as the database holds them.
        run.Summary.Categories = entities.Values.Append(run.PagesCategory).OfType<Category>().Distinct().Count();
    }

    private async Task ImportTagsAsync(Run run, CancellationToken cancellationToken)
    {
        var existing = await db.Tags.AsTracking().ToDictionaryAsync(t => t.Slug, StringComparer.Ordinal, cancellationToken);
        var entities = new Dictionary<string, Tag>(StringComparer.Ordinal);
        foreach (var (source, rawName) in run.Tags)
        {
            var name = Truncate(WebUtility.HtmlDecode(rawName), 200);
            if (TryKnown(run, ImportedKind.Tag, source, out var id) && existing.Values.FirstOrDefault(t => t.Id == id) is { } known)
            {
                known.Name = name;
                entities[source] = known;
                continue;
            }

            var slug = TermSlug(source, name, "tag");
            if (!existing.TryGetValue(slug, out var entity))
            {
                entity = new Tag { Slug = slug, Name = name };
                db.Tags.Add(entity);
                existing[slug] = entity;
            }

            entities[source] = entity;
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var (source, entity) in entities)
        {
            run.TagIds[source] = entity.Id;
            Remember(run, ImportedKind.Tag, source, entity.Id);
        }

        await FlushRecordsAsync(run, cancellationToken);
        run.Summary.Tags = entities.Values.Distinct().Count();
    }

    /// <summary>Copies images from the media folder into the library (once: a re-import reuses them); without a folder they stay external links.</summary>
    private async Task ImportAttachmentsAsync(Run run, CancellationToken cancellationToken)
    {
        run.Summary.Attachments = run.Attachments.Count;
        var folder = run.Options.MediaDirectory is { Length: > 0 } dir ? Path.GetFullPath(dir) : null;
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new WxrFormatException($"The media folder {folder} does not exist.");
        }

        var known = await db.Media.AsNoTracking().Select(m => new { m.Id, m.StorageKey, m.OriginalFormat, m.Width, m.Height, m.VariantWidths }).ToDictionaryAsync(m => m.Id, cancellationToken);
        foreach (var attachment in run.Attachments.Values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var key = attachment.PostId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (TryKnown(run, ImportedKind.Attachment, key, out var mediaId, includeUnknownSite: false) && known.TryGetValue(mediaId, out var asset))
            {
                run.AddMedia(attachment, new LocalImage(asset.Id, asset.StorageKey, asset.Width, asset.Height, asset.VariantWidths));
                continue;
            }

            if (folder is null)
            {
                continue;
            }

            var relative = attachment.AttachedFile.Length > 0 ? attachment.AttachedFile : UploadsPath(attachment.Url);
            var file = relative is null ? null : Path.GetFullPath(Path.Combine(folder, relative.TrimStart('/')));
            if (file is null || !file.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(file))
            {
                run.Warn($"attachment {attachment.PostId} ({attachment.Url}): not found in {folder}; left as an external link");
                continue;
            }

            if (run.Options.DryRun)
            {
                run.Summary.MediaCopied++;
                continue;
            }

            try
            {
                var bytes = await File.ReadAllBytesAsync(file, cancellationToken);
                var processed = images.Process(bytes);
                var added = await media.AddAsync(processed, bytes.LongLength, Truncate(attachment.Alt, 1000), Truncate(attachment.Caption, 2000), "", cancellationToken);
                run.AddMedia(attachment, new LocalImage(added.Id, added.StorageKey, added.Width, added.Height, added.VariantWidths));
                Remember(run, ImportedKind.Attachment, key, added.Id);
                run.Summary.MediaCopied++;
            }
            catch (ImageRejectedException e)
            {
                run.Warn($"attachment {attachment.PostId} ({Path.GetFileName(file)}): {e.Message} Left as an external link.");
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await FlushRecordsAsync(run, cancellationToken);
        db.ChangeTracker.Clear();
    }

    private async Task ImportPostsAsync(Stream stream, Run run, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var batch = new List<PendingPost>(run.Options.BatchSize);
        var done = 0;
        foreach (var entry in new WxrReader(run.Name).Read(stream))
        {
            if (entry is not WxrItem { PostType: "post" or "page" } item)
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            batch.Add(await StageAsync(item, run, cancellationToken));
            done++;
            if (batch.Count >= run.Options.BatchSize)
            {
                await SaveBatchAsync(batch, run, cancellationToken);
                progress?.Report(new ImportProgress("Importing", done, run.PostsToImport));
            }
        }

        await SaveBatchAsync(batch, run, cancellationToken);
        progress?.Report(new ImportProgress("Importing", done, run.PostsToImport));
    }

    /// <summary>Builds (or updates) the article for one post, with its items, tags, comments and redirects, ready to save with its batch.</summary>
    private async Task<PendingPost> StageAsync(WxrItem item, Run run, CancellationToken cancellationToken)
    {
        var postKey = item.PostId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var isPage = item.PostType == "page";
        if (isPage)
        {
            run.Summary.Pages++;
        }
        else
        {
            run.Summary.Posts++;
        }

        Article? article = null;
        if (run.Posts.Find(run.SiteKey, postKey, item.PostGuid) is { } articleId)
        {
            article = await db.Articles.AsTracking().Include(a => a.Items).Include(a => a.Tags).FirstOrDefaultAsync(a => a.Id == articleId, cancellationToken);
            foreach (var tag in article?.Tags ?? [])
            {
                run.TrackedTags[tag.Id] = tag;
            }

            if (article is not null && run.CategorySlugs.TryGetValue(article.CategoryId, out var oldCategory))
            {
                run.PreviousPaths.Add(ArticleUrls.PathOf(oldCategory, article.Slug)); // its old address's redirects may follow it
            }
        }

        var (categoryId, categorySlug) = isPage ? (run.PagesCategory!.Id, run.PagesCategory.Slug) : CategoryOf(item, run);
        var title = Truncate(InlineMarkup.ToText(item.Title), 300);
        if (title.Length == 0)
        {
            title = $"Untitled {item.PostType} {item.PostId}";
        }

        var wordPressSlug = Uri.UnescapeDataString(item.PostName);
        var taken = run.TakenSlugs(categoryId);
        if (article is not null && article.CategoryId == categoryId)
        {
            taken.Remove(article.Slug);
        }

        var slug = Slug.From(wordPressSlug) is { Length: > 0 } fromName ? fromName : Slug.From(title);
        slug = Slug.MakeUnique(slug.Length > 0 ? slug : $"post-{item.PostId}", taken.Contains);
        taken.Add(slug);

        var now = clock.GetUtcNow().UtcDateTime;
        var isNew = article is null;
        article ??= new Article { Slug = slug, Title = title, CreatedAt = item.PublishedUtc ?? now };
        if (isNew)
        {
            db.Articles.Add(article);
            run.Summary.Created++;
        }
        else
        {
            run.Summary.Updated++;
        }

        article.Slug = slug;
        article.Title = title;
        article.Dek = Truncate(PlainText(item.Excerpt), 1000);
        article.Status = StatusOf(item, now);
        article.PublishedAt = article.Status is ArticleStatus.Published or ArticleStatus.Scheduled or ArticleStatus.Archived ? item.PublishedUtc ?? now : null;
        article.UpdatedAt = now;
        article.RevisionNumber = Math.Max(article.RevisionNumber, 1);
        article.AuthorId = run.AuthorIds.TryGetValue(AuthorAttribution.LoginOf(item.Creator), out var authorId) ? authorId
            : run.FallbackAuthorId ?? throw new InvalidOperationException($"Post {item.PostId} has no author, and the first pass found none missing.");
        article.CategoryId = categoryId;
        article.NotifySubscribers = false;
        article.HeroMediaId = item.Meta.TryGetValue("_thumbnail_id", out var thumbnail) && long.TryParse(thumbnail, out var thumbnailId) && run.MediaById.TryGetValue(thumbnailId, out var hero) ? hero.Id : null;
        (article.SeoTitle, article.SeoDescription) = SeoOf(item, title, run.Site?.Title ?? "");

        var shortcodes = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        var body = content.ToSafeBody(item.Content, shortcodes);
        foreach (var shortcode in shortcodes)
        {
            run.Warn($"post {item.PostId} \"{title}\": shortcode [{shortcode}] kept as text");
        }

        var localImages = UseLocalImages(body, run);
        var listicle = ListicleRecognizer.Recognize(body);
        db.ListItems.RemoveRange(article.Items);
        if (listicle is null)
        {
            article.Kind = ArticleKind.Story;
            article.Body = article.BodyHtml = WordPressContent.Compact(body.InnerHtml);
            article.Items = [];
        }
        else
        {
            run.Summary.Listicles++;
            article.Kind = ArticleKind.Listicle;
            article.Body = article.BodyHtml = WordPressContent.Compact(listicle.IntroHtml);
            article.Items = [.. listicle.Items.Select((recognized, index) => ToListItem(recognized, index + 1, localImages))];
            var introText = content.ToPlainText(listicle.IntroHtml);
            foreach (var warning in ListicleCountCheck.Warnings(title, introText, listicle.Items.Count))
            {
                run.Warn($"post {item.PostId} \"{title}\": {warning}");
            }
        }

        var tagIds = item.Terms.Where(t => t.Domain == "post_tag").Select(t => run.TagIds.GetValueOrDefault(t.Slug)).Where(id => id != 0).Distinct().ToList();
        if (!isNew)
        {
            article.Tags.Clear();
            article.Tags.AddRange(tagIds.Select(id => TagStub(id, run)));
        }

        var comments = await StageCommentsAsync(item, postKey, article, isNew, run, cancellationToken);
        var newPath = ArticleUrls.PathOf(categorySlug, slug);
        run.LivePaths.Add(newPath);
        StageRedirects(item, isPage, newPath, run);
        return new PendingPost(postKey, item.PostGuid, item.IsSticky, isNew, article, comments, isNew ? tagIds : []);
    }

    private async Task<List<(string Key, Comment Comment, bool IsNew)>> StageCommentsAsync(WxrItem item, string postKey, Article article, bool isNew, Run run, CancellationToken cancellationToken)
    {
        var staged = new List<(string Key, Comment Comment, bool IsNew)>();
        if (item.Comments.Count == 0)
        {
            return staged;
        }

        var existing = isNew ? [] : await db.Set<Comment>().AsTracking().Where(c => c.ArticleId == article.Id).ToDictionaryAsync(c => c.Id, cancellationToken);
        var bySourceId = new Dictionary<long, Comment>();
        foreach (var source in item.Comments)
        {
            var key = $"{postKey}:{source.Id}";
            var known = TryKnown(run, ImportedKind.Comment, key, out var commentId) && existing.TryGetValue(commentId, out var found) ? found : null; // only this article's comments: a record from another site cannot match
            var comment = known ?? new Comment { AuthorName = "", Body = "", Article = article };
            comment.AuthorName = Truncate(source.Author.Length > 0 ? WebUtility.HtmlDecode(source.Author) : "Anonymous", 200);
            comment.AuthorEmail = Truncate(Comments.CommentRules.NormalizeEmail(source.AuthorEmail), 320);
            comment.AuthorWebsite = Uri.TryCreate(source.AuthorUrl, UriKind.Absolute, out var website) && website.Scheme is "http" or "https" ? Truncate(source.AuthorUrl, 1000) : "";
            comment.Body = content.ToPlainText(source.Content);
            comment.Status = source.Approved switch
            {
                "1" or "approve" => CommentStatus.Approved,
                "spam" => CommentStatus.Spam,
                "trash" or "post-trashed" => CommentStatus.Trash,
                _ => CommentStatus.Pending,
            };
            comment.IpHash = await hashes.OfAddressAsync(source.AuthorIp, cancellationToken);
            comment.CreatedAt = source.DateGmt ?? source.Date ?? article.PublishedAt ?? article.CreatedAt;
            comment.ApprovedAt = comment.Status == CommentStatus.Approved ? Comments.CommentEventMarker.Truncate(comment.CreatedAt) : null;
            if (known is null)
            {
                db.Set<Comment>().Add(comment);
            }

            bySourceId[source.Id] = comment;
            staged.Add((key, comment, known is null));
            run.Summary.Comments++;
        }

        foreach (var source in item.Comments)
        {
            bySourceId[source.Id].Parent = source.Parent != 0 && bySourceId.TryGetValue(source.Parent, out var parent) && parent != bySourceId[source.Id] ? parent : null;
        }

        return staged;
    }

    /// <summary>301s from the URLs WordPress used (<see cref="OldWordPressUrls"/>); within one import, the first post to claim a path keeps it.</summary>
    private static void StageRedirects(WxrItem item, bool isPage, string newPath, Run run)
    {
        var target = Redirect.NormalizePath(newPath);
        foreach (var path in OldWordPressUrls.Of(item, isPage, run.Folders))
        {
            if (path == target || !run.RedirectsThisRun.Add(path))
            {
                continue;
            }

            run.StagedRedirects.Add((path, newPath));
        }
    }

    private async Task SaveBatchAsync(List<PendingPost> batch, Run run, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await InsertArticleTagsAsync([.. batch.SelectMany(p => p.NewTagIds.Select(tagId => (p.Article.Id, tagId)))], cancellationToken);

        var newRedirects = new List<Redirect>();
        foreach (var (from, to) in run.StagedRedirects)
        {
            if (!run.Redirects.TryGetValue(from, out var existing))
            {
                newRedirects.Add(new Redirect { FromPath = from, ToPath = to, CreatedAt = now });
                run.Redirects[from] = to;
                run.Summary.Redirects++;
            }
            else if (existing != to && (run.PreviousPaths.Contains(existing) || !run.LivePaths.Contains(existing)))
            {
                // The path led to this post's old address, or to none left: it follows the post.
                await db.Redirects.Where(r => r.FromPath == from).ExecuteUpdateAsync(r => r.SetProperty(x => x.ToPath, to), cancellationToken);
                run.Redirects[from] = to;
            }
            else if (existing != to)
            {
                run.Warn($"old address {from} already leads to {existing}, another article; it keeps leading there, not to {to}");
            }
        }

        run.StagedRedirects.Clear();
        await BulkInsertAsync(newRedirects, [nameof(Redirect.FromPath), nameof(Redirect.ToPath), nameof(Redirect.CreatedAt)], r => [r.FromPath, r.ToPath, r.CreatedAt], cancellationToken);
        foreach (var post in batch)
        {
            if (post.IsNew)
            {
                Remember(run, ImportedKind.Post, post.Key, post.Article.Id, post.PostGuid, post.Sticky);
                run.Posts.Add(new ImportedPost(run.SiteKey, post.Key, post.PostGuid, post.Article.Id));
            }

            foreach (var (key, comment, isNew) in post.Comments)
            {
                if (isNew)
                {
                    Remember(run, ImportedKind.Comment, key, comment.Id);
                }
            }
        }

        await FlushRecordsAsync(run, cancellationToken);
        db.ChangeTracker.Clear();
        run.TrackedTags.Clear();
        batch.Clear();
    }

    /// <summary>The tags of new articles, written as join rows: through the change tracker they were most of the import's time.</summary>
    private Task InsertArticleTagsAsync(IReadOnlyList<(int ArticleId, int TagId)> rows, CancellationToken cancellationToken)
    {
        var join = db.Model.FindEntityType("ArticleTags")!;
        var toArticle = join.GetForeignKeys().Single(k => k.PrincipalEntityType.ClrType == typeof(Article)).Properties[0].Name;
        var toTag = join.GetForeignKeys().Single(k => k.PrincipalEntityType.ClrType == typeof(Tag)).Properties[0].Name;
        return BulkInsertAsync(join, rows, [toArticle, toTag], r => [r.ArticleId, r.TagId], cancellationToken);
    }

    private async Task FlushRecordsAsync(Run run, CancellationToken cancellationToken)
    {
        var records = run.PendingRecords.ToList();
        run.PendingRecords.Clear();
        foreach (var (kind, site, key) in run.ReplacedRecords)
        {
            await db.Set<ImportRecord>().Where(r => r.Kind == kind && r.SourceSite == site && r.SourceKey == key).ExecuteDeleteAsync(cancellationToken);
        }

        run.ReplacedRecords.Clear();
        await BulkInsertAsync(
            records,
            [nameof(ImportRecord.Kind), nameof(ImportRecord.SourceSite), nameof(ImportRecord.SourceKey), nameof(ImportRecord.SourceGuid), nameof(ImportRecord.TargetId), nameof(ImportRecord.WasSticky), nameof(ImportRecord.ImportedAt)],
            r => [(int)r.Kind, r.SourceSite, r.SourceKey, r.SourceGuid, r.TargetId, r.WasSticky, r.ImportedAt],
            cancellationToken);
    }

    /// <summary>
    /// Multi-row INSERTs inside the import's transaction, for the rows nobody reads back by id
    /// (redirects, import records): the change tracker would cost more than the database. Table and
    /// column names come from the EF model; every value is a parameter.
    /// </summary>
    private Task BulkInsertAsync<T>(IReadOnlyList<T> rows, string[] properties, Func<T, object?[]> values, CancellationToken cancellationToken)
        where T : class => BulkInsertAsync(db.Model.FindEntityType(typeof(T))!, rows, properties, values, cancellationToken);

    private async Task BulkInsertAsync<T>(Microsoft.EntityFrameworkCore.Metadata.IEntityType entity, IReadOnlyList<T> rows, string[] properties, Func<T, object?[]> values, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var table = entity.GetTableName()!;
        var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table, entity.GetSchema());
        var columns = string.Join(", ", properties.Select(p => $"\"{entity.FindProperty(p)!.GetColumnName(store)}\""));
        var connection = db.Database.GetDbConnection();
        var transaction = Microsoft.EntityFrameworkCore.Storage.DbContextTransactionExtensions.GetDbTransaction(db.Database.CurrentTransaction!);
        const int rowsPerStatement = 200;
        for (var offset = 0; offset < rows.Count; offset += rowsPerStatement)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var sql = new StringBuilder($"INSERT INTO \"{table}\" ({columns}) VALUES ");
            for (var i = offset; i < Math.Min(rows.Count, offset + rowsPerStatement); i++)
            {
                sql.Append(i == offset ? "(" : ", (");
                var rowValues = values(rows[i]);
                for (var j = 0; j < rowValues.Length; j++)
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = $"@p{i - offset}_{j}";
                    parameter.Value = rowValues[j] ?? DBNull.Value;
                    command.Parameters.Add(parameter);
                    sql.Append(j == 0 ? "" : ", ").Append(parameter.ParameterName);
                }

                sql.Append(')');
            }

#pragma warning disable CA2100 // identifiers come from the EF model; every value is a parameter
            command.CommandText = sql.ToString();
#pragma warning restore CA2100
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>The row an object of this site became in an earlier import; optionally also one recorded before sites were (its site unknown).</summary>
    private static bool TryKnown(Run run, ImportedKind kind, string key, out int targetId, bool includeUnknownSite = true) =>
        run.Known.TryGetValue((kind, run.SiteKey, Truncate(key, 300)), out targetId)
        || (includeUnknownSite && run.SiteKey.Length > 0 && run.Known.TryGetValue((kind, "", Truncate(key, 300)), out targetId));

    private void Remember(Run run, ImportedKind kind, string key, int targetId, string? guid = null, bool sticky = false)
    {
        key = Truncate(key, 300);
        if (run.Known.TryGetValue((kind, run.SiteKey, key), out var known))
        {
            if (known == targetId)
            {
                return;
            }

            run.ReplacedRecords.Add((kind, run.SiteKey, key)); // its row was deleted since the last import
        }

        run.Known[(kind, run.SiteKey, key)] = targetId;
        run.PendingRecords.Add(new ImportRecord
        {
            Kind = kind,
            SourceSite = run.SiteKey,
            SourceKey = key,
            SourceGuid = guid is { Length: > 0 } ? Truncate(guid, 1000) : null,
            TargetId = targetId,
            WasSticky = sticky,
            ImportedAt = clock.GetUtcNow().UtcDateTime,
        });
    }

    /// <summary>The tracked tag with this id: one instance per batch (DbSet.Local would scan the whole tracker on every call).</summary>
    private Tag TagStub(int id, Run run)
    {
        if (run.TrackedTags.TryGetValue(id, out var tracked))
        {
            return tracked;
        }

        var stub = new Tag { Id = id, Slug = "", Name = "" };
        db.Tags.Attach(stub);
        run.TrackedTags[id] = stub;
        return stub;
    }

    private static ListItem ToListItem(RecognizedItem recognized, int position, Dictionary<IElement, int> localImages)
    {
        var mediaId = recognized.Image is { } image && localImages.TryGetValue(image, out var id) ? id : (int?)null;
        var body = WordPressContent.Compact(recognized.BodyHtml);
        if (mediaId is null && recognized.Image is { } external)
        {
            var figure = recognized.Caption.Length > 0 ? $"<figure>{external.OuterHtml}<figcaption>{WebUtility.HtmlEncode(recognized.Caption)}</figcaption></figure>" : $"<p>{external.OuterHtml}</p>";
            body = figure + "\n" + body;
        }

        return new ListItem
        {
            Position = position,
            Heading = Truncate(recognized.Heading, 300),
            MediaId = mediaId,
            Caption = Truncate(recognized.Caption, 2000),
            Body = body,
            BodyHtml = body,
        };
    }

    /// <summary>Points images the library now holds at their local copies; the rest stay as they were (external links).</summary>
    private Dictionary<IElement, int> UseLocalImages(IElement body, Run run)
    {
        var local = new Dictionary<IElement, int>();
        if (run.MediaByUrl.Count == 0)
        {
            return local;
        }

        foreach (var image in body.QuerySelectorAll("img"))
        {
            var found = image.GetAttribute("src") is { } src && run.MediaByUrl.TryGetValue(NormalizeMediaUrl(src), out var byUrl) ? byUrl
                : WpImageClass().Match(image.ClassName ?? "") is { Success: true } match && long.TryParse(match.Groups[1].Value, out var attachmentId) && run.MediaById.TryGetValue(attachmentId, out var byId) ? byId
                : null;
            if (found is null || found.VariantWidths.Count == 0)
            {
                continue;
            }

            var width = found.VariantWidths.Where(w => w <= 960).DefaultIfEmpty(found.VariantWidths.Min()).Max();
            image.SetAttribute("src", store.UrlOf(found.Key, $"{width}.jpg"));
            image.SetAttribute("srcset", string.Join(", ", found.VariantWidths.Select(w => $"{store.UrlOf(found.Key, $"{w}.jpg")} {w}w")));
            image.SetAttribute("width", width.ToString(System.Globalization.CultureInfo.InvariantCulture));
            image.SetAttribute("height", (found.Width == 0 ? 0 : (int)Math.Round((double)found.Height * width / found.Width)).ToString(System.Globalization.CultureInfo.InvariantCulture));
            image.SetAttribute("loading", "lazy");
            image.RemoveAttribute("sizes");
            local[image] = found.Id;
        }

        return local;
    }

    private static (int Id, string Slug) CategoryOf(WxrItem item, Run run)
    {
        var categories = item.Terms.Where(t => t.Domain == "category").Select(t => t.Slug).ToList();
        foreach (var slug in categories)
        {
            if (run.CategoryIds.TryGetValue(slug, out var category))
            {
                return category;
            }
        }

        if (!run.CategoryIds.TryGetValue("uncategorized", out var uncategorized))
        {
            throw new InvalidOperationException("Posts without a category need the \"uncategorized\" category, which the first pass adds.");
        }

        return uncategorized;
    }

    private static ArticleStatus StatusOf(WxrItem item, DateTime now) => item.Status switch
    {
        "publish" when item.PublishedUtc > now => ArticleStatus.Scheduled,
        "publish" => ArticleStatus.Published,
        "future" => ArticleStatus.Scheduled,
        "trash" or "private" => ArticleStatus.Archived, // kept, and hidden from readers as they were
        _ => ArticleStatus.Draft, // draft, pending, auto-draft
    };

    /// <summary>SEO fields from Yoast, Rank Math or All in One SEO; titles that are only templates ("%%title%% %%sep%% %%sitename%%") are filled in or dropped.</summary>
    internal static (string? Title, string? Description) SeoOf(WxrItem item, string title, string siteTitle)
    {
        string? Pick(params string[] keys) => keys.Select(k => item.Meta.GetValueOrDefault(k)).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        var seoTitle = Pick("_yoast_wpseo_title", "rank_math_title", "_aioseo_title", "_aioseop_title");
        var seoDescription = Pick("_yoast_wpseo_metadesc", "rank_math_description", "_aioseo_description", "_aioseop_description");
        return (Template(seoTitle, title, siteTitle, 300), Template(seoDescription, title, siteTitle, 1000));
    }

    private static string? Template(string? value, string title, string siteTitle, int max)
    {
        if (value is null)
        {
            return null;
        }

        var filled = SeoVariable().Replace(value, m => m.Groups["name"].Value.ToLowerInvariant() switch
        {
            "title" or "post_title" => title,
            "sitename" or "site_title" => siteTitle,
            "sep" or "separator_sa" => "–",
            _ => m.Value,
        });
        filled = PlainText(filled);
        return filled.Contains('%', StringComparison.Ordinal) || filled.Length == 0 ? null : Truncate(filled, max);
    }

    private static string TermSlug(string source, string name, string fallback)
    {
        var slug = Slug.From(Uri.UnescapeDataString(source));
        if (slug.Length == 0)
        {
            slug = Slug.From(name);
        }

        if (slug.Length == 0)
        {
            slug = fallback;
        }

        return Slug.Reserved.Contains(slug) ? Slug.From("wp-" + slug) : slug;
    }

    private static string? UploadsPath(string url)
    {
        var at = url.IndexOf("/wp-content/uploads/", StringComparison.OrdinalIgnoreCase);
        return at < 0 ? null : Uri.UnescapeDataString(url[(at + "/wp-content/uploads/".Length)..].Split('?')[0]);
    }

    /// <summary>A media URL without scheme, query and WordPress's size suffix ("-300x200"), so any size of an image finds the original.</summary>
    internal static string NormalizeMediaUrl(string url)
    {
        var withoutQuery = url.Split('?', '#')[0];
        var withoutScheme = SchemePrefix().Replace(withoutQuery, "");
        return SizeSuffix().Replace(withoutScheme, "$1").ToLowerInvariant();
    }

    internal static string PlainText(string html) => InlineMarkup.ToText(html);

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];

    private static async Task CopyLimitedAsync(Stream from, Stream to, long limit, string name, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await from.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > limit)
            {
                throw new WxrFormatException($"{name} is larger than the limit of {limit:N0} bytes.");
            }

            await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
    }

    [GeneratedRegex(@"%%?(?<name>[a-z_]+)%%?", RegexOptions.IgnoreCase)]
    private static partial Regex SeoVariable();

    [GeneratedRegex(@"wp-image-(\d+)")]
    private static partial Regex WpImageClass();

    [GeneratedRegex(@"^(https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex SchemePrefix();

    [GeneratedRegex(@"-\d+x\d+(\.[a-z0-9]+)$", RegexOptions.IgnoreCase)]
    private static partial Regex SizeSuffix();

    private sealed record Attachment(long PostId, string Url, string AttachedFile, string Alt, string Caption);

    private sealed record LocalImage(int Id, string Key, int Width, int Height, List<int> VariantWidths);

    private sealed record PendingPost(string Key, string PostGuid, bool Sticky, bool IsNew, Article Article, List<(string Key, Comment Comment, bool IsNew)> Comments, List<int> NewTagIds);

    /// <summary>The state of one import: what the first pass found and what the database already holds.</summary>
    private sealed class Run(ImportSummary summary, WordPressImportOptions options, string name)
    {
        private readonly Dictionary<int, HashSet<string>> slugs = [];

        public ImportSummary Summary { get; } = summary;
        public WordPressImportOptions Options { get; } = options;
        public string Name { get; } = name;
        public WxrSite? Site { get; set; }
        public int PostsToImport { get; set; }
        public bool HasPages { get; set; }
        public Category? PagesCategory;
        public int? FallbackAuthorId { get; set; }
        public int PostsWithoutAuthor { get; set; }
        public string SiteKey { get; set; } = "";
        public IReadOnlyList<string> Folders { get; set; } = ["/"];
        public Dictionary<string, string> Authors { get; } = new(StringComparer.Ordinal);

        /// <summary>Logins seen only as a post's creator so far: named after the login until a declared author names them.</summary>
        public HashSet<string> CreatorsOnly { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, WxrCategory> Categories { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);
        public Dictionary<long, Attachment> Attachments { get; } = [];
        public Dictionary<(ImportedKind Kind, string Site, string Key), int> Known { get; } = [];
        public PostMatcher Posts { get; } = new();
        public Dictionary<int, string> CategorySlugs { get; } = [];

        /// <summary>Addresses of the site's articles, and of those this import makes: a redirect that leads to none of them leads nowhere.</summary>
        public HashSet<string> LivePaths { get; } = new(StringComparer.Ordinal);

        /// <summary>Addresses the articles this import updates had before it: redirects to them follow the article.</summary>
        public HashSet<string> PreviousPaths { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, int> AuthorIds { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, (int Id, string Slug)> CategoryIds { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, int> TagIds { get; } = new(StringComparer.Ordinal);
        public Dictionary<long, LocalImage> MediaById { get; } = [];
        public Dictionary<string, LocalImage> MediaByUrl { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, string> Redirects { get; } = new(StringComparer.Ordinal);
        public List<ImportRecord> PendingRecords { get; } = [];
        public HashSet<(ImportedKind, string, string)> ReplacedRecords { get; } = [];
        public HashSet<string> RedirectsThisRun { get; } = new(StringComparer.Ordinal);
        public List<(string From, string To)> StagedRedirects { get; } = [];
        public Dictionary<int, Tag> TrackedTags { get; } = [];

        public HashSet<string> TakenSlugs(int categoryId)
        {
            if (!slugs.TryGetValue(categoryId, out var taken))
            {
                taken = new HashSet<string>(StringComparer.Ordinal);
                slugs[categoryId] = taken;
            }

            return taken;
        }

        public void AddMedia(Attachment attachment, LocalImage image)
        {
            MediaById[attachment.PostId] = image;
            if (attachment.Url.Length > 0)
            {
                MediaByUrl[NormalizeMediaUrl(attachment.Url)] = image;
            }
        }

        public void Warn(string warning)
        {
            if (Summary.Warnings.Count < MaxWarnings)
            {
                Summary.Warnings.Add(warning);
            }
            else if (Summary.Warnings.Count == MaxWarnings)
            {
                Summary.Warnings.Add("… more warnings left out");
            }
        }
    }
}
