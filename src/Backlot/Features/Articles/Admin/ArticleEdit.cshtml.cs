using System.Globalization;
using Backlot.Data;
using Backlot.Features.Accounts;
using Backlot.Features.Admin;
using Backlot.Features.Listicles;
using Backlot.Features.Media;
using Backlot.Features.Site;
using Backlot.Features.Taxonomy;
using Backlot.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Features.Articles.Admin;

/// <summary>
/// Writing and editing one article. Item add, remove and move work as plain form posts (no
/// JavaScript needed, keyboard friendly); the editor script adds drag and drop, live checks,
/// Markdown preview and autosave on top.
/// </summary>
[RequestSizeLimit(MediaFeature.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MediaFeature.MaxRequestBytes)]
public sealed class ArticleEditModel(
    BacklotDb db,
    ArticleEditor editor,
    MediaLibrary media,
    MarkdownRenderer markdown,
    SiteSettings settings,
    ArticleAccess access,
    UserManager<BacklotUser> users) : AdminPage
{
    public override string Title => Id is null ? "New article" : $"Edit: {Form.Title}";

    [BindProperty(SupportsGet = true)]
    public int? Id { get; set; }

    [BindProperty]
    public ArticleForm Form { get; set; } = new();

    public IReadOnlyList<ListicleWarning> Warnings { get; private set; } = [];
    public EditorChoices Choices { get; private set; } = EditorChoices.Empty;
    public string? PublicPath { get; private set; }
    public int RevisionNumber { get; private set; }
    public bool CanPublish => User.HasAtLeast(Roles.Author);
    public bool CanChooseAuthor => User.HasAtLeast(Roles.Editor);

    public async Task<IActionResult> OnGetAsync(string? kind, CancellationToken cancellationToken)
    {
        if (Id is { } id)
        {
            var article = await db.Articles.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.AuthorId, a.Status }).FirstOrDefaultAsync(cancellationToken);
            if (article is null)
            {
                return NotFound();
            }

            if (!await access.MayEditAsync(User, article.AuthorId, article.Status))
            {
                return Forbid();
            }

            var draft = (await editor.LoadDraftAsync(id, cancellationToken))!;
            Form = await ToFormAsync(draft, cancellationToken);
        }
        else
        {
            Form.Kind = kind == nameof(ArticleKind.Listicle) ? ArticleKind.Listicle : ArticleKind.Story;
            Form.Status = ArticleStatus.Draft;
            if (Form.Kind == ArticleKind.Listicle)
            {
                Form.Items = [new(), new(), new()];
            }
        }

        await LoadPageAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        Article? result;
        try
        {
            result = await SaveAsync(cancellationToken);
        }
        catch (Exception e) when (StorageFailures.IsStorageFailure(e))
        {
            // A full or read-only disk or database: the editor keeps what they typed, and is told why.
            HttpContext.RequestServices.GetRequiredService<ILogger<ArticleEditModel>>().LogError(e, "Saving article {Id} failed: storage unavailable", Id);
            ModelState.AddModelError(string.Empty, $"Not saved: {StorageFailures.Detail} What you typed is still here.");
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            result = null;
        }

        if (result is { } saved)
        {
            Flash(saved.Status switch
            {
                ArticleStatus.Published => "Published.",
                ArticleStatus.Scheduled => $"Scheduled for {settings.Current.ToSiteTime(saved.PublishedAt!.Value):d MMM yyyy HH:mm}.",
                _ => "Saved.",
            } + (Warnings.Count > 0 ? $" {Warnings.Count} listicle {(Warnings.Count == 1 ? "warning" : "warnings")} to review." : ""));
            return Redirect($"/admin/articles/{saved.Id}");
        }

        await LoadPageAsync(cancellationToken);
        return Page();
    }

    /// <summary>Autosave from the editor script: drafts only, answers JSON with the id to keep saving to.</summary>
    public async Task<IActionResult> OnPostAutosaveAsync(CancellationToken cancellationToken)
    {
        if (Form.Status != ArticleStatus.Draft)
        {
            return new JsonResult(new { saved = false, reason = "Only drafts are saved automatically." });
        }

        var saved = await SaveAsync(cancellationToken);
        return saved is null
            ? new JsonResult(new { saved = false, errors = ModelState.Where(e => e.Value!.Errors.Count > 0).ToDictionary(e => e.Key, e => e.Value!.Errors.Select(x => x.ErrorMessage)) }) { StatusCode = Response.StatusCode == StatusCodes.Status403Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest }
            : new JsonResult(new { saved = true, id = saved.Id, at = DateTime.UtcNow });
    }

    public async Task<IActionResult> OnPostChecksAsync(CancellationToken cancellationToken) =>
        new JsonResult((await CheckAsync(cancellationToken)).Select(w => new { w.Code, w.Message, w.ItemPosition }));

    public IActionResult OnPostPreviewMarkdown(string? markdownText) =>
        markdownText is { Length: > 200_000 }
            ? BadRequest("The text is longer than 200,000 characters.")
            : Content(markdown.ToHtml(markdownText ?? ""), "text/html");

    public Task<IActionResult> OnPostAddItemAsync(CancellationToken cancellationToken)
    {
        Form.Items.Add(new ItemForm());
        return RedisplayAsync(cancellationToken);
    }

    public Task<IActionResult> OnPostRemoveItemAsync(int index, CancellationToken cancellationToken)
    {
        if (index >= 0 && index < Form.Items.Count)
        {
            Form.Items.RemoveAt(index);
        }

        return RedisplayAsync(cancellationToken);
    }

    public Task<IActionResult> OnPostMoveItemAsync(int index, int by, CancellationToken cancellationToken)
    {
        var target = index + Math.Sign(by);
        if (index >= 0 && index < Form.Items.Count && target >= 0 && target < Form.Items.Count)
        {
            (Form.Items[index], Form.Items[target]) = (Form.Items[target], Form.Items[index]);
        }

        return RedisplayAsync(cancellationToken);
    }

    private async Task<IActionResult> RedisplayAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear(); // re-render from the reordered model, not from the posted field names
        await LoadPageAsync(cancellationToken);
        return Page();
    }

    /// <summary>Validates, checks permissions and saves; null (with ModelState errors) when nothing was saved.</summary>
    private async Task<Article?> SaveAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            ModelState.AddModelError(string.Empty, "Sign in again.");
            return null;
        }

        if (Id is { } id)
        {
            var existing = await db.Articles.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.AuthorId, a.Status }).FirstOrDefaultAsync(cancellationToken);
            if (existing is null || !await access.MayEditAsync(User, existing.AuthorId, existing.Status))
            {
                ModelState.AddModelError(string.Empty, "You may not edit this article.");
                HttpContext.Response.StatusCode = StatusCodes.Status403Forbidden;
                return null;
            }
        }

        if (Form.Status is ArticleStatus.Published or ArticleStatus.Scheduled && !CanPublish)
        {
            ModelState.AddModelError("Form.Status", "Contributors save drafts; an author or editor publishes them.");
        }

        if (!Form.TryReadPublishAt(out var publishLocal))
        {
            ModelState.AddModelError("Form.PublishAt", "Enter the publish time as a date and time.");
        }

        var publishAt = publishLocal is { } local ? settings.Current.FromSiteTime(local) : (DateTime?)null;
        if (Form.Status == ArticleStatus.Scheduled && publishAt is null)
        {
            ModelState.AddModelError("Form.PublishAt", "Choose when the article goes live.");
        }

        var authorId = CanChooseAuthor && Form.AuthorId is { } chosen ? chosen : user.AuthorId;
        if (authorId is null)
        {
            ModelState.AddModelError("Form.AuthorId", "Your account has no byline; ask an administrator.");
        }

        Warnings = await CheckAsync(cancellationToken);
        var publishing = Form.Status is ArticleStatus.Published or ArticleStatus.Scheduled;
        if (publishing && Form.Items.Count > 0)
        {
            if (settings.Current.BlockPublishingOnListicleWarnings && Warnings.Count > 0)
            {
                ModelState.AddModelError("Form.Status", $"Publishing is blocked while the listicle has warnings ({Warnings.Count}). Fix them or save as a draft.");
            }

            await RequireAltTextAsync(cancellationToken);
        }

        if (!ModelState.IsValid)
        {
            return null;
        }

        await AttachUploadsAsync(cancellationToken);
        if (!ModelState.IsValid)
        {
            return null;
        }

        var draft = await ToDraftAsync(authorId!.Value, publishAt, cancellationToken);
        try
        {
            var article = Id is { } existingId
                ? await editor.UpdateAsync(existingId, draft, user.Email, cancellationToken)
                : await editor.CreateAsync(draft, user.Email, cancellationToken);
            Id = article.Id;
            return article;
        }
        catch (ArticleValidationException invalid)
        {
            foreach (var (field, messages) in invalid.Errors)
            {
                foreach (var message in messages)
                {
                    ModelState.AddModelError("Form." + field, message);
                }
            }

            return null;
        }
    }

    private async Task RequireAltTextAsync(CancellationToken cancellationToken)
    {
        var ids = Form.Items.Select(i => i.MediaId).Append(Form.HeroMediaId).OfType<int>().Distinct().ToList();
        var missing = await db.Media.Where(m => ids.Contains(m.Id) && m.AltText == "").Select(m => m.Id).ToListAsync(cancellationToken);
        for (var i = 0; i < Form.Items.Count; i++)
        {
            if (Form.Items[i].MediaId is { } mediaId && missing.Contains(mediaId))
            {
                ModelState.AddModelError($"Form.Items[{i}].MediaId", $"The image of item {i + 1} needs alt text before it can be published (edit it in the media library).");
            }
        }

        if (Form.HeroMediaId is { } hero && missing.Contains(hero))
        {
            ModelState.AddModelError("Form.HeroMediaId", "The hero image needs alt text before it can be published.");
        }
    }

    /// <summary>Images uploaded in place become library images linked to their item; a rejected file stops the save.</summary>
    private async Task AttachUploadsAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < Form.Items.Count; i++)
        {
            if (Form.Items[i].NewImage is not { Length: > 0 } file)
            {
                continue;
            }

            var item = Form.Items[i];
            if (string.IsNullOrWhiteSpace(item.NewImageAlt))
            {
                ModelState.AddModelError($"Form.Items[{i}].NewImageAlt", $"Describe the image of item {i + 1} (alt text).");
                continue;
            }

            try
            {
                var asset = await media.AddAsync(User, file, item.NewImageAlt, item.Caption ?? "", item.Credit ?? "", cancellationToken);
                item.MediaId = asset.Id;
                item.NewImageAlt = null;
            }
            catch (ImageRejectedException rejected)
            {
                ModelState.AddModelError($"Form.Items[{i}].NewImage", $"Item {i + 1}: {rejected.Message}");
            }
        }
    }

    private async Task<IReadOnlyList<ListicleWarning>> CheckAsync(CancellationToken cancellationToken)
    {
        if (Form.Items.Count == 0)
        {
            return [];
        }

        var mediaIds = Form.Items.Select(i => i.MediaId).OfType<int>().ToList();
        var alts = await db.Media.Where(m => mediaIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.AltText, cancellationToken);
        var workIds = Form.Items.Select(i => i.WorkId).OfType<int>().ToList();
        var works = await db.Works.AsNoTracking().Where(w => workIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, cancellationToken);
        var facts = Form.Items.Select((item, index) =>
        {
            var hasUpload = item.NewImage is { Length: > 0 };
            var work = item.WorkId is { } w && works.TryGetValue(w, out var found) ? found : null;
            return new ListicleItemFacts(
                item.Heading ?? "",
                item.Body ?? "",
                item.MediaId is not null || hasUpload,
                item.MediaId is { } m ? alts.GetValueOrDefault(m) : item.NewImageAlt,
                item.Caption ?? "",
                work?.Title,
                work?.AlternateTitles);
        }).ToList();
        return ListicleChecks.Check(Form.Title, Form.Body ?? "", facts);
    }

    private async Task<ArticleDraft> ToDraftAsync(int authorId, DateTime? publishAt, CancellationToken cancellationToken) => new()
    {
        Title = Form.Title,
        Slug = Form.Slug,
        Dek = Form.Dek ?? "",
        Body = Form.Body ?? "",
        Kind = Form.Items.Count > 0 ? ArticleKind.Listicle : Form.Kind,
        Status = Form.Status,
        PublishedAt = publishAt,
        AuthorId = authorId,
        CategoryId = Form.CategoryId,
        HeroMediaId = Form.HeroMediaId,
        SeoTitle = Form.SeoTitle,
        SeoDescription = Form.SeoDescription,
        NotifySubscribers = Form.NotifySubscribers,
        CommentsClosed = Form.CommentsClosed,
        TagIds = await TagIdsAsync(Form.Tags, cancellationToken),
        WorkIds = Form.WorkIds,
        PersonIds = Form.PersonIds,
        Items = [.. Form.Items.Select(i => new ItemDraft(i.Heading ?? "", i.Body ?? "", i.MediaId, i.Caption ?? "", i.Credit ?? "", i.WorkId))],
    };

    /// <summary>Tags by name; names not seen before become new tags.</summary>
    private async Task<List<int>> TagIdsAsync(string? names, CancellationToken cancellationToken)
    {
        var wanted = (names ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(n => n.Length <= 200 && Taxonomy.Slug.From(n).Length > 0)
            .DistinctBy(Taxonomy.Slug.From)
            .Take(30)
            .ToList();
        var slugs = wanted.Select(Taxonomy.Slug.From).ToList();
        var existing = await db.Tags.AsTracking().Where(t => slugs.Contains(t.Slug)).ToListAsync(cancellationToken);
        foreach (var name in wanted.Where(n => existing.All(t => t.Slug != Taxonomy.Slug.From(n))))
        {
            var tag = new Tag { Slug = Taxonomy.Slug.From(name), Name = name };
            db.Tags.Add(tag);
            existing.Add(tag);
        }

        await db.SaveChangesAsync(cancellationToken);
        return [.. existing.Select(t => t.Id)];
    }

    private async Task<ArticleForm> ToFormAsync(ArticleDraft draft, CancellationToken cancellationToken)
    {
        var tagNames = await db.Tags.AsNoTracking().Where(t => draft.TagIds.Contains(t.Id)).Select(t => t.Name).ToListAsync(cancellationToken);
        return new ArticleForm
        {
            Title = draft.Title,
            Slug = draft.Slug,
            Dek = draft.Dek,
            Body = draft.Body,
            Kind = draft.Kind,
            Status = draft.Status,
            PublishAt = draft.PublishedAt is { } at ? settings.Current.ToSiteTime(at).ToString(ArticleForm.DateTimeLocalFormat, CultureInfo.InvariantCulture) : null,
            CategoryId = draft.CategoryId,
            AuthorId = draft.AuthorId,
            HeroMediaId = draft.HeroMediaId,
            SeoTitle = draft.SeoTitle,
            SeoDescription = draft.SeoDescription,
            NotifySubscribers = draft.NotifySubscribers,
            CommentsClosed = draft.CommentsClosed,
            Tags = string.Join(", ", tagNames),
            WorkIds = [.. draft.WorkIds],
            PersonIds = [.. draft.PersonIds],
            Items = [.. draft.Items.Select(i => new ItemForm { Heading = i.Heading, Body = i.Body, MediaId = i.MediaId, Caption = i.Caption, Credit = i.Credit, WorkId = i.WorkId })],
        };
    }

    private async Task LoadPageAsync(CancellationToken cancellationToken)
    {
        Choices = await EditorChoices.LoadAsync(db, cancellationToken);
        if (Warnings.Count == 0)
        {
            Warnings = await CheckAsync(cancellationToken);
        }

        if (Id is { } id)
        {
            var article = await db.Articles.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.Slug, Category = a.Category.Slug, a.RevisionNumber }).FirstOrDefaultAsync(cancellationToken);
            PublicPath = article is null ? null : ArticleUrls.PathOf(article.Category, article.Slug);
            RevisionNumber = article?.RevisionNumber ?? 0;
        }
    }
}

/// <summary>The lists the editor's selects offer.</summary>
public sealed record EditorChoices(
    IReadOnlyList<SelectListItem> Categories,
    IReadOnlyList<SelectListItem> Authors,
    IReadOnlyList<SelectListItem> Works,
    IReadOnlyList<SelectListItem> People,
    IReadOnlyList<MediaChoice> Media,
    IReadOnlyList<string> TagNames)
{
    public static readonly EditorChoices Empty = new([], [], [], [], [], []);

    public static async Task<EditorChoices> LoadAsync(BacklotDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var categories = await db.Categories.AsNoTracking().OrderBy(c => c.Name).Select(c => new SelectListItem(c.Name, c.Id.ToString(CultureInfo.InvariantCulture))).ToListAsync(cancellationToken);
        var authors = await db.Authors.AsNoTracking().OrderBy(a => a.Name).Select(a => new SelectListItem(a.Name, a.Id.ToString(CultureInfo.InvariantCulture))).ToListAsync(cancellationToken);
        var works = await db.Works.AsNoTracking().OrderBy(w => w.Title).Select(w => new SelectListItem(w.Year == null ? w.Title : w.Title + " (" + w.Year + ")", w.Id.ToString(CultureInfo.InvariantCulture))).ToListAsync(cancellationToken);
        var people = await db.People.AsNoTracking().OrderBy(p => p.Name).Select(p => new SelectListItem(p.Name, p.Id.ToString(CultureInfo.InvariantCulture))).ToListAsync(cancellationToken);
        var media = await db.Media.AsNoTracking().OrderByDescending(m => m.Id).Take(300)
            .Select(m => new MediaChoice(m.Id, m.StorageKey, m.AltText, m.VariantWidths)).ToListAsync(cancellationToken);
        var tags = await db.Tags.AsNoTracking().OrderBy(t => t.Name).Select(t => t.Name).Take(1000).ToListAsync(cancellationToken);
        return new EditorChoices(categories, authors, works, people, media, tags);
    }
}

public sealed record MediaChoice(int Id, string StorageKey, string AltText, List<int> VariantWidths)
{
    public string Label => AltText.Length > 0 ? $"#{Id}: {AltText}" : $"#{Id} (no alt text)";
}
